import Foundation
import OpenMapContent
import OpenMapRender
import Testing
@testable import OpenMapBuild

/// The build record: kept outside the site, read back as written, and never the cause of a
/// wrong page when it is damaged, foreign or cut short. Builds that overlap on one folder take
/// turns.
@Suite struct BuildRecordTests {
    /// A copy of the sample to build, with the record where a build keeps it.
    struct Workspace {
        let root: URL
        var content: String { root.appendingPathComponent("content").path }
        var site: String { root.appendingPathComponent("site").path }
        var record: String { root.appendingPathComponent(".openmap/record").path }

        init() throws {
            root = try makeTemporaryFolder()
            try FileManager.default.copyItem(atPath: Repository.content, toPath: content)
            Thread.sleep(forTimeInterval: 0.05)  // files just written count as changed (`SourceStamps`)
        }

        func build(clean: Bool = false, notes: NoteBox? = nil) -> BuildReport {
            var options = BuildOptions(contentDirectory: content, templatesDirectory: Repository.templates, outputDirectory: site,
                                       usesRecord: !clean)
            if let notes { options.notes = { notes.add($0) } }
            return BuildPipeline(options: options).build()
        }

        func editTitle(_ title: String) throws {
            let path = content + "/pages/a-propos.md"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let lines = text.components(separatedBy: "\n").map { $0.hasPrefix("title: ") ? "title: \(title)" : $0 }
            try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        }

        /// The site a clean build makes of the content now, in memory.
        func cleanSite(today: LocalDate? = nil) throws -> [String: [UInt8]] {
            let (report, files) = BuildPipeline(options: BuildOptions(contentDirectory: content, templatesDirectory: Repository.templates,
                                                                      outputDirectory: site, today: today)).renderInMemory()
            #expect(!report.hasErrors)
            return Dictionary(uniqueKeysWithValues: try files.map { ($0.path, try bytes(of: $0.contents)) })
        }

        func siteOnDisk() throws -> [String: [UInt8]] {
            try snapshot(of: URL(fileURLWithPath: site)).mapValues { [UInt8]($0) }
        }
    }

