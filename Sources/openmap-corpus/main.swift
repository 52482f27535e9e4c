import ArgumentParser
import Foundation
import OpenMapCorpus
import OpenMapYAML

/// Generates a deterministic corpus in openmap's content format, and optionally the same
/// content as a Markdown site for Hugo, for `make bench`.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openmap-corpus",
        abstract: "Generate a deterministic benchmark corpus (buyers, roadmaps, needs, suppliers, Matinales, pitches).")

    @Option(help: "Number of needs.") var needs: Int = 1000
    @Option(help: "Seed of the generator: the same seed gives the same files.") var seed: UInt64 = 1
    @Option(help: "Content folder to write (replaced).") var output: String
    @Option(help: "Sample content folder providing site.yaml, themes.yaml, cpv.yaml and pages/.") var sample: String = "content"
    @Option(help: "Also write the same content as a Hugo site in this folder.") var hugo: String?
    @Flag(help: "Give each need its own Hugo page (when openmap publishes need pages).") var hugoNeedPages = false

    func run() throws {
        guard needs > 0 else { throw ValidationError("--needs must be positive") }
        let sampleURL = URL(fileURLWithPath: sample)
        let themes = try listValues(sampleURL.appendingPathComponent("themes.yaml"), key: "slug")
        let cpv = try listValues(sampleURL.appendingPathComponent("cpv.yaml"), key: "code")
        guard !themes.isEmpty else { throw ValidationError("no theme in \(sample)/themes.yaml") }
        let corpus = Corpus(needs: needs, seed: seed, themeSlugs: themes, cpvCodes: cpv)

        let outputURL = URL(fileURLWithPath: output)
        try? FileManager.default.removeItem(at: outputURL)
        try ContentWriter(corpus: corpus, output: outputURL, sample: sampleURL).write()
        if let hugo {
            try HugoWriter(corpus: corpus, output: URL(fileURLWithPath: hugo), sample: sampleURL, needPages: hugoNeedPages).write()
        }
        print("\(corpus.needCount) needs, \(corpus.roadmaps.count) roadmaps, \(corpus.buyers.count) buyers, "
              + "\(corpus.suppliers.count) suppliers, \(corpus.matinales.count) matinales, \(corpus.pitches.count) pitches → \(output)")
    }

    /// The `key` of every item of a YAML list file (themes.yaml, cpv.yaml).
    private func listValues(_ file: URL, key: String) throws -> [String] {
        let text = try String(contentsOf: file, encoding: .utf8)
        let document: YAMLDocument
        do { document = try YAMLParser().parse(text) } catch { throw ValidationError("\(file.path): \(error)") }
        return (document.root?.sequence ?? []).compactMap { $0[key]?.string }
    }
}

CorpusCommand.main()
