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
            previous = try PreviousTimetable.read(keep)
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

/// Reads the meetings of an earlier `openmap schedule --json` output.
enum PreviousTimetable {
    struct File: Decodable {
        struct Meeting: Decodable { let supplier: String; let buyer: String; let start: String }
        let meetings: [Meeting]
    }

    static func read(_ path: String) throws -> [MatinaleScheduling.PreviousMeeting] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationError("cannot read --keep file « \(path) »: \(error.localizedDescription)")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw ValidationError("--keep file « \(path) » is not the JSON of openmap schedule --json")
        }
        return file.meetings.compactMap { meeting in
            let parts = meeting.start.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            return MatinaleScheduling.PreviousMeeting(supplier: meeting.supplier, buyer: meeting.buyer,
                                                      start: LocalTime(hour: parts[0], minute: parts[1]))
        }
    }
}

/// The JSON object of `openmap schedule --json`, keys in the documented order.
enum TimetableJSON {
    static func encode(_ t: MatinaleTimetable) -> String {
        func string(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let slots = t.slots.map {
            "    {\"index\": \($0.index), \"start\": \(string($0.start.description)), \"end\": \(string($0.end.description))}"
        }
        let meetings = t.meetings.map { m in
            let slot = t.slots[m.slot]
            return "    {\"supplier\": \(string(m.supplier)), \"buyer\": \(string(m.buyer)), \"table\": \(m.table), "
                + "\"slot\": \(m.slot), \"start\": \(string(slot.start.description)), \"end\": \(string(slot.end.description))}"
        }
        let unplaced = t.unplaced.map {
            "    {\"supplier\": \(string($0.supplier)), \"buyer\": \(string($0.buyer)), \"reason\": \(string($0.reason))}"
        }
        func list(_ rows: [String]) -> String {
            rows.isEmpty ? "[]" : "[\n" + rows.joined(separator: ",\n") + "\n  ]"
        }
        return """
            {
              "matinale": \(string(t.matinale)),
              "slots": \(list(slots)),
              "meetings": \(list(meetings)),
              "unplaced": \(list(unplaced)),
              "stats": {"requests": \(t.requestCount), "accepted": \(t.acceptedCount), "scheduled": \(t.scheduledCount), \
            "upper_bound": \(t.upperBound), "optimal": \(t.isOptimal), "seconds": \(String(format: "%.3f", t.seconds))}
            }

            """
    }
}

/// The human output of `openmap schedule`: totals, then the timetable of every table.
enum TimetableText {
    static func format(_ t: MatinaleTimetable, matinale: Matinale) -> String {
        var out = "Matinale \(matinale.number): \(matinale.title) (\(matinale.date))\n"
        out += "\(t.requestCount) requests, \(t.acceptedCount) accepted, \(t.scheduledCount) scheduled, "
        out += "upper bound \(t.upperBound)\(t.isOptimal ? " (optimal)" : " (gap \(t.upperBound - t.scheduledCount))")"
        if t.keptFromPrevious > 0 { out += ", \(t.keptFromPrevious) kept in place" }
        out += "\n\(t.slots.count) slots: " + t.slots.map { "\($0.start)–\($0.end)" }.joined(separator: ", ") + "\n"
        let byTable = Dictionary(grouping: t.meetings, by: \.table)
        for table in matinale.tables.sorted(by: { $0.number < $1.number }) {
            let meetings = (byTable[table.number] ?? []).sorted { $0.slot < $1.slot }
            out += "\nTable \(table.number) — \(table.buyer) (\(meetings.count) meetings)\n"
            for meeting in meetings {
                let slot = t.slots[meeting.slot]
                out += "  \(slot.start)–\(slot.end)  \(meeting.supplier)\n"
            }
        }
        if !t.unplaced.isEmpty {
            out += "\nNot placed (\(t.unplaced.count)):\n"
            let width = t.unplaced.map { $0.supplier.count + $0.buyer.count + 3 }.max() ?? 0
            for u in t.unplaced {
                let pair = "\(u.supplier) → \(u.buyer)"
                out += "  \(pair)\(String(repeating: " ", count: max(1, width - pair.count + 1)))\(u.reason)\n"
            }
        }
        return out
    }
}
