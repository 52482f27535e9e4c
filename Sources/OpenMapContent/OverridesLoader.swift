import Diagnostics
import OpenMapText
import OpenMapYAML

// The organisers' decisions on a Matinale's timetable: overrides.csv (imposed and excluded
// meetings) and `meetings.seats` (suppliers that come with several representatives), read and
// checked here. The file-level rules (columns, values, the same pair twice) are checked while
// reading; the rules that need the rest of the content (participants, tables, slots, windows,
// capacities) by `OverridesCheck`, which ContentValidator runs.

public enum OverrideDecision: String, Sendable, Hashable, CaseIterable, Codable {
    /// The pair meets (the request is added when it was not made).
    case imposer
    /// The pair never meets, even when requested and accepted.
    case exclure
}

/// One row of overrides.csv.
public struct MeetingOverride: Sendable, Hashable, Codable {
    public var supplier: String
    public var buyer: String
    public var decision: OverrideDecision
    /// The start of the slot an imposed meeting must take, when given.
    public var time: LocalTime?
    public var location: SourceLocation
    public init(supplier: String, buyer: String, decision: OverrideDecision, time: LocalTime? = nil, location: SourceLocation) {
        self.supplier = supplier; self.buyer = buyer; self.decision = decision; self.time = time; self.location = location
    }
}

/// « 9 h 45 » in French, « 09:45 » in English.
private func timeLabel(_ time: LocalTime) -> LocalizedText {
    LocalizedText(fr: French(verbatim: FrenchFormat.time(hour: time.hour, minute: time.minute)), en: English(verbatim: time.description))
}


extension LoadSession {
    func loadOverrides(_ source: SourceText) -> [MeetingOverride] {
        let report = source.report
        var overrides: [MeetingOverride] = []
        var firstLine: [String: Int] = [:]
        for (record, field) in csvRows(source, required: ["supplier", "buyer", "decision"], optional: ["time"]) {
            guard let supplier = field("supplier"), let buyer = field("buyer"), let decisionField = field("decision") else { continue }
            var valid = true
            for (name, value) in [("supplier", supplier), ("buyer", buyer)] {
                if value.value.isEmpty {
                    report.error(.csvEmptyValue(name), line: record.line, column: value.column)
                    valid = false
                } else {
                    report.record("row\(record.line).\(name)", line: record.line, column: value.column, length: value.length)
                }
            }
            let allowed = OverrideDecision.allCases.map(\.rawValue)
            let decision = OverrideDecision(rawValue: decisionField.value)
            if decision == nil {
                report.error(.invalidEnum(field: "decision", decisionField.value, allowed: allowed,
                                          suggestion: Formats.suggestion(for: decisionField.value, among: allowed)),
                             line: record.line, column: decisionField.column, length: max(decisionField.length, 1))
                valid = false
            }
            var time: LocalTime?
            if let timeField = field("time"), !timeField.value.isEmpty {
                if let parsed = Formats.time(timeField.value) {
                    time = parsed
                    report.record("row\(record.line).time", line: record.line, column: timeField.column, length: timeField.length)
                    if decision == .exclure {
                        report.error(.overrideTimeOnExclusion(), line: record.line, column: timeField.column, length: timeField.length)
                        valid = false
                    }
                } else {
                    report.error(.invalidTime(field: "time", found: Phrase.quoted(timeField.value), corrected: Formats.timeCorrection(timeField.value)),
                                 line: record.line, column: timeField.column, length: timeField.length)
                    valid = false
                }
            }
            guard valid, let decision else { continue }
            let pair = supplier.value + "\n" + buyer.value
            if let line = firstLine[pair] {
                report.error(.duplicateOverride(supplier: supplier.value, buyer: buyer.value, firstLine: line), line: record.line, column: 1)
                continue
            }
            firstLine[pair] = record.line
            overrides.append(MeetingOverride(supplier: supplier.value, buyer: buyer.value, decision: decision, time: time,
                                             location: SourceLocation(file: report.file, line: record.line, column: 1)))
        }
        return overrides
    }

    /// `meetings.seats`: supplier slug → how many meetings it holds in one slot (≥ 1). Each
    /// key's span is recorded as `meetings.seats.<slug>` for the cross-file check.
    func loadSeats(_ fields: Fields) -> [String: Int] {
        guard let node = fields.node("seats") else { return [:] }
        let report = fields.report
        guard let pairs = node.mapping else {
            report.error(.seatsNotAMapping(found: found(node)), at: node)
            return [:]
        }
        var seats: [String: Int] = [:]
        for pair in pairs {
            guard let slug = pair.key.string else {
                report.error(.seatsKeyNotASlug(found: found(pair.key)), at: pair.key)
                continue
            }
            guard let count = Fields.int(pair.value, report, field: "seats", minimum: 1) else { continue }
            if seats[slug] != nil {
                report.error(.duplicateSeats(slug), at: pair.key)
                continue
            }
            report.record(fields.path + "seats." + slug, pair.key)
            seats[slug] = count
        }
        return seats
    }
}