    final class NoteBox: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test func theRecordIsKeptBesideTheContentAndTheSiteHoldsNoHiddenFile() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(!workspace.build().hasErrors)
        #expect(FileManager.default.fileExists(atPath: workspace.record))
        let hidden = try workspace.siteOnDisk().keys.filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }
        #expect(hidden.isEmpty, "\(hidden)")
        // Only the record's folder beside the content: no staging or lock file left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).sorted() == [".openmap", "content", "site"])
    }

    @Test func theRecordReadsBackAsItWasWritten() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(!workspace.build().hasErrors)
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path + "/.openmap").sorted()
        #expect(files.count == 3 && files[0].hasPrefix("parsed-") && files[1] == "record" && files[2].hasPrefix("texts-"), "\(files)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: workspace.record)))
        var record = try RecordFile.decode(bytes, contentDirectory: workspace.content)
        let (parsedFile, textsFile) = try #require(record.pendingSections)
        #expect(try RecordFile.encode(record, contentDirectory: workspace.content, parsedFile: parsedFile, textsFile: textsFile) == bytes)
        guard case .success(var read) = RecordFile.read(workspace.record, contentDirectory: workspace.content) else {
            Issue.record("the record does not read back")
            return
        }
        #expect(RecordFile.loadSections(of: &read))
        record = read
        for (name, encode) in [(parsedFile, { try RecordFile.encodeParsed(record.parsed) }), (textsFile, { try RecordFile.encodeTexts(record.texts) })] {
            #expect(try encode() == [UInt8](Data(contentsOf: URL(fileURLWithPath: workspace.root.path + "/.openmap/" + name))))
        }
        #expect(record.outputs.count == (try workspace.siteOnDisk()).count)
        #expect(record.parsed.all.count > 30 && record.texts.count > 30)
        #expect(record.outputs.all.values.contains { $0.inputs?.isEmpty == false } && !record.inputs.isEmpty)
        // A need page says what it was made from: its need, the layout, the templates…
        let need = try #require(record.outputs.all.first { $0.key.hasPrefix("besoins/plaine-commune-2015-") && $0.key.hasSuffix("/index.html") })
        let names = Set((need.value.inputs ?? []).map { record.inputs[Int($0)].name })
        #expect(names.isSuperset(of: ["templates", "layout", "labels", "page"]) && names.contains { $0.hasPrefix("need:") })

        // A build that parses no file and renders no text keeps those two files as they are.
        try workspace.editTitle("À propos, revu")
        let titleFiles = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path + "/.openmap").sorted()
        #expect(!workspace.build().hasErrors)
        let after = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path + "/.openmap").sorted()
        #expect(after.count == 3 && after != titleFiles)  // a page's file was parsed: its section is new
        try FileManager.default.removeItem(atPath: workspace.site + "/index.html")
        #expect(!workspace.build().hasErrors)  // the home page written again, nothing parsed or rendered
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.root.path + "/.openmap").sorted() == after)
    }

    /// Whatever is wrong with the record, the build says so in one line, makes everything
    /// again, and gives the clean site.
    @Test(arguments: ["cut short", "a byte changed", "another format", "another program", "empty", "garbage",
                      "texts cut short", "parsed files changed", "parsed files missing"])
    func aDamagedOrForeignRecordIsIgnoredWithANote(_ damage: String) throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(!workspace.build().hasErrors)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: workspace.record)))
        let folder = workspace.root.path + "/.openmap/"
        let sections = try FileManager.default.contentsOfDirectory(atPath: folder)
        let parsed = try #require(sections.first { $0.hasPrefix("parsed-") }), texts = try #require(sections.first { $0.hasPrefix("texts-") })
        switch damage {
        case "texts cut short":
            let text = try Data(contentsOf: URL(fileURLWithPath: folder + texts))
            try text.prefix(text.count / 2).write(to: URL(fileURLWithPath: folder + texts))
        case "parsed files changed":
            var text = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + parsed)))
            text[text.count / 3] ^= 1
            try Data(text).write(to: URL(fileURLWithPath: folder + parsed))
        case "parsed files missing":
            try FileManager.default.removeItem(atPath: folder + parsed)
        case "cut short": bytes = Array(bytes.prefix(bytes.count * 2 / 3))
        case "a byte changed": bytes[bytes.count / 2] ^= 0x20
        case "another format": bytes[12] = UInt8(ascii: "9")
        case "another program":
            let record = try RecordFile.decode(bytes, contentDirectory: workspace.content)
            let files = try #require(record.pendingSections)
            bytes = try RecordFile.encode(record, contentDirectory: workspace.content, parsedFile: files.parsed, textsFile: files.texts,
                                          program: "another openmap")
        case "empty": bytes = []
        default: bytes = Array("not a record at all".utf8)
        }
        if !damage.contains("texts"), !damage.contains("parsed") { try Data(bytes).write(to: URL(fileURLWithPath: workspace.record)) }
        try workspace.editTitle("À propos, revu")
        let notes = NoteBox()
        let report = workspace.build(notes: notes)
        #expect(!report.hasErrors)
        #expect(notes.all.count == 1, "\(notes.all)")
        #expect(notes.all.first?.contains(damage == "another program" ? "autre version" : "endommagé") == true
                    || notes.all.first?.contains(damage == "another program" ? "another version" : "damaged") == true)
        if !damage.contains("texts"), !damage.contains("parsed") {
            #expect(report.filesRewritten == report.filesWritten)  // nothing taken from the record
        }
        #expect(try workspace.siteOnDisk() == workspace.cleanSite())
    }

    /// A file of the site changed, added or removed by someone else since the build is put right
    /// by the next one, even when no source changed.
    @Test func theSiteIsPutBackAsTheRecordSaysItShouldBe() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(!workspace.build().hasErrors)
        let clean = try workspace.siteOnDisk()
        try "modifié à la main".write(toFile: workspace.site + "/index.html", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: workspace.site + "/a-propos/index.html")
        try "x".write(toFile: workspace.site + "/besoins/ajout.html", atomically: false, encoding: .utf8)
        let report = workspace.build()
        #expect(!report.hasErrors)
        #expect(report.filesRewritten == 2)
        #expect(try workspace.siteOnDisk() == clean)
        // Then nothing to do.
        #expect(workspace.build().phases.map(\.name) == ["compare"])
    }

    /// Two builds into one folder at once (two CI jobs on one runner): each waits for the
    /// other, both succeed, and the site is whole.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: InterruptedBuildTests.binary), "needs .build/debug/openmap"))
    func overlappingBuildsTakeTurns() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        for attempt in 0..<4 {
            if attempt > 0 { try workspace.editTitle("À propos \(attempt)") }
            let arguments = ["build", "--content", workspace.content, "--templates", Repository.templates, "--output", workspace.site,
                             "--now", "2026-11-30"]
            let builds = try (0..<2).map { _ in try InterruptedBuildTests().run(arguments) }
            for build in builds {
                build.waitUntilExit()
                #expect(build.terminationStatus == 0)
            }
            #expect(try workspace.siteOnDisk() == workspace.cleanSite(today: LocalDate(year: 2026, month: 11, day: 30)), "attempt \(attempt)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).filter { $0.hasPrefix(".site") }
            #expect(leftovers.isEmpty)
        }
    }
}
