import Diagnostics
import Foundation
import OpenMapBuild
import OpenMapContent
import OpenMapRender

/// What the preview serves: the last good build, the current problems, and the open pages
/// waiting for a reload.
actor PreviewState {
    /// The last build without errors: its files are made when asked for (`PreviewSite`).
    private(set) var site: PreviewSite?
    /// Pages of drafts and scheduled items, marked in the preview.
    private(set) var heldPaths: [String: Publication.Reason] = [:]
    /// The errors of the latest build (empty when it succeeded), formatted as in the terminal.
    private(set) var errorReport: String?
    /// Counts the builds, to name reload events.
    private(set) var generation = 0
    private(set) var hasGoodBuild = false
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextListener = 0

    /// Takes a finished build: a good one replaces the site, a failed one only sets the errors.
    /// Returns the build's generation, and the site it replaced (for the caller to let go of).
    @discardableResult
    func update(report: BuildReport, site newSite: PreviewSite?) -> (generation: Int, replaced: PreviewSite?) {
        generation += 1
        var replaced: PreviewSite?
        if report.hasErrors || newSite == nil {
            errorReport = Self.format(report.diagnostics, sources: report.sources)
        } else {
            errorReport = nil
            hasGoodBuild = true
            replaced = site
            site = newSite
            var held: [String: Publication.Reason] = [:]
            for item in report.held {
                if let path = item.sitePath { held[path + "index.html"] = item.reason }
            }
            heldPaths = held
        }
        reloadOpenPages()
        return (generation, replaced)
    }

    /// Problems found after the build was published (the links the templates write, checked
    /// over every page once the reload is sent): shown over the pages if the build is still the
    /// latest.
    func reportLateProblems(_ problems: [Diagnostic], sources: [String: String], generation built: Int) {
        guard built == generation, !problems.isEmpty else { return }
        generation += 1
        errorReport = Self.format(problems, sources: sources)
        reloadOpenPages()
    }

    private func reloadOpenPages() {
        let event = "event: reload\ndata: \(generation)\n\n"
        for listener in listeners.values { listener.yield(event) }
    }

    private static func format(_ diagnostics: [Diagnostic], sources: [String: String]) -> String {
        let printer = DiagnosticPrinter(useColour: false) { file in
            sources[file] ?? (try? String(contentsOfFile: file, encoding: .utf8))
        }
        let errors = diagnostics.filter { $0.severity == .error }
        return errors.map(printer.format).joined() + DiagnosticPrinter.summary(errors)
    }

    /// A stream of server-sent events for one open page.
    func listen() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let id = nextListener
        nextListener += 1
        listeners[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.forget(id) }
        }
        // A first comment sends the headers at once, so the browser knows it is connected.
        continuation.yield(": openmap preview, build \(generation)\n\n")
        return stream
    }

    private func forget(_ id: Int) { listeners[id] = nil }

    var listenerCount: Int { listeners.count }

    /// Ends every event stream, so that the server can stop without waiting for open pages.
    func closeAll() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }
}
