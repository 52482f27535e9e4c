import Diagnostics
import Hummingbird

/// The preview answers only requests addressed to itself. It shows drafts (a buyer's roadmap
/// before publication): a web page the editor visits must not be able to read it by pointing
/// a name of its own at 127.0.0.1 (DNS rebinding, the attack behind webpack-dev-server's and
/// Vite's advisories). A request whose `Host` is not a loopback name, the `--host` given or a
/// name allowed with `--allow-host` gets 403.
struct HostCheck<Context: RequestContext>: RouterMiddleware {
    /// Lowercase host names, without port.
    let allowed: Set<String>

    /// The names the preview answers to: the loopback names, `host` (unless it listens on every
    /// address) and `extra`.
    static func names(host: String, extra: [String]) -> Set<String> {
        var names: Set<String> = ["localhost", "127.0.0.1", "::1", "[::1]"]
        if host != "0.0.0.0", host != "::" { names.insert(host.lowercased()) }
        for name in extra { names.insert(name.lowercased()) }
        return names
    }

    /// `Host` without its port: « localhost:8080 » → « localhost », « [::1]:8080 » → « [::1] ».
    static func hostName(_ authority: String) -> String {
        let lowercased = authority.lowercased()
        if lowercased.hasPrefix("[") {
            guard let end = lowercased.firstIndex(of: "]") else { return lowercased }
            return String(lowercased[...end])
        }
        return String(lowercased.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let authority = request.head.authority, allowed.contains(Self.hostName(authority)) else {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            let name = request.head.authority ?? "-"
            let text = LocalizedText(
                fr: "Hôte refusé : « \(name) ». L'aperçu d'openmap ne répond qu'à son propre nom (localhost, 127.0.0.1 ou l'adresse donnée par --host) ; ajoutez-en un autre avec --allow-host.\n",
                en: "Host refused: “\(name)”. openmap's preview answers only its own name (localhost, 127.0.0.1 or the address given with --host); allow another one with --allow-host.\n")[.current]
            return Response(status: .forbidden, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        return try await next(request, context)
    }
}
