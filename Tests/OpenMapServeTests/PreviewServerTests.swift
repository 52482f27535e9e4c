import Foundation
import OpenMapContent
import OpenMapServe
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Records the port the server listens on.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int?
    func set(_ port: Int) { lock.withLock { value = port } }
    var port: Int? { lock.withLock { value } }
}

@Suite(.serialized) struct PreviewServerTests {
    /// Starts a server on a free loopback port over a copy of the sample; stops it at the end.
    func withServer(_ body: (Int, URL) async throws -> Void) async throws {
        let folder = try copySample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = PreviewServer(options: PreviewOptions(
            port: 0, contentDirectory: folder.appendingPathComponent("content").path,
            templatesDirectory: folder.appendingPathComponent("templates").path,
            today: LocalDate(year: 2015, month: 9, day: 1)))
        let box = PortBox()
        let task = Task { try await server.run(onReady: { box.set($0) }) }
        defer { task.cancel() }
        let deadline = ContinuousClock.now + .seconds(180)
        while box.port == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let port = try #require(box.port)
        try await body(port, folder)
        task.cancel()
        _ = await task.result
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
            #expect(try get("/besoins/index.json", port: port).body.contains("[\"plaine-commune\",\"Plaine Commune\""))

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
            #expect(try get("/a-propos/", port: port).body.contains("Le programme modifié en direct"))

            // A broken edit: every page shows the overlay over the last good version.
            let roadmap = folder.appendingPathComponent("content/roadmaps/2015/plaine-commune.md")
            let roadmapText = try String(contentsOf: roadmap, encoding: .utf8)
            let broken = roadmapText.replacingOccurrences(of: "theme: ", with: "theme: mobilte-inconnue-", options: [],
                                                          range: roadmapText.range(of: "theme: "))
            try broken.write(to: roadmap, atomically: true, encoding: .utf8)
            let second = events.read(until: { $0.contains("event: reload") }, timeout: .seconds(60))
            #expect(second.contains("event: reload"))
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
            #expect(!(try get("/a-propos/", port: port).body.contains("data-openmap-errors")))
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

    @Test func showsDraftsMarkedOnlyInPreview() async throws {
        try await withServer { port, folder in
            let page = folder.appendingPathComponent("content/pages/brouillon-test.md")
            try "---\ntitle: Page en préparation\ndraft: true\n---\nBientôt.\n".write(to: page, atomically: true, encoding: .utf8)
            let events = try HTTPConnection(port: port)
            events.send("/__openmap/events")
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
