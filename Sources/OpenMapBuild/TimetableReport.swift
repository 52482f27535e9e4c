import Foundation
import OpenMapContent
import OpenMapRender

public struct TimetableReadError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Reads the meetings of an earlier `openmap schedule --json` output.
public enum PreviousTimetable {
    struct File: Decodable {
        struct Meeting: Decodable { let supplier: String; let buyer: String; let start: String }
        let meetings: [Meeting]
    }

    public static func read(_ path: String) throws(TimetableReadError) -> [MatinaleScheduling.PreviousMeeting] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw TimetableReadError(message: "cannot read « \(path) »: \(error.localizedDescription)")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw TimetableReadError(message: "« \(path) » is not the JSON of openmap schedule --json")
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
public enum TimetableJSON {
    public static func encode(_ t: MatinaleTimetable) -> String {
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
public enum TimetableText {
    public static func format(_ t: MatinaleTimetable, matinale: Matinale) -> String {
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
