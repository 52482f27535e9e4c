import Diagnostics
import Foundation
import Testing
@testable import OpenMapBuild

/// The repository's own folders, found from this file's path.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var content: String { root.appendingPathComponent("content").path }
    static var templates: String { root.appendingPathComponent("templates").path }
}

/// Every file under a folder, relative path → bytes.
func snapshot(of folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let base = folder.resolvingSymlinksInPath().path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
    while let relative = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = base + "/" + relative
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
    }
    return files
}

/// The links and sources of a page that stay on the site, resolved to output file paths.
func internalLinks(in html: String, page: String) -> [(href: String, target: String, anchor: String?)] {
    let pattern = /(?:href|src)="([^"]*)"/
    var result: [(String, String, String?)] = []
    let folder = page.split(separator: "/").dropLast().map(String.init)
    for match in html.matches(of: pattern) {
        let href = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
        if href.contains(":") || href.hasPrefix("//") { continue }  // external, mailto:, tel:
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let pathPart = String(parts[0]).split(separator: "?").first.map(String.init) ?? ""
        let anchor = parts.count > 1 ? String(parts[1]) : nil
        var segments = pathPart.hasPrefix("/") ? [] : folder
        if pathPart.isEmpty { segments = folder }
        for segment in pathPart.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == ".." { _ = segments.popLast() } else if segment != "." { segments.append(String(segment)) }
        }
        var target = segments.joined(separator: "/")
        if pathPart.isEmpty {
            target = page
        } else if pathPart.hasSuffix("/") || target.isEmpty {
            target += target.isEmpty ? "index.html" : "/index.html"
        }
        result.append((href, target.removingPercentEncoding ?? target, anchor))
    }
    return result
}

func page(_ files: [String: Data], _ path: String) -> String {
    files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
}

/// One build of the sample content, shared by the tests that only read it.
let sampleBuild: (report: BuildReport, files: [String: Data]) = {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-sample-\(UUID().uuidString)")
    let report = BuildPipeline(options: BuildOptions(
        contentDirectory: Repository.content, templatesDirectory: Repository.templates,
        outputDirectory: output.path)).build()
    let files = (try? snapshot(of: output)) ?? [:]
    try? FileManager.default.removeItem(at: output)
    return (report, files)
}()

