import Foundation
import OpenMapContent
import OpenMapCorpus
import OpenMapRender
import Testing
@testable import OpenMapBuild

/// Incremental equals clean, whatever the edits: random sequences of edits (a need's title,
/// summary, theme, status, launch or CPV codes; a body; a buyer's name or department; a
/// supplier's name, themes, CPV codes, place, size, references or contact; a template; the
/// site's settings; a theme's label; a file added, removed or renamed) to a generated corpus,
/// and after each sequence the site an incremental `build` leaves on disk and the pages
/// `serve` makes from its record in memory are compared, byte for byte, with a clean build's.
/// The generator is seeded: a failure names its sequence, and the same run reproduces it.
@Suite struct IncrementalPropertyTests {
    static let sequences = 200

    /// Two minutes of builds: on a thread of its own, not on one of the few threads Swift's
    /// concurrency shares with the other suites (the preview server's tests need them).
    @Test func incrementalBuildsAndThePreviewGiveTheCleanSite() async throws {
        try await onOwnThread { try self.checkRandomEditSequences() }
    }

    func checkRandomEditSequences() throws {
        let workspace = try EditedCorpus(seed: 11)
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        var random = SeededRandom(seed: 2026)
        var previewRecord = BuildRecord()
        var applied: [String] = []
        for sequence in 0..<Self.sequences {
            let edits = 1 + random.below(3)
            for _ in 0..<edits { applied.append(try workspace.applyRandomEdit(&random)) }
            let recent = applied.suffix(edits).joined(separator: ", ")
            let reference = try workspace.cleanSite()

            let built = BuildPipeline(options: workspace.buildOptions).build()
            try #require(!built.hasErrors, "sequence \(sequence) (\(recent)): \(built.diagnostics.map { "\($0.file):\($0.line) \($0.code)" })")
            let onDisk = try snapshot(of: URL(fileURLWithPath: workspace.site)).mapValues { [UInt8]($0) }
            try compare(onDisk, reference, what: "build", sequence: sequence, recent: recent)

            let (report, site) = BuildPipeline(options: workspace.previewOptions).preview(record: &previewRecord)
            try #require(!report.hasErrors, "sequence \(sequence) (\(recent))")
            let previewed = try #require(site).allFiles()
            try compare(Dictionary(uniqueKeysWithValues: previewed.map { ($0.path, try bytes(of: $0.contents)) }), reference,
                        what: "serve", sequence: sequence, recent: recent)
        }
        // Every kind of edit was tried.
        try #require(Set(applied.map { $0.prefix { $0 != " " } }).count == EditedCorpus.Edit.allCases.count)
    }

    func compare(_ files: [String: [UInt8]], _ reference: [String: [UInt8]], what: String, sequence: Int, recent: String) throws {
        let missing = Set(reference.keys).subtracting(files.keys).sorted()
        let extra = Set(files.keys).subtracting(reference.keys).sorted()
        let differing = reference.keys.filter { files[$0] != nil && files[$0] != reference[$0] }.sorted()
        try #require(missing.isEmpty && extra.isEmpty && differing.isEmpty,
                     "\(what), sequence \(sequence) after \(recent): missing \(missing.prefix(3)), extra \(extra.prefix(3)), differing \(differing.prefix(5))")
    }
}

