import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized) struct PreviewServerTests {
    /// Starts the built `openmap serve` on a free loopback port over a copy of the sample; stops
    /// it at the end. A process of its own, not a server inside the test process: there, its
    /// first build and its requests would wait for threads that Swift's concurrency shares with
    /// every other suite, and on a loaded two-core machine the suites kept it from starting for
    /// minutes.
    func withServer(allowing hosts: [String] = [], _ body: (Int, URL) async throws -> Void) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: openmapBinary.path), "build the openmap binary first")
        let folder = try copySample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["--content", folder.appendingPathComponent("content").path,
                         "--templates", folder.appendingPathComponent("templates").path,
                         "--now", "2015-09-01"] + hosts.flatMap { ["--allow-host", $0] }
        let (process, port, output) = try startServe(arguments)
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let listening = try #require(port, "no address in: \(output)")
        try await body(listening, folder)
    }

    @Test func servesEditsReloadsAndOverlaysErrors() async throws {
        try await withServer { port, folder in
            // A page is served, with the reload script injected.
            let home = try get("/", port: port)
            #expect(home.status == 200)
            #expect(home.body.contains("/__openmap/events"))
            let about = try get("/a-propos/", port: port)
            #expect(about.status == 200)
            #expect(about.body.contains("Le programme OpenMap Numériques"))
            #expect(try get("/a-propos", port: port).status == 301)
            #expect(try get("/static/openmap.css", port: port).status == 200)
            #expect(try get("/nulle-part/", port: port).status == 404)
            // The files beside the pages, made when first asked for.
            #expect(try get("/sitemap.xml", port: port).body.contains("/a-propos/</loc>"))
            #expect(try get("/flux/besoins.xml", port: port).body.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
            let openData = try get("/donnees/besoins.json", port: port)
            #expect(openData.status == 200 && openData.body.contains("\"plaine-commune-2015-"))
            let index = try get("/besoins/index.json", port: port).body
            #expect(index.contains("\"v\":2") && index.contains("[\"plaine-commune-2015-"))
            #expect(try get("/prestataires/index.json", port: port).body.contains("[\"datavilles\","))
            #expect(try get("/recherche/index.json", port: port).body.contains("\"feuille-de-route\""))
            #expect(try get("/donnees/prestataires.csv", port: port).status == 200)

            // An edit is visible at the next request and sends a reload event.
            let events = try HTTPConnection(port: port)
            events.send("/__openmap/events")
            let opening = events.read(until: { $0.contains("openmap preview") }, timeout: .seconds(5))
            #expect(opening.contains("text/event-stream"))
            let page = folder.appendingPathComponent("content/pages/a-propos.md")
            let original = try String(contentsOf: page, encoding: .utf8)
            let saved = ContinuousClock.now
            try original.replacingOccurrences(of: "title: Le programme OpenMap Numériques",
                                              with: "title: Le programme modifié en direct")
                .write(to: page, atomically: true, encoding: .utf8)
            let stream = events.read(until: { $0.contains("event: reload") }, timeout: .seconds(60))
            let elapsed = ContinuousClock.now - saved
            #expect(stream.contains("event: reload"))
            print("save → reload event: \(elapsed.formatted(.units(allowed: [.milliseconds])))")
            #expect(try await eventually { try get("/a-propos/", port: port).body.contains("Le programme modifié en direct") })

            // A broken edit: every page shows the overlay over the last good version.
            let roadmap = folder.appendingPathComponent("content/roadmaps/2015/plaine-commune.md")
            let roadmapText = try String(contentsOf: roadmap, encoding: .utf8)
            let broken = roadmapText.replacingOccurrences(of: "theme: ", with: "theme: mobilte-inconnue-", options: [],
                                                          range: roadmapText.range(of: "theme: "))
            try broken.write(to: roadmap, atomically: true, encoding: .utf8)
            let second = events.read(until: { $0.contains("event: reload") }, timeout: .seconds(60))
            #expect(second.contains("event: reload"))
            #expect(try await eventually { try get("/a-propos/", port: port).body.contains("data-openmap-errors") })
            let overlaid = try get("/a-propos/", port: port)
            #expect(overlaid.status == 200)
            #expect(overlaid.body.contains("data-openmap-errors"))
            #expect(overlaid.body.contains("plaine-commune.md:"))
            #expect(overlaid.body.contains("unknown-theme"))
            #expect(overlaid.body.contains("Le programme modifié en direct"))
            let other = try get("/feuilles-de-route/2015/plaine-commune/", port: port)
            #expect(other.status == 200)
            #expect(other.body.contains("data-openmap-errors"))

            // Fixed: the overlay is gone.
            try roadmapText.write(to: roadmap, atomically: true, encoding: .utf8)
            #expect(events.read(until: { $0.contains("event: reload") }, timeout: .seconds(60)).contains("event: reload"))
            #expect(try await eventually { !(try get("/a-propos/", port: port).body.contains("data-openmap-errors")) })
        }
    }

    /// A save reloads the pages as soon as the views are ready; the links the templates write
    /// are checked over every page afterwards, and a broken one is laid over the pages.
    @Test func brokenTemplateLinksAreOverlaidAfterTheReload() async throws {
        try await withServer { port, folder in
            let events = try HTTPConnection(port: port)
            events.send("/__openmap/events")
            _ = events.read(until: { $0.contains("openmap preview") }, timeout: .seconds(5))
            let layout = folder.appendingPathComponent("templates/layout.mustache")
            let text = try String(contentsOf: layout, encoding: .utf8)
            try text.replacingOccurrences(of: "<main", with: "<a href=\"{{root}}n-existe-pas/\">x</a><main")
                .write(to: layout, atomically: true, encoding: .utf8)
            var overlaid = ""
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                _ = events.read(until: { $0.contains("event: reload") }, timeout: .seconds(5))
                overlaid = try get("/a-propos/", port: port).body
                if overlaid.contains("data-openmap-errors") { break }
            }
            #expect(overlaid.contains("data-openmap-errors"))
            #expect(overlaid.contains("broken-template-link"))
            #expect(overlaid.contains("n-existe-pas/"))
            // The page itself is the new one, with the broken link in it.
            #expect(overlaid.contains("href=\"../n-existe-pas/\""))
        }
    }

    /// Drafts are for the editor: a page of another site, pointing a name of its own at the
    /// preview's address (DNS rebinding), gets nothing.
    @Test func answersOnlyItsOwnHost() async throws {
        try await withServer(allowing: ["poste-redaction.local"]) { port, _ in
            for host in ["127.0.0.1", "localhost", "localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)", "LOCALHOST",
                         "poste-redaction.local:\(port)"] {
                #expect(try get("/", port: port, host: host).status == 200, "\(host)")
            }
            for host in ["evil.example.com", "evil.example.com:\(port)", "127.0.0.1.evil.example.com", "localhost.evil.example.com", ""] {
                let response = try get("/a-propos/", port: port, host: host)
                #expect(response.status == 403, "\(host)")
                #expect(!response.body.contains("Le programme OpenMap Numériques"))
            }
            #expect(try get("/__openmap/events", port: port, host: "evil.example.com").status == 403)
        }
    }

    enum Save: String, CaseIterable {
        /// The file emptied, then, a little later, written (some editors, and `>` in a shell).
        case truncateThenWrite
        /// Written in one go, the new text the same length as the old one.
        case inOneGoSameLength
        /// Written beside, then renamed over the file (most editors' safe save).
        case temporaryThenRename
    }

    /// However an editor saves, once the files have been quiet for 300 ms the preview serves
    /// what is on disk: a change during a rebuild makes another.
    @Test(arguments: Save.allCases)
    func servesWhatIsOnDiskOnceSavesStop(_ save: Save) async throws {
        try await withServer { port, folder in
            let page = folder.appendingPathComponent("content/pages/a-propos.md")
            let original = try String(contentsOf: page, encoding: .utf8)
            for round in 1...3 {
                // Same length each round: only the content tells the versions apart.
                let title = "Titre numéro \(round)"
                let text = original.replacingOccurrences(of: "title: Le programme OpenMap Numériques", with: "title: \(title)")
                switch save {
                case .truncateThenWrite:
                    try Data().write(to: page)
                    try await Task.sleep(for: .milliseconds(150))
                    try text.write(to: page, atomically: false, encoding: .utf8)
                case .inOneGoSameLength:
                    try text.write(to: page, atomically: false, encoding: .utf8)
                case .temporaryThenRename:
                    let temporary = page.deletingLastPathComponent().appendingPathComponent(".a-propos.md.swp")
                    try text.write(to: temporary, atomically: false, encoding: .utf8)
                    _ = rename(temporary.path, page.path)
                }
                // Quiet for 300 ms, then as long as a rebuild takes on a loaded machine.
                try await Task.sleep(for: .milliseconds(300))
                let deadline = ContinuousClock.now + .seconds(30)
                var body = ""
                while ContinuousClock.now < deadline {
                    body = try get("/a-propos/", port: port).body
                    if body.contains(title) { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(body.contains(title), "\(save), round \(round)")
                #expect(!body.contains("data-openmap-errors"), "\(save), round \(round)")
            }
        }
    }

    @Test func showsDraftsMarkedOnlyInPreview() async throws {
        try await withServer { port, folder in
            let events = try HTTPConnection(port: port)
            events.send("/__openmap/events")
            _ = events.read(until: { $0.contains("openmap preview") }, timeout: .seconds(5))
            let page = folder.appendingPathComponent("content/pages/brouillon-test.md")
            try "---\ntitle: Page en préparation\ndraft: true\n---\nBientôt.\n".write(to: page, atomically: true, encoding: .utf8)
            _ = events.read(until: { $0.contains("event: reload") }, timeout: .seconds(60))
            let draft = try get("/brouillon-test/", port: port)
            #expect(draft.status == 200)
            #expect(draft.body.contains("data-openmap-draft"))
            #expect(draft.body.contains("Brouillon"))
            #expect(!(try get("/a-propos/", port: port).body.contains("data-openmap-draft")))
        }
    }
}

/// The built `openmap serve` stops on SIGINT and SIGTERM, even with a page listening.
@Suite struct ServeSignalTests {
    static let binary = packageRoot.appendingPathComponent(".build/debug/openmap")

    @Test(arguments: [SIGINT, SIGTERM])
    func stopsOnSignal(_ signal: Int32) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the openmap binary first")
        let (process, port, output) = try startServe(["--content", packageRoot.appendingPathComponent("content").path,
                                                      "--templates", packageRoot.appendingPathComponent("templates").path])
        defer { if process.isRunning { process.terminate() } }
        let listening = try #require(port, "no address in: \(output)")
        #expect(try get("/", port: listening).status == 200)
        let events = try HTTPConnection(port: listening)
        events.send("/__openmap/events")
        _ = events.read(until: { $0.contains("openmap preview") }, timeout: .seconds(5))

        kill(process.processIdentifier, signal)
        let stopDeadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < stopDeadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        if !process.isRunning { #expect(process.terminationStatus == 0) }
    }
}
