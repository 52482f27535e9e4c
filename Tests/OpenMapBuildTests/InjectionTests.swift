import Diagnostics
import Foundation
import Testing
@testable import OpenMapBuild

/// Text from content never becomes markup: payloads appended to every plain-text field of the
/// sample content come out escaped; script URLs, raw HTML and payloads in CSV slugs are refused.
@Suite struct InjectionTests {
    static let script = "<script>alert(1)</script>"
    static let attribute = "\"onmouseover=alert(1) x=\""
    static let payload = " " + script + " " + attribute

    /// Keys whose values are free text shown on pages (titles, names, summaries, programme,
    /// speakers, venue…). Slugs, dates and URLs are checked by their own rules.
    static let textKeys: Set<String> = [
        "title", "name", "summary", "description", "role", "organisation", "address", "city", "host", "moderator",
        "label", "quote", "author", "caption", "intro", "subtitle", "speaker", "note", "notes", "offer", "excerpt",
        "publication_director", "lead", "tagline", "location", "room", "function", "company", "headline",
    ]

    /// `key: plain value` → `key: "plain value <payload>"`, keeping indentation and list dashes.
    static func inject(_ text: String) -> (String, Int) {
        var count = 0
        let pattern = /^(\s*(?:- )?)([a-z_]+): ([^"'\[\]{}|>&*!#%@`\s][^#]*)$/
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let match = String(line).wholeMatch(of: pattern), textKeys.contains(String(match.2)) else { return String(line) }
            count += 1
            let value = String(match.3).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            let escapedPayload = payload.replacingOccurrences(of: "\"", with: "\\\"")
            return "\(match.1)\(match.2): \"\(value)\(escapedPayload)\""
        }
        return (lines.joined(separator: "\n"), count)
    }

    func copyOfSampleContent() throws -> URL {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-inject-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Repository.content), to: workspace.appendingPathComponent("content"))
        return workspace
    }

    func files(under folder: URL, endingWith suffixes: [String]) -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { url in suffixes.contains { url.path.hasSuffix($0) } }.sorted { $0.path < $1.path }
    }

    @Test func payloadsInEveryTextFieldComeOutEscaped() throws {
        let workspace = try copyOfSampleContent()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let content = workspace.appendingPathComponent("content")
        var injected = 0
        for file in files(under: content, endingWith: [".yaml", ".md"]) {
            let (text, count) = Self.inject(try String(contentsOf: file, encoding: .utf8))
            injected += count
            try Data(text.utf8).write(to: file)
        }
        #expect(injected > 100, "only \(injected) fields carry the payload")

        let output = workspace.appendingPathComponent("site")
        let report = BuildPipeline(options: BuildOptions(contentDirectory: content.path, templatesDirectory: Repository.templates,
                                                         outputDirectory: output.path)).build()
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(10).map { "\($0.file):\($0.line): \($0.code) \($0.message)" })")
        try #require(report.filesWritten != nil)

        var escapedSightings = 0
        for file in files(under: output, endingWith: [".html", ".xml", ".json", ".svg"]) {
            let text = try String(contentsOf: file, encoding: .utf8)
            let page = file.path.replacingOccurrences(of: output.path + "/", with: "")
            #expect(!text.contains(Self.script), "raw <script> payload in \(page)")
            #expect(!text.contains("\"onmouseover=alert(1)"), "attribute payload breaks out in \(page)")
            #expect(!text.contains("<script>alert"), "raw <script> payload in \(page)")
            if text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") { escapedSightings += 1 }
        }
        #expect(escapedSightings > 50, "the payload reached only \(escapedSightings) files")
    }

    /// Each hostile edit of the sample content and the code it must raise: script URLs stop the
    /// build (nothing written); raw HTML is dropped with a warning unless `unsafe_html` is set.
    static let refusals: [(name: String, file: String, old: String, new: String, code: String)] = [
        ("javascript: link in Markdown", "pages/a-propos.md", "\n---\n", "\n---\n[clic](javascript:alert(1))\n\n", "unsafe-link"),
        ("data: image in Markdown", "pages/a-propos.md", "\n---\n", "\n---\n![x](data:image/svg+xml,<svg/onload=alert(1)>)\n\n", "unsafe-link"),
        ("vbscript: link in Markdown", "pages/a-propos.md", "\n---\n", "\n---\n[clic](vbscript:msgbox)\n\n", "unsafe-link"),
        ("raw HTML in Markdown", "pages/a-propos.md", "\n---\n", "\n---\n<script>alert(1)</script>\n\n", "raw-html"),
        ("inline raw HTML in Markdown", "pages/a-propos.md", "\n---\n", "\n---\nTexte <img src=x onerror=alert(1)> fin.\n\n", "raw-html"),
    ]

    @Test(arguments: 0..<refusals.count)
    func scriptURLsAndRawHTMLAreRefused(_ index: Int) throws {
        let refusal = Self.refusals[index]
        let workspace = try copyOfSampleContent()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let content = workspace.appendingPathComponent("content")
        let file = content.appendingPathComponent(refusal.file)
        let text = try String(contentsOf: file, encoding: .utf8)
        let range = try #require(text.range(of: refusal.old), "\(refusal.file) has no « \(refusal.old) »")
        try Data(text.replacingCharacters(in: range, with: refusal.new).utf8).write(to: file)
        let output = workspace.appendingPathComponent("site")
        let report = BuildPipeline(options: BuildOptions(contentDirectory: content.path, templatesDirectory: Repository.templates,
                                                         outputDirectory: output.path)).build()
        let found = report.diagnostics.filter { $0.code == refusal.code && $0.file.hasSuffix(refusal.file) }
        #expect(!found.isEmpty, "\(refusal.name): \(report.diagnostics.map { "\($0.code) \($0.message)" })")
        #expect(found.allSatisfy { $0.line > 0 })
        if refusal.code == "raw-html" {
            // Dropped with a warning: the page is built without it.
            let page = try String(contentsOf: output.appendingPathComponent("a-propos/index.html"), encoding: .utf8)
            #expect(!page.contains("alert(1)"))
        } else {
            #expect(report.hasErrors)
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    /// Lines split on scalars: "\r\n" is one Character, so a Character split would miss it.
    func splitLines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    @Test func payloadInACSVSlugIsRefused() throws {
        let workspace = try copyOfSampleContent()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let content = workspace.appendingPathComponent("content")
        let withRows = try files(under: content, endingWith: ["requests.csv"]).filter {
            try splitLines(String(contentsOf: $0, encoding: .utf8)).count > 2
        }
        let csv = try #require(withRows.first)
        var lines = try splitLines(String(contentsOf: csv, encoding: .utf8))
        // The supplier of the first request becomes the payload, quoted as a CSV field.
        let separator = try #require(lines[1].firstIndex { $0 == ";" || $0 == "," })
        lines[1] = "\"" + Self.script.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + lines[1][separator...]
        try Data(lines.joined(separator: "\n").utf8).write(to: csv)
        let output = workspace.appendingPathComponent("site")
        let report = BuildPipeline(options: BuildOptions(contentDirectory: content.path, templatesDirectory: Repository.templates,
                                                         outputDirectory: output.path)).build()
        let found = report.diagnostics.filter { $0.file.hasSuffix("requests.csv") && $0.severity == .error }
        #expect(found.contains { $0.line == 2 }, "\(report.diagnostics.map { "\($0.file):\($0.line) \($0.code)" })")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
