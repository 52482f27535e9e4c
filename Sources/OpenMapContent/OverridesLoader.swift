import Diagnostics
import OpenMapText
import OpenMapYAML

// The organisers' decisions on a Matinale's timetable: overrides.csv (imposed and excluded
// meetings) and `meetings.seats` (suppliers that come with several representatives), read and
// checked here. The file-level rules (columns, values, the same pair twice) are checked while
// reading; the rules that need the rest of the content (participants, tables, slots, windows,
// capacities) by `OverridesCheck`, which ContentValidator runs.

public enum OverrideDecision: String, Sendable, Hashable, CaseIterable {
    /// The pair meets (the request is added when it was not made).
    case imposer
    /// The pair never meets, even when requested and accepted.
    case exclure
}

/// One row of overrides.csv.
public struct MeetingOverride: Sendable, Hashable {
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

/// « 9 h 45 », « 12 h », for the French messages.
private func timeLabel(_ time: LocalTime) -> String { FrenchFormat.time(hour: time.hour, minute: time.minute) }

/// French spacing (« : », « ? », guillemets) for the messages and hints written here.
private func french(_ text: String) -> String { FrenchTypography.apply(text) }
private func french(_ text: String?) -> String? { text.map(FrenchTypography.apply) }

private extension FileReport {
    func frenchError(_ code: String, _ message: String, line: Int, column: Int, length: Int = 1, hint: String? = nil) {
        error(code, french(message), line: line, column: column, length: length, hint: french(hint))
    }
    func frenchError(_ code: String, _ message: String, at node: YAMLNode?, hint: String? = nil) {
        error(code, french(message), at: node, hint: french(hint))
    }
}

extension LoadSession {
    func loadOverrides(_ source: SourceText) -> [MeetingOverride] {
        let report = source.report
        var overrides: [MeetingOverride] = []
        var firstLine: [String: Int] = [:]
        for (record, field) in csvRows(source, required: ["supplier", "buyer", "decision"], optional: ["time"]) {
            guard let supplier = field("supplier"), let buyer = field("buyer"), let decisionField = field("decision") else { continue }
            var valid = true
            for (name, label, value) in [("supplier", "le prestataire", supplier), ("buyer", "l’acheteur", buyer)] {
                if value.value.isEmpty {
                    report.frenchError("missing-field", "\(label) est vide", line: record.line, column: value.column)
                    valid = false
                } else {
                    report.record("row\(record.line).\(name)", line: record.line, column: value.column, length: value.length)
                }
            }
            let allowed = OverrideDecision.allCases.map(\.rawValue)
            let decision = OverrideDecision(rawValue: decisionField.value)
            if decision == nil {
                var hint = "valeurs possibles : \(allowed.joined(separator: ", "))"
                if let close = Formats.suggestion(for: decisionField.value, among: allowed) { hint = "vouliez-vous dire « \(close) » ? " + hint }
                report.frenchError("invalid-enum", "« \(decisionField.value) » n’est pas une décision", line: record.line,
                             column: decisionField.column, length: max(decisionField.length, 1), hint: hint)
                valid = false
            }
            var time: LocalTime?
            if let timeField = field("time"), !timeField.value.isEmpty {
                if let parsed = Formats.time(timeField.value) {
                    time = parsed
                    report.record("row\(record.line).time", line: record.line, column: timeField.column, length: timeField.length)
                    if decision == .exclure {
                        report.frenchError("override-time-on-exclusion", "une exclusion n’a pas d’heure", line: record.line,
                                     column: timeField.column, length: timeField.length,
                                     hint: "laisser la colonne « time » vide, ou écrire « imposer » pour fixer ce rendez-vous")
                        valid = false
                    }
                } else {
                    report.frenchError("invalid-time", "heure attendue au format HH:MM, trouvé « \(timeField.value) »", line: record.line,
                                 column: timeField.column, length: timeField.length)
                    valid = false
                }
            }
            guard valid, let decision else { continue }
            let pair = supplier.value + "\n" + buyer.value
            if let line = firstLine[pair] {
                report.frenchError("duplicate-override", "la paire \(supplier.value) → \(buyer.value) figure déjà ligne \(line)",
                             line: record.line, column: 1,
                             hint: "une seule décision par paire : garder « imposer » ou « exclure »")
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
            report.frenchError("invalid-type", "« seats » associe un prestataire à un nombre de représentants (« acme: 2 »), trouvé \(node.kindDescription)",
                         at: node)
            return [:]
        }
        var seats: [String: Int] = [:]
        for pair in pairs {
            guard let slug = pair.key.string else {
                report.frenchError("invalid-type", "identifiant de prestataire attendu, trouvé \(pair.key.kindDescription)", at: pair.key)
                continue
            }
            guard let count = Fields.int(pair.value, report, minimum: 1) else { continue }
            if seats[slug] != nil {
                report.frenchError("duplicate-key", "le prestataire « \(slug) » figure deux fois dans « seats »", at: pair.key)
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
        func span(_ location: SourceLocation, _ path: String) -> SourceSpan {
            content.sourceMap[location.file, path] ?? SourceSpan(location)
        }
        func error(_ code: String, _ message: String, _ at: SourceSpan, hint: String? = nil) {
            out.append(.error(code, french(message), at: at.location, length: at.length, hint: french(hint)))
        }
        func suggestion(_ slug: String, _ known: Set<String>) -> String? {
            Formats.suggestion(for: slug, among: known.sorted()).map { "vouliez-vous dire « \($0) » ?" }
        }
        for (slug, _) in (matinale.meetings?.seats ?? [:]).sorted(by: { $0.key < $1.key }) where !suppliers.contains(slug) {
            error("unknown-supplier", "prestataire inconnu « \(slug) » dans « seats »", span(matinale.location, "meetings.seats.\(slug)"),
                  hint: suggestion(slug, suppliers) ?? "les prestataires sont les fichiers de suppliers/")
        }
        guard !matinale.overrides.isEmpty else { return }
        let tableBuyers = Set(matinale.tables.map(\.buyer))
        var usable: [MeetingOverride] = []
        for row in matinale.overrides {
            let line = row.location.line
            var ok = true
            if !suppliers.contains(row.supplier) {
                error("unknown-supplier", "prestataire inconnu « \(row.supplier) »", span(row.location, "row\(line).supplier"),
                      hint: suggestion(row.supplier, suppliers) ?? "les prestataires sont les fichiers de suppliers/")
                ok = false
            }
            if !buyers.contains(row.buyer) {
                error("unknown-buyer", "acheteur inconnu « \(row.buyer) »", span(row.location, "row\(line).buyer"),
                      hint: suggestion(row.buyer, buyers) ?? "les acheteurs sont les fichiers de buyers/")
                ok = false
            } else if !tableBuyers.contains(row.buyer) {
                error("buyer-without-table", "l’acheteur « \(row.buyer) » n’a pas de table à cette Matinale",
                      span(row.location, "row\(line).buyer"), hint: "ajouter sa table à « tables » dans \(matinale.location.file)")
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
        func slotList() -> String { starts.map { timeLabel($0) }.joined(separator: ", ") }

        // One meeting each: a real slot, inside both windows.
        var placed: [(row: MeetingOverride, slot: Int?, options: [Int])] = []
        for row in usable {
            let line = row.location.line
            let both = zip(available(row.supplier), available(row.buyer)).map { $0 && $1 }
            var slot: Int?
            if let time = row.time {
                guard let index = starts.firstIndex(of: time) else {
                    error("override-not-a-slot", "\(timeLabel(time)) n’est le début d’aucun créneau",
                          span(row.location, "row\(line).time"), hint: "créneaux : \(slotList())")
                    continue
                }
                guard both[index] else {
                    let who = available(row.supplier)[index] ? "l’acheteur « \(row.buyer) »" : "le prestataire « \(row.supplier) »"
                    error("override-unavailable", "\(who) n’est pas disponible à \(timeLabel(time)) (availability.csv)",
                          span(row.location, "row\(line).time"), hint: "choisir un créneau où les deux sont présents, ou laisser l’heure vide")
                    continue
                }
                slot = index
            } else if !both.contains(true) {
                error("override-unavailable", "« \(row.supplier) » et « \(row.buyer) » n’ont aucun créneau commun (availability.csv)",
                      SourceSpan(row.location), hint: "élargir leurs disponibilités, ou retirer ce rendez-vous imposé")
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
                error("override-conflict", "la table de « \(row.buyer) » a déjà un rendez-vous imposé à \(time) (ligne \(other.location.line))",
                      span(row.location, "row\(row.location.line).time"), hint: "changer l’heure de l’un des deux")
                clashing.insert(index)
                continue
            }
            let atSupplier = seatsAt[row.supplier + "\n\(slot)", default: []]
            if atSupplier.count >= seats(row.supplier) {
                let lines = atSupplier.map { String($0.location.line) }.joined(separator: ", ")
                error("override-conflict", "« \(row.supplier) » a déjà \(atSupplier.count == 1 ? "un rendez-vous imposé" : "\(atSupplier.count) rendez-vous imposés") à \(time) (ligne \(lines))",
                      span(row.location, "row\(row.location.line).time"),
                      hint: "changer l’heure, ou donner plus de représentants au prestataire (meetings.seats)")
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
                error("override-over-capacity", "\(rows.count) rendez-vous imposés à la table de « \(buyer) », qui n’a que \(room) créneaux",
                      SourceSpan(last.location), hint: "retirer des rendez-vous imposés à cette table")
            }
        }
        for (supplier, rows) in perSupplier.sorted(by: { $0.key < $1.key }) {
            let room = min(settings.maxPerSupplier ?? Int.max, seats(supplier) * available(supplier).filter { $0 }.count)
            if rows.count > room, let last = rows.last {
                let why = settings.maxPerSupplier == room ? "au plus \(room) rendez-vous par prestataire (max_per_supplier)"
                    : "\(room) rendez-vous possibles"
                error("override-over-capacity", "\(rows.count) rendez-vous imposés à « \(supplier) », pour \(why)",
                      SourceSpan(last.location), hint: "retirer des rendez-vous imposés à ce prestataire")
            }
        }

        // Imposed meetings of one table without a time must find distinct slots (Hall's
        // condition, by a matching): « deux rendez-vous imposés qui demandent la même table au
        // même moment ».
        for (buyer, rows) in perBuyer.sorted(by: { $0.key < $1.key }) where rows.count > 1 {
            let entries = placed.filter { $0.row.buyer == buyer }
            if let blocked = firstUnmatched(entries.map { $0.slot.map { [$0] } ?? $0.options }, capacity: { _ in 1 }) {
                let row = entries[blocked].row
                error("override-conflict", "les rendez-vous imposés à la table de « \(buyer) » ne tiennent pas dans ses créneaux disponibles",
                      SourceSpan(row.location), hint: "leurs disponibilités se recouvrent trop : fixer des heures, ou retirer l’un d’eux")
            }
        }
        for (supplier, rows) in perSupplier.sorted(by: { $0.key < $1.key }) where rows.count > seats(supplier) {
            let entries = placed.filter { $0.row.supplier == supplier }
            if let blocked = firstUnmatched(entries.map { $0.slot.map { [$0] } ?? $0.options }, capacity: { _ in seats(supplier) }) {
                let row = entries[blocked].row
                error("override-conflict", "les rendez-vous imposés à « \(supplier) » ne tiennent pas dans ses créneaux disponibles",
                      SourceSpan(row.location), hint: "fixer des heures, ajouter des représentants (meetings.seats) ou retirer l’un d’eux")
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