/// Runs `work` on a new thread and waits for it without holding a thread of the concurrency pool.
func onOwnThread(_ work: @escaping @Sendable () throws -> Void) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
        Thread.detachNewThread {
            do {
                try work()
                continuation.resume()
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}

func bytes(of contents: OutputFile.Contents) throws -> [UInt8] {
    switch contents {
    case .bytes(let bytes): return bytes
    case .copy(let source): return [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
    }
}

/// A generated corpus in a folder of its own, and the edits made to it.
final class EditedCorpus {
    let root: URL
    var content: String { root.appendingPathComponent("content").path }
    var templates: String { root.appendingPathComponent("templates").path }
    var site: String { root.appendingPathComponent("site").path }
    private var counter = 0

    var buildOptions: BuildOptions {
        BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: site)
    }

    var previewOptions: BuildOptions {
        BuildOptions(contentDirectory: content, templatesDirectory: templates, includeDrafts: true)
    }

    init(seed: UInt64, needs: Int = 24) throws {
        root = try makeTemporaryFolder()
        let sample = URL(fileURLWithPath: Repository.content)
        let corpus = Corpus(needs: needs, seed: seed, themeSlugs: Self.themes, cpvCodes: ["72000000-5", "48000000-8"])
        try ContentWriter(corpus: corpus, output: URL(fileURLWithPath: content), sample: sample).write()
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
        // Files written within a clock tick of a build's look count as changed (`SourceStamps`).
        Thread.sleep(forTimeInterval: 0.05)
    }

    static let themes = ["opendata", "cartographie", "mobilite", "dematerialisation", "decisionnel", "communication-digitale"]

    /// The site a clean build makes of the content as it now is.
    func cleanSite() throws -> [String: [UInt8]] {
        let (report, files) = BuildPipeline(options: buildOptions).renderInMemory()
        try #require(!report.hasErrors, "\(report.diagnostics.map { "\($0.file):\($0.line) \($0.code) \($0.message)" })")
        return Dictionary(uniqueKeysWithValues: try files.map { ($0.path, try bytes(of: $0.contents)) })
    }

    enum Edit: CaseIterable {
        case needTitle, needSummary, needTheme, needStatus, needLaunch, needCPV, roadmapBody, buyerName, buyerDepartment,
             template, siteTitle, themeLabel, addPitch, removePitch, renamePitch, addSupplier, testimonialQuote,
             supplierName, supplierThemes, supplierCPV, supplierPlace, supplierSize, supplierReference, supplierContact
    }

    /// Makes one random edit; says which, for a failure's message.
    func applyRandomEdit(_ random: inout SeededRandom) throws -> String {
        counter += 1
        let edit = random.pick(Edit.allCases)
        let mark = "\(counter)"
        switch edit {
        case .needTitle:
            let file = try pick("roadmaps", &random)
            try replaceLine(in: file, matching: "    title: ", with: "    title: \"Besoin revu \(mark)\"", &random)
        case .needSummary:
            let file = try pick("roadmaps", &random)
            try replaceLine(in: file, matching: "    summary: ", with: "    summary: \"Résumé revu \(mark), avec *emphase*.\"", &random)
        case .needTheme:
            let file = try pick("roadmaps", &random)
            try replaceLine(in: file, matching: "    theme: ", with: "    theme: \(random.pick(Self.themes))", &random)
        case .needStatus:
            let file = try pick("roadmaps", &random)
            let status = random.pick(["envisage", "en-preparation", "attribue", "abandonne"])
            try replaceLine(in: file, matching: "    status: ", with: "    status: \(status)", &random)
        case .needLaunch:
            let file = try pick("roadmaps", &random)
            try replaceLine(in: file, matching: "    launch: ", with: "    launch: 2015-T\(random.between(1, 4))", &random)
        case .needCPV:
            let file = try pick("roadmaps", &random)
            let codes = random.pick([#"["72000000-5"]"#, #"["48000000-8"]"#, #"["72000000-5", "48000000-8"]"#, "[]"])
            try replaceLine(in: file, matching: "    cpv: ", with: "    cpv: \(codes)", &random)
        case .roadmapBody:
            let file = try pick("roadmaps", &random)
            let addition = random.below(2) == 0 ? "\n## Nouvelle section \(mark)\n\nUn paragraphe de plus.\n" : "\nUn paragraphe \(mark).\n"
            try append(addition, to: file)
        case .buyerName:
            let file = try pick("buyers", &random)
            try replaceLine(in: file, matching: "name: ", with: "name: \"Acheteur renommé \(mark)\"", &random)
        case .buyerDepartment:
            let file = try pick("buyers", &random)
            try replaceLine(in: file, matching: "department: ", with: "department: \"\(random.pick(["75", "77", "78", "91", "92", "93", "94", "95"]))\"", &random)
        case .template:
            let file = random.pick(["layout.mustache", "need.mustache", "besoins.mustache", "roadmap.mustache", "partials/card.mustache",
                                    "suppliers.mustache", "supplier.mustache"])
            let path = templates + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // A visible change where the file has an end of element, else a comment (no change in the output).
            let changed = text.range(of: "</h2>").map { text.replacingCharacters(in: $0, with: "</h2><!-- v\(mark) -->") }
                ?? text + "{{! v\(mark) }}\n"
            try write(changed, to: path)
        case .siteTitle:
            try replaceLine(in: content + "/site.yaml", matching: "title: ", with: "title: \"OpenMap Numériques \(mark)\"", &random)
        case .themeLabel:
            let path = content + "/themes.yaml"
            try replaceLine(in: path, matching: "  label: ", with: "  label: \"Thème revu \(mark)\"", &random)
        case .addPitch:
            let supplier = try pick("suppliers", &random)
            let slug = URL(fileURLWithPath: supplier).deletingPathExtension().lastPathComponent
            try write("""
                ---
                title: "Pitch ajouté \(mark)"
                supplier: \(slug)
                themes: [\(random.pick(Self.themes))]
                video:
                  provider: youtube
                  id: "abcdefghij\(counter % 10)"
                  duration: "02:30"
                ---
                Une démonstration \(mark).

                ## Transcription

                Bonjour.

                """, to: content + "/pitches/ajout-\(mark).md")
        case .removePitch:
            if let file = try? pick("pitches", &random) { try FileManager.default.removeItem(atPath: file) }
        case .renamePitch:
            if let file = try? pick("pitches", &random) {
                try FileManager.default.moveItem(atPath: file, toPath: content + "/pitches/renomme-\(mark).md")
            }
        case .addSupplier:
            try write("""
                name: "Nouvelle entreprise \(mark)"
                size: pme
                city: "Pantin"
                themes: [\(random.pick(Self.themes))]
                description: "Une entreprise ajoutée \(mark)."

                """, to: content + "/suppliers/nouvelle-\(mark).yaml")
        case .supplierName:
            let file = try pick("suppliers", &random)
            try replaceLine(in: file, matching: "name: ", with: "name: \"\(random.pick(["Alpha", "Zêta", "Éole"])) Numérique \(mark)\"", &random)
        case .supplierThemes:
            let file = try pick("suppliers", &random)
            let themes = Set((0..<random.between(1, 2)).map { _ in random.pick(Self.themes) }).sorted()
            try replaceLine(in: file, matching: "themes: ", with: "themes: [\(themes.joined(separator: ", "))]", &random)
        case .supplierCPV:
            let file = try pick("suppliers", &random)
            let codes = random.pick([#"["72"]"#, #"["48000000-8"]"#, #"["72000000-5", "48"]"#, "[]"])
            try replaceLine(in: file, matching: "cpv: ", with: "cpv: \(codes)", &random)
        case .supplierPlace:
            let file = try pick("suppliers", &random)
            let postcode = random.pick(["93200", "75011", "92130", "69003", "77100"])
            // Without its department, which would no longer agree with the postcode.
            try replaceLine(in: file, matching: "department: ", with: "# department removed \(mark)", &random)
            try replaceLine(in: file, matching: "postcode: ", with: "postcode: \"\(postcode)\"", &random)
        case .supplierSize:
            let file = try pick("suppliers", &random)
            try replaceLine(in: file, matching: "size: ", with: "size: \(random.pick(["tpe", "pme", "eti", "ge"]))", &random)
        case .supplierReference:
            let file = try pick("suppliers", &random)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let reference = "  - title: \"Référence ajoutée \(mark)\"\n    year: 2014\n"
            // The first item of the list (other keys may follow the list).
            try write(text.contains("references:\n") ? text.replacingOccurrences(of: "references:\n", with: "references:\n" + reference)
                : text + "references:\n" + reference, to: file)
        case .supplierContact:
            let file = try pick("suppliers", &random)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            if !text.contains("contact:\n") { try write(text + "contact:\n  name: \"Contact \(mark)\"\n  phone: 01 02 03 04 05\n", to: file) }
            else { try replaceLine(in: file, matching: "  name: ", with: "  name: \"Contact \(mark)\"", &random) }
        case .testimonialQuote:
            let file = try pick("testimonials", &random)
            try append("\nAjout \(mark) à la citation.\n", to: file)
        }
        return "\(edit) \(mark)"
    }

    /// A random file of a content folder (its files, recursively).
    private func pick(_ folder: String, _ random: inout SeededRandom) throws -> String {
        let base = content + "/" + folder
        let files = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".md") || $0.hasSuffix(".yaml") }.sorted()
        guard !files.isEmpty else { throw CocoaError(.fileNoSuchFile) }
        return base + "/" + random.pick(files)
    }

    /// Replaces one of the lines starting with `prefix` (chosen at random) by `line`.
    private func replaceLine(in path: String, matching prefix: String, with line: String, _ random: inout SeededRandom) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let candidates = lines.indices.filter { lines[$0].hasPrefix(prefix) }
        guard !candidates.isEmpty else { return }
        lines[random.pick(candidates)] = line
        try write(lines.joined(separator: "\n"), to: path)
    }

    private func append(_ text: String, to path: String) throws {
        try write(try String(contentsOfFile: path, encoding: .utf8) + text, to: path)
    }

    /// Writes in place, as an editor saves.
    private func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