@Suite struct SampleSiteTests {
    @Test func sampleContentHasNoErrorAndBuilds() {
        let errors = sampleBuild.report.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.file):\($0.line):\($0.column): \($0.code): \($0.message)" })")
        #expect(sampleBuild.report.filesWritten ?? 0 > 100)
        #expect(sampleBuild.report.phases.map(\.name) == ["compare", "load", "validate", "schedule", "prepare", "plan", "write"])
    }

    @Test(arguments: [
        "index.html", "404.html", "sitemap.xml", "robots.txt",
        "feuilles-de-route/index.html", "feuilles-de-route/2015/plaine-commune/index.html",
        "acheteurs/plaine-commune/index.html", "matinales/index.html", "temoignages/index.html",
        "mentions-legales/index.html", "accessibilite/index.html", "a-propos/index.html",
    ])
    func expectedPagesExist(path: String) {
        #expect(sampleBuild.files[path] != nil, "missing \(path)")
    }

    @Test func pagesSpeakFrenchWithFrenchTypography() {
        let home = page(sampleBuild.files, "index.html")
        #expect(home.contains("<html lang=\"fr\""))
        let matinale = sampleBuild.files.keys.first { $0.hasPrefix("matinales/2015-04-17") && $0.hasSuffix("index.html") }
        let text = matinale.map { page(sampleBuild.files, $0) } ?? ""
        #expect(text.contains("17\u{A0}avril 2015") || text.contains("17 avril 2015"))
        #expect(text.contains("150"))
        let testimonials = page(sampleBuild.files, "temoignages/index.html")
        #expect(testimonials.contains("Omer Laurin"))
        #expect(testimonials.contains("tordre le cou à quelques préjugés"))
    }

    /// The acceptance of issue 22: every pitch (and testimonial video) of the sample without a
    /// transcript or captions is a warning at its `video:` line, and the statement lists it.
    @Test func sampleVideosWithoutTranscriptOrCaptionsAreWarnedAndListed() throws {
        let warnings = sampleBuild.report.diagnostics.filter { $0.code == "video-without-transcript" || $0.code == "video-without-captions" }
        let found = Set(warnings.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line):\($0.column) \($0.code)" })
        #expect(found == [
            "atelier-cartographique-cartes-accessibles.md:6:1 video-without-transcript",
            "indicia-tableaux-de-bord.md:6:1 video-without-transcript", "indicia-tableaux-de-bord.md:6:1 video-without-captions",
            "mobilicite-information-voyageurs.md:6:1 video-without-transcript",
            "mobilicite-information-voyageurs.md:6:1 video-without-captions",
            "vigie-cyber-securite-collectivites.md:6:1 video-without-transcript",
            "fabien-lepetit.md:6:1 video-without-transcript", "fabien-lepetit.md:6:1 video-without-captions",
        ], "\(found.sorted())")
        let statement = page(sampleBuild.files, "accessibilite/index.html")
            .replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        for pitch in ["Des cartes que tout le monde peut lire", "Piloter avec des tableaux de bord libres",
                      "L’information voyageurs dans la poche", "Cybersécurité : les cinq gestes qui protègent une collectivité"] {
            #expect(statement.contains("La vidéo du pitch « \(pitch) » n’a pas de transcription."), "\(pitch)")
        }
        #expect(statement.contains("La vidéo du pitch « Piloter avec des tableaux de bord libres » n’a pas de sous-titres."))
        #expect(statement.contains("partiellement conforme"))
    }

    @Test func everyPageLinksToTheAccessibilityStatementAndLegalNotice() {
        for (path, data) in sampleBuild.files where path.hasSuffix(".html") {
            let targets = internalLinks(in: String(decoding: data, as: UTF8.self), page: path).map(\.target)
            #expect(targets.contains("accessibilite/index.html"), "\(path)")
            #expect(targets.contains("mentions-legales/index.html"), "\(path)")
        }
    }

    @Test func noInternalLinkIsBroken() {
        let files = sampleBuild.files
        var broken: [String] = []
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            for link in internalLinks(in: String(decoding: data, as: UTF8.self), page: path) {
                checked += 1
                guard let target = files[link.target] else {
                    broken.append("\(path) → \(link.href)")
                    continue
                }
                if let anchor = link.anchor, !anchor.isEmpty {
                    let html = String(decoding: target, as: UTF8.self)
                    if !html.contains("id=\"\(anchor)\"") { broken.append("\(path) → \(link.href) (anchor)") }
                }
            }
        }
        #expect(checked > 1000)
        #expect(broken.isEmpty, "\(broken.prefix(20))")
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-determinism-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var snapshots: [[String: Data]] = []
        for name in ["first", "second"] {
            let output = root.appendingPathComponent(name)
            let report = BuildPipeline(options: BuildOptions(
                contentDirectory: Repository.content, templatesDirectory: Repository.templates,
                outputDirectory: output.path)).build()
            #expect(!report.hasErrors)
            snapshots.append(try snapshot(of: output))
        }
        #expect(snapshots[0].count > 100)
        #expect(snapshots[0] == snapshots[1])
    }
}

@Suite struct BrokenContentTests {
    /// Copies the sample content, breaks it, and returns the copy's folder.
    func brokenCopy(_ breakIt: (URL) throws -> Void) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let content = root.appendingPathComponent("content")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Repository.content), to: content)
        try breakIt(content)
        return root
    }

    func replace(_ old: String, with new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old), "fixture text not found in \(file.lastPathComponent)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func severalBrokenFilesReportEverythingAndLeaveThePreviousSiteIntact() throws {
        let root = try brokenCopy { _ in }
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        let output = root.appendingPathComponent("site")
        let options = BuildOptions(contentDirectory: content.path, templatesDirectory: Repository.templates,
                                   outputDirectory: output.path)
        let good = BuildPipeline(options: options).build()
        #expect(!good.hasErrors)
        let before = try snapshot(of: output)

        // Break two files: an unknown key in a buyer, malformed YAML in site.yaml.
        let buyer = content.appendingPathComponent("buyers/plaine-commune.yaml")
        try (try String(contentsOf: buyer, encoding: .utf8) + "colour: bleu\n").write(to: buyer, atomically: true, encoding: .utf8)
        let themes = content.appendingPathComponent("themes.yaml")
        try (try String(contentsOf: themes, encoding: .utf8) + "- slug: [unclosed\n").write(to: themes, atomically: true, encoding: .utf8)

        let bad = BuildPipeline(options: options).build()
        #expect(bad.hasErrors)
        #expect(bad.filesWritten == nil)
        let files = Set(bad.diagnostics.filter { $0.severity == .error }.map(\.file))
        #expect(files.contains(buyer.path))
        #expect(files.contains(themes.path))
        // A broken themes.yaml is one error, not one per theme reference.
        #expect(!bad.diagnostics.contains { $0.code == "unknown-theme" })
        let unknownKey = bad.diagnostics.first { $0.code == "unknown-key" }
        #expect(unknownKey?.line ?? 0 > 1)
        #expect(unknownKey?.column == 1)
        #expect(try snapshot(of: output) == before)
    }
}
