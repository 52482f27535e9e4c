import ArgumentParser
import Diagnostics
import Foundation
import OpenMapBuild
import OpenMapContent
import OpenMapRender

struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the meeting timetable of a Matinale and print it.",
        discussion: """
            Reads the Matinale's tables and meeting settings, requests.csv and availability.csv, \
            and prints the totals (requests, accepted, scheduled, the upper bound that proves \
            optimality) and the timetable of every table. With --json, prints one JSON object; \
            every field but stats.seconds is the same for the same input.

            --keep takes the JSON of an earlier run: meetings still valid keep their slot when \
            that costs no meeting (useful after late changes to the requests).
            """)

    @Argument(help: ArgumentHelp("The Matinale's slug (its folder name under matinales/).", valueName: "matinale-slug"))
    var matinale: String

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "content"

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("A previous timetable (the JSON of an earlier run) to keep stable.", valueName: "file"))
    var keep: String?

    func run() throws {
        let loaded = ContentLoader(contentDirectory: content).load()
        let diagnostics = (loaded.diagnostics + ContentValidator.validate(loaded.content))
        let folder = (content as NSString).appendingPathComponent("matinales/\(matinale)/")
        let relevant = diagnostics.filter { $0.file.hasPrefix(folder) && $0.severity == .error }
        if !relevant.isEmpty {
            let sources = loaded.sources
            let printer = DiagnosticPrinter { sources[$0] }
            FileHandle.standardError.write(Data((relevant.map(printer.format).joined()
                + DiagnosticPrinter.summary(relevant) + "\n").utf8))
            throw ExitCode(1)
        }
        guard let found = loaded.content.matinales.first(where: { $0.slug == matinale }) else {
            let known = loaded.content.matinales.map(\.slug).joined(separator: ", ")
            throw ValidationError("no Matinale « \(matinale) » in \(content)/matinales/ (known: \(known))")
        }
        var previous: [MatinaleScheduling.PreviousMeeting] = []
        if let keep {
            do { previous = try PreviousTimetable.read(keep) } catch { throw ValidationError("--keep: \(error)") }
        }
        guard let timetable = MatinaleScheduling.timetable(for: found, keeping: previous) else {
            throw ValidationError("the Matinale « \(matinale) » has no meetings settings (meetings: in its index.md)")
        }
        if json {
            print(TimetableJSON.encode(timetable), terminator: "")
        } else {
            print(TimetableText.format(timetable, matinale: found), terminator: "")
        }
    }
}

