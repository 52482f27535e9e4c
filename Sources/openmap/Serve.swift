import ArgumentParser
import Dispatch
import Foundation
import OpenMapContent
import OpenMapServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site while you write: rebuilt and reloaded on every save.",
        discussion: """
            Builds the site into memory (site/ is never touched) and serves it on \
            http://127.0.0.1:8080. Every save under the content and templates folders rebuilds the \
            site and reloads the open pages. When the content has errors, the browser lays them \
            over the last good version of the page, as the terminal prints them. Drafts and items \
            published after --now are shown, with a « Brouillon » banner. Ctrl-C stops the server.

            The preview answers only requests addressed to localhost, 127.0.0.1, [::1] or the \
            --host given: a web page you visit cannot read your drafts by pointing a name of its \
            own at this address (DNS rebinding). To open the preview under another name (a \
            machine on your network), allow that name with --allow-host.
            """)

    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "host"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port = 8080

    @Option(name: .customLong("allow-host"), help: ArgumentHelp(
        "Another host name the preview answers to (repeat for several).", valueName: "name"))
    var allowedHosts: [String] = []

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content = "content"

    @Option(name: .long, help: ArgumentHelp("The templates folder.", valueName: "dir"))
    var templates = "templates"

    @Option(name: .long, help: ArgumentHelp("The preview's today, YYYY-MM-DD (default: today in Europe/Paris).",
                                            valueName: "date"))
    var now: String?

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp(
        "Where the build record is read from at start (default: .openmap/ beside the content folder).", valueName: "dir"))
    var cacheDirectory: String?

    func validate() throws {
        if let now, LocalDate(iso: now) == nil {
            throw ValidationError("--now expects a date YYYY-MM-DD, found « \(now) »")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let today = now.flatMap { LocalDate(iso: $0) } ?? InputOptions.todayInParis()
        let server = PreviewServer(
            options: PreviewOptions(host: host, port: port, contentDirectory: content, templatesDirectory: templates,
                                    today: today, allowedHosts: allowedHosts, cacheDirectory: cacheDirectory),
            log: { line in FileHandle.standardError.write(Data("[openmap serve] \(line)\n".utf8)) })
        let host = self.host
        let task = Task {
            try await server.run(onReady: { port in
                FileHandle.standardError.write(Data("[openmap serve] http://\(host):\(port)/ — Ctrl-C to stop\n".utf8))
            })
        }
        // Ctrl-C and SIGTERM end the server task: open pages are told to stop listening, the
        // port is released, and the command exits with status 0.
        let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        do {
            try await task.value
        } catch is CancellationError {
        }
        FileHandle.standardError.write(Data("[openmap serve] stopped\n".utf8))
    }
}
