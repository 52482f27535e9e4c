import Foundation
import OpenMapBuild
import OpenMapContent
import Testing

/// `openmap new`, drafts and scheduled publication, template links: through the built binary
/// and the pipeline.
@Suite struct EditorCommandTests {
    static let binary = packageRoot.appendingPathComponent(".build/debug/openmap")

    func openmap(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runProgram(Self.binary, arguments)
    }

    @Test func newFilesPassCheckButForTheirReferencesAndAreNeverOverwritten() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the openmap binary first")
        let folder = try copySample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content").path
        let templates = folder.appendingPathComponent("templates").path
        let kinds = ["buyer", "supplier", "roadmap", "matinale", "pitch", "testimonial", "page"]
        for kind in kinds {
            let created = try openmap(["new", kind, "essai-\(kind)", "--content", content, "--now", "2026-03-10"])
            #expect(created.status == 0, "\(created.output)")
        }
        #expect(FileManager.default.fileExists(atPath: content + "/roadmaps/2026/essai-roadmap.md"))
        #expect(FileManager.default.fileExists(atPath: content + "/matinales/essai-matinale/index.md"))
        let check = try openmap(["check", "--content", content, "--templates", templates, "--format", "json", "--now", "2026-03-10"])
        let rows = try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [[String: Any]] ?? []
        let codes = Set(rows.filter { ($0["file"] as? String)?.contains("essai-") == true }.compactMap { $0["code"] as? String })
        // Only the references left for the editor: the roadmap's buyer, the pitch's supplier (the
        // sample's own warnings aside).
        #expect(codes == ["unknown-buyer", "unknown-supplier"], "\(check.output)")

        let page = content + "/pages/essai-page.md"
        let before = try String(contentsOfFile: page, encoding: .utf8)
        let again = try openmap(["new", "page", "essai-page", "--content", content])
        #expect(again.status == 1)
        #expect(again.output.contains("existe déjà"))
        #expect(try String(contentsOfFile: page, encoding: .utf8) == before)
        #expect(try openmap(["new", "page", "Pas_Un_Slug", "--content", content]).status != 0)
    }

    @Test func draftsAndFutureItemsAreCheckedButNotPublished() throws {
        let folder = try copySample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        // A roadmap published in the future, a draft testimonial, a draft page with a broken link.
        let roadmap = content.appendingPathComponent("roadmaps/2016/plaine-commune.md")
        let text = try String(contentsOf: roadmap, encoding: .utf8)
        let published = try #require(text.range(of: #"published: 2016-[0-9-]+"#, options: .regularExpression))
        try text.replacingCharacters(in: published, with: "published: 2016-12-20")
            .replacingOccurrences(of: #"\nupdated: [0-9-]+"#, with: "", options: .regularExpression)
            .write(to: roadmap, atomically: true, encoding: .utf8)
        try "---\nperson: A\nrole: B\norganisation: C\ndraft: true\n---\nCitation secrète.\n"
            .write(to: content.appendingPathComponent("testimonials/secret.md"), atomically: true, encoding: .utf8)

        func build(today: LocalDate, drafts: Bool = false) -> (BuildReport, Set<String>, String) {
            let (report, files) = BuildPipeline(options: BuildOptions(
                contentDirectory: content.path, templatesDirectory: folder.appendingPathComponent("templates").path,
                today: today, includeDrafts: drafts)).renderInMemory()
            var testimonials = ""
            for file in files where file.path == "temoignages/index.html" {
                if case .bytes(let bytes) = file.contents { testimonials = String(decoding: bytes, as: UTF8.self) }
            }
            return (report, Set(files.map(\.path)), testimonials)
        }
        let (before, pagesBefore, quotesBefore) = build(today: LocalDate(year: 2016, month: 12, day: 19))
        #expect(!before.hasErrors, "\(before.diagnostics.map { "\($0.file):\($0.line) \($0.code)" })")
        #expect(!pagesBefore.contains("feuilles-de-route/2016/plaine-commune/index.html"))
        #expect(!quotesBefore.contains("Citation secrète"))
        #expect(before.held.contains { $0.contentFile == "roadmaps/2016/plaine-commune.md"
            && $0.reason == .scheduled(LocalDate(year: 2016, month: 12, day: 20)) })

        let (_, pagesAfter, _) = build(today: LocalDate(year: 2016, month: 12, day: 20))
        #expect(pagesAfter.contains("feuilles-de-route/2016/plaine-commune/index.html"))

        let (_, previewPages, previewQuotes) = build(today: LocalDate(year: 2016, month: 12, day: 19), drafts: true)
        #expect(previewPages.contains("feuilles-de-route/2016/plaine-commune/index.html"))
        #expect(previewQuotes.contains("Citation secrète"))

        // Held back, but still validated.
        try "---\nperson: A\nrole: B\norganisation: C\nbuyer: inconnu\ndraft: true\n---\nX\n"
            .write(to: content.appendingPathComponent("testimonials/secret.md"), atomically: true, encoding: .utf8)
        let (invalid, _, _) = build(today: LocalDate(year: 2016, month: 12, day: 19))
        #expect(invalid.diagnostics.contains { $0.code == "unknown-buyer" && $0.file.hasSuffix("testimonials/secret.md") })
    }

    @Test func brokenTemplateLinksAreReported() throws {
        let folder = try copySample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = folder.appendingPathComponent("templates/layout.mustache")
        let text = try String(contentsOf: layout, encoding: .utf8)
        let main = try #require(text.range(of: "<main"))
        try text.replacingCharacters(in: main, with: "<a href=\"{{root}}n-existe-pas/\">x</a><a href=\"#nulle-part\">y</a><main")
            .write(to: layout, atomically: true, encoding: .utf8)
        let report = BuildPipeline(options: BuildOptions(
            contentDirectory: folder.appendingPathComponent("content").path,
            templatesDirectory: folder.appendingPathComponent("templates").path)).check()
        let broken = report.diagnostics.filter { $0.code == "broken-template-link" }
        #expect(broken.contains { $0.message.contains("n-existe-pas/") })
        #expect(broken.contains { $0.message.contains("#nulle-part") })
        // Once per link, not once per page.
        #expect(broken.filter { $0.message.contains("n-existe-pas/") }.count < 5)
        // Located at the template line that writes the link.
        let missingPage = try #require(broken.first { $0.message.contains("n-existe-pas/") })
        let line = text[..<main.lowerBound].filter { $0 == "\n" }.count + 1
        #expect(missingPage.file.hasSuffix("templates/layout.mustache"))
        #expect(missingPage.line == line)
        #expect(missingPage.column > 0)
        let missingAnchor = try #require(broken.first { $0.message.contains("#nulle-part") })
        #expect(missingAnchor.file.hasSuffix("templates/layout.mustache") && missingAnchor.line == line)
    }
}