/// The cross-file rules of overrides.csv and `meetings.seats`: participants that exist, buyers
/// with a table, times that start a slot, imposed meetings inside both sides' windows, no two
/// imposed meetings at the same table or on more seats than a supplier has at the same time,
/// no side with more imposed meetings than it can hold. Every problem is located at its row.
public enum OverridesCheck {
    public static func diagnostics(_ content: SiteContent) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let buyers = Set(content.buyers.map(\.slug))
        let suppliers = Set(content.suppliers.map(\.slug))
        for matinale in content.matinales {
            check(matinale, buyers: buyers, suppliers: suppliers, content: content, into: &out)
        }
        return out
    }

    private static func check(_ matinale: Matinale, buyers: Set<String>, suppliers: Set<String>, content: SiteContent,
                              into out: inout [Diagnostic]) {
        // Positions looked up only for a problem (`SourceSpan.valuePath`).
        func span(_ location: SourceLocation, _ path: String) -> SourceSpan {
            SourceSpan(location, valuePath: path)
        }
        func error(_ message: Message, _ at: SourceSpan) {
            let at = at.resolved(in: content.sourceMap)
            out.append(.error(message, at: at.location, length: at.length))
        }
        let folder = content.sourceMap.contentDirectory.isEmpty || content.sourceMap.contentDirectory.hasSuffix("/")
            ? content.sourceMap.contentDirectory : content.sourceMap.contentDirectory + "/"
        func unknown(_ kind: String, _ slug: String, _ known: Set<String>) -> Message {
            .unknownReference(kind: kind, slug, suggestion: Formats.suggestion(for: slug, among: known.sorted()), listedIn: folder)
        }
        for (slug, _) in (matinale.meetings?.seats ?? [:]).sorted(by: { $0.key < $1.key }) where !suppliers.contains(slug) {
            error(unknown("supplier", slug, suppliers), span(matinale.location, "meetings.seats.\(slug)"))
        }
        guard !matinale.overrides.isEmpty else { return }
        let tableBuyers = Set(matinale.tables.map(\.buyer))
        var usable: [MeetingOverride] = []
        for row in matinale.overrides {
            let line = row.location.line
            var ok = true
            if !suppliers.contains(row.supplier) {
                error(unknown("supplier", row.supplier, suppliers), span(row.location, "row\(line).supplier"))
                ok = false
            }
            if !buyers.contains(row.buyer) {
                error(unknown("buyer", row.buyer, buyers), span(row.location, "row\(line).buyer"))
                ok = false
            } else if !tableBuyers.contains(row.buyer) {
                error(.buyerWithoutTable(row.buyer, matinaleFile: matinale.location.file), span(row.location, "row\(line).buyer"))
                ok = false
            }
            if ok, row.decision == .imposer { usable.append(row) }
        }
        guard let settings = matinale.meetings, !usable.isEmpty else { return }
        let slots = settings.slots
        let starts = slots.map(\.start)
        var windows: [String: [AvailabilityWindow]] = [:]
        for window in matinale.availability { windows[window.participant, default: []].append(window) }
        func available(_ participant: String) -> [Bool] {
            guard let own = windows[participant] else { return slots.map { _ in true } }
            return slots.map { slot in own.contains { $0.from <= slot.start && slot.end <= $0.to } }
        }
        func seats(_ supplier: String) -> Int { settings.seats[supplier] ?? 1 }
        func slotList() -> LocalizedText {
            let labels = starts.map(timeLabel)
            return LocalizedText(fr: French(verbatim: labels.map(\.fr).joined(separator: ", ")),
                                 en: English(verbatim: labels.map(\.en).joined(separator: ", ")))
        }

        // One meeting each: a real slot, inside both windows.
        var placed: [(row: MeetingOverride, slot: Int?, options: [Int])] = []
        for row in usable {
            let line = row.location.line
            let both = zip(available(row.supplier), available(row.buyer)).map { $0 && $1 }
            var slot: Int?
            if let time = row.time {
                guard let index = starts.firstIndex(of: time) else {
                    error(.overrideNotASlot(timeLabel(time), slots: slotList()), span(row.location, "row\(line).time"))
                    continue
                }
                guard both[index] else {
                    let supplierAway = !available(row.supplier)[index]
                    error(.overrideUnavailable(supplier: supplierAway ? row.supplier : nil, buyer: supplierAway ? nil : row.buyer,
                                               time: timeLabel(time)), span(row.location, "row\(line).time"))
                    continue
                }
                slot = index
            } else if !both.contains(true) {
                error(.overrideNoCommonSlot(supplier: row.supplier, buyer: row.buyer), SourceSpan(row.location))
                continue
            }
            placed.append((row, slot, both.indices.filter { both[$0] }))
        }

        // Same table or more than a supplier's seats at the same time.
        var tableAt: [String: MeetingOverride] = [:], seatsAt: [String: [MeetingOverride]] = [:]
        var clashing = Set<Int>()
        for (index, entry) in placed.enumerated() {
            guard let slot = entry.slot else { continue }
            let row = entry.row, time = timeLabel(starts[slot])
            if let other = tableAt[row.buyer + "\n\(slot)"] {
                error(.overrideTableTaken(buyer: row.buyer, time: time, otherLine: other.location.line), span(row.location, "row\(row.location.line).time"))
                clashing.insert(index)
                continue
            }
            let atSupplier = seatsAt[row.supplier + "\n\(slot)", default: []]
            if atSupplier.count >= seats(row.supplier) {
                let lines = atSupplier.map { String($0.location.line) }.joined(separator: ", ")
                error(.overrideSeatsTaken(supplier: row.supplier, count: atSupplier.count, time: time, lines: lines),
                      span(row.location, "row\(row.location.line).time"))
                clashing.insert(index)
                continue
            }
            tableAt[row.buyer + "\n\(slot)"] = row
            seatsAt[row.supplier + "\n\(slot)", default: []].append(row)
        }

        // The checks below see only the meetings not already reported.
        placed = placed.enumerated().filter { !clashing.contains($0.offset) }.map(\.element)

        // Capacities: a buyer holds one meeting per available slot; a supplier at most
        // max_per_supplier, and seats × its available slots.
        var perBuyer: [String: [MeetingOverride]] = [:], perSupplier: [String: [MeetingOverride]] = [:]
        for entry in placed {
            perBuyer[entry.row.buyer, default: []].append(entry.row)
            perSupplier[entry.row.supplier, default: []].append(entry.row)
        }
        for (buyer, rows) in perBuyer.sorted(by: { $0.key < $1.key }) {
            let room = available(buyer).filter { $0 }.count
            if rows.count > room, let last = rows.last {
                error(.overrideTableOverCapacity(buyer: buyer, count: rows.count, slots: room), SourceSpan(last.location))
            }
        }
        for (supplier, rows) in perSupplier.sorted(by: { $0.key < $1.key }) {
            let room = min(settings.maxPerSupplier ?? Int.max, seats(supplier) * available(supplier).filter { $0 }.count)
            if rows.count > room, let last = rows.last {
                error(.overrideSupplierOverCapacity(supplier: supplier, count: rows.count, room: room,
                                                    byMaxPerSupplier: settings.maxPerSupplier == room), SourceSpan(last.location))
            }
        }

        // Imposed meetings of one table without a time must find distinct slots (Hall's
        // condition, by a matching): « deux rendez-vous imposés qui demandent la même table au
        // même moment ».
        for (buyer, rows) in perBuyer.sorted(by: { $0.key < $1.key }) where rows.count > 1 {
            let entries = placed.filter { $0.row.buyer == buyer }
            if let blocked = firstUnmatched(entries.map { $0.slot.map { [$0] } ?? $0.options }, capacity: { _ in 1 }) {
                let row = entries[blocked].row
                error(.overrideTableUnplaceable(buyer: buyer), SourceSpan(row.location))
            }
        }
        for (supplier, rows) in perSupplier.sorted(by: { $0.key < $1.key }) where rows.count > seats(supplier) {
            let entries = placed.filter { $0.row.supplier == supplier }
            if let blocked = firstUnmatched(entries.map { $0.slot.map { [$0] } ?? $0.options }, capacity: { _ in seats(supplier) }) {
                let row = entries[blocked].row
                error(.overrideSupplierUnplaceable(supplier: supplier), SourceSpan(row.location))
            }
        }
    }

    /// The first item (in order) that a maximum assignment of items to slots (each slot taking
    /// `capacity` items) cannot place, or nil when all fit. Augmenting paths, items in order.
    static func firstUnmatched(_ options: [[Int]], capacity: (Int) -> Int) -> Int? {
        var holders: [Int: [Int]] = [:]
        var slotOf = [Int](repeating: -1, count: options.count)
        func augment(_ item: Int, _ visited: inout Set<Int>) -> Bool {
            for slot in options[item] where visited.insert(slot).inserted {
                let current = holders[slot, default: []]
                if current.count < capacity(slot) {
                    holders[slot, default: []].append(item); slotOf[item] = slot
                    return true
                }
                for other in current where augment(other, &visited) {
                    holders[slot, default: []].removeAll { $0 == other }
                    holders[slot, default: []].append(item); slotOf[item] = slot
                    return true
                }
            }
            return false
        }
        for item in options.indices {
            var visited = Set<Int>()
            if !augment(item, &visited) { return item }
        }
        return nil
    }
}
