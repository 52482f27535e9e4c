import Diagnostics
import Foundation
import OpenMapBuild
import OpenMapContent
import OpenMapRender

/// What the preview serves: the last good build, the current problems, and the open pages
/// waiting for a reload.
actor PreviewState {
    /// The files of the last build without errors, by path (`matinales/x/index.html`).
    private(set) var files: [String: OutputFile.Contents] = [:]
    /// Pages of drafts and scheduled items, marked in the preview.
    private(set) var heldPaths: [String: Publication.Reason] = [:]
    /// The errors of the latest build (empty when it succeeded), formatted as in the terminal.
    private(set) var errorReport: String?
    /// Counts the builds, to name reload events.
    private(set) var generation = 0
    private(set) var hasGoodBuild = false
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextListener = 0

    /// Takes a finished build: a good one replaces the pages, a failed one only sets the errors.
    func update(report: BuildReport, files newFiles: [OutputFile]) {
        generation += 1
        if report.hasErrors {
            let sources = report.sources
            let printer = DiagnosticPrinter(useColour: false) { file in
                sources[file] ?? (try? String(contentsOfFile: file, encoding: .utf8))
            }
            let errors = report.diagnostics.filter { $0.severity == .error }
            errorReport = errors.map(printer.format).joined() + DiagnosticPrinter.summary(errors)
        } else {
            errorReport = nil
            hasGoodBuild = true
            var byPath: [String: OutputFile.Contents] = [:]
            for file in newFiles { byPath[file.path] = file.contents }
            files = byPath
            var held: [String: Publication.Reason] = [:]
            for item in report.held {
                if let path = item.sitePath { held[path + "index.html"] = item.reason }
            }
            heldPaths = held
        }
        let event = "event: reload\ndata: \(generation)\n\n"
        for listener in listeners.values { listener.yield(event) }
    }

    func contents(at path: String) -> OutputFile.Contents? { files[path] }

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
