import ArgumentParser
import Dispatch
import Foundation
import OpenMapContent
import OpenMapServe

struct Serve: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: T(fr: "Aperçu du site pendant l’écriture : reconstruit et rechargé à chaque enregistrement.",
                        en: "Preview the site while you write: rebuilt and reloaded on every save.").text,
            discussion: T(fr: """
                Construit le site en mémoire (site/ n’est jamais touché) et le sert sur \
                http://127.0.0.1:8080. Chaque enregistrement sous les dossiers du contenu et des gabarits \
                reconstruit le site et recharge les pages ouvertes. Quand le contenu a des erreurs, le \
                navigateur les affiche par-dessus la dernière bonne version de la page, comme le terminal. \
                Les brouillons et ce qui paraît après --now sont montrés, avec un bandeau « Brouillon ». \
                Ctrl-C arrête l’aperçu.

                L’aperçu ne répond qu’aux requêtes adressées à localhost, 127.0.0.1, [::1] ou à \
                l’adresse donnée par --host : une page web que vous visitez ne peut pas lire vos \
                brouillons en faisant pointer un nom à elle vers cette adresse (« DNS rebinding »). \
                Pour ouvrir l’aperçu sous un autre nom (depuis une machine de votre réseau), \
                autorisez ce nom avec --allow-host.
                """, en: """
                Builds the site into memory (site/ is never touched) and serves it on \
                http://127.0.0.1:8080. Every save under the content and templates folders rebuilds the \
                site and reloads the open pages. When the content has errors, the browser lays them \
                over the last good version of the page, as the terminal prints them. Drafts and items \
                published after --now are shown, with a « Brouillon » banner. Ctrl-C stops the server.

                The preview answers only requests addressed to localhost, 127.0.0.1, [::1] or the \
                --host given: a web page you visit cannot read your drafts by pointing a name of its \
                own at this address (DNS rebinding). To open the preview under another name (a \
                machine on your network), allow that name with --allow-host.
                """).text)
    }

    @Option(name: .long, help: ArgumentHelp(T(fr: "L’adresse d’écoute.", en: "The address to listen on.").text, valueName: "host"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp(T(fr: "Le port d’écoute (0 : un port libre).", en: "The port to listen on (0: any free port).").text,
                                            valueName: "port"))
    var port = 8080

    @Option(name: .customLong("allow-host"), help: ArgumentHelp(
        T(fr: "Un autre nom d’hôte auquel l’aperçu répond (à répéter pour plusieurs).",
          en: "Another host name the preview answers to (repeat for several).").text, valueName: T(fr: "nom", en: "name").text))
    var allowedHosts: [String] = []

    @Option(name: .long, help: ArgumentHelp(T.contentHelp.text, valueName: T.dir.text))
    var content = "content"

    @Option(name: .long, help: ArgumentHelp(T.templatesHelp.text, valueName: T.dir.text))
    var templates = "templates"

    @Option(name: .long, help: ArgumentHelp(T(fr: "La date du jour de l’aperçu, AAAA-MM-JJ (par défaut : aujourd’hui à Paris).",
                                              en: "The preview's today, YYYY-MM-DD (default: today in Europe/Paris).").text,
                                            valueName: T.date.text))
    var now: String?

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp(
        T(fr: "Le dossier où lire l’enregistrement de la construction au démarrage (par défaut : .openmap/ à côté du dossier de contenu).",
          en: "Where the build record is read from at start (default: .openmap/ beside the content folder).").text, valueName: T.dir.text))
    var cacheDirectory: String?

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if let now, LocalDate(iso: now) == nil {
            throw ValidationError(T.nowInvalid(now).text)
        }
        guard (0...65535).contains(port) else {
            throw ValidationError(T(fr: "--port vaut de 0 à 65535", en: "--port must be between 0 and 65535").text)
        }
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
                let line = T(fr: "[openmap serve] http://\(host):\(port)/ — Ctrl-C pour arrêter\n",
                             en: "[openmap serve] http://\(host):\(port)/ — Ctrl-C to stop\n").text
                FileHandle.standardError.write(Data(line.utf8))
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
        FileHandle.standardError.write(Data(T(fr: "[openmap serve] arrêté\n", en: "[openmap serve] stopped\n").text.utf8))
    }
}
