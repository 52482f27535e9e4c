import Diagnostics
import Testing
@testable import OpenMapContent

private let matinale = "matinales/2015-10-15-usagers/index.md"
private let overrides = "matinales/2015-10-15-usagers/overrides.csv"
private let availability = "matinales/2015-10-15-usagers/availability.csv"

/// The fixture's Matinale with `meetings.seats` (carto-plus has two seats), after `edits`.
private func matinaleWithSeats(_ edits: [(String, String)] = []) -> String {
    var text = Fixture.files[matinale] ?? ""
    for (old, new) in [("      end: \"11:15\"\n", "      end: \"11:15\"\n  seats:\n    carto-plus: 2\n")] + edits {
        precondition(text.contains(old), "fixture \(matinale) has no « \(old) »")
        text = text.replacingOccurrences(of: old, with: new)
    }
    return text
}

/// overrides.csv with these rows, beside the Matinale with seats.
private func file(_ rows: String, matinale edits: [(String, String)] = [],
                  availability window: String? = nil) -> [String: String?] {
    var changes: [String: String?] = [overrides: "supplier,buyer,decision,time\n" + rows + "\n", matinale: matinaleWithSeats(edits)]
    if let window { changes[availability] = "participant,from,to\n" + window + "\n" }
    return changes
}

// The fixture's slots: 10:00, 10:25, 11:15, 11:40 (the one at 10:50 overlaps the break);
// acme is available 10:00–11:00; carto-plus has two seats.
private let overrideCases: [RuleCase] = [
    RuleCase(name: "unknown supplier", changes: file("acm,paris,imposer,"), file: overrides, line: 2, column: 1,
             code: "unknown-supplier", message: "unknown supplier « acm »", hint: "did you mean « acme »?"),
    RuleCase(name: "unknown buyer", changes: file("acme,pari,exclure,"), file: overrides, line: 2, column: 6,
             code: "unknown-buyer", hint: "paris"),
    RuleCase(name: "decision neither imposer nor exclure", changes: file("acme,paris,imposé,"), file: overrides, line: 2, column: 12,
             code: "invalid-enum", hint: "imposer"),
    RuleCase(name: "a time on an exclusion", changes: file("acme,paris,exclure,10:00"), file: overrides, line: 2, column: 20,
             code: "override-time-on-exclusion"),
    RuleCase(name: "malformed time", changes: file("acme,paris,imposer,10h"), file: overrides, line: 2, column: 20,
             code: "invalid-time"),
    RuleCase(name: "the same pair twice", changes: file("acme,paris,imposer,\nacme,paris,exclure,"), file: overrides, line: 3,
             column: 1, code: "duplicate-override", message: "already on line 2"),
    RuleCase(name: "a time that starts no slot", changes: file("acme,paris,imposer,10:05"), file: overrides, line: 2, column: 20,
             code: "override-not-a-slot", message: "10:05", hint: "10:00, 10:25, 11:15, 11:40"),
    RuleCase(name: "imposed outside a window", changes: file("acme,paris,imposer,11:15"), file: overrides, line: 2, column: 20,
             code: "override-unavailable", message: "the supplier « acme » is not available at 11:15"),
    RuleCase(name: "two imposed meetings at one table at the same time",
             changes: file("acme,paris,imposer,10:00\ncarto-plus,paris,imposer,10:00"), file: overrides, line: 3, column: 26,
             code: "override-conflict", message: "line 2"),
    RuleCase(name: "more imposed meetings at one time than a supplier has seats",
             changes: file("acme,paris,imposer,10:25\nacme,plaine-commune,imposer,10:25"), file: overrides, line: 3, column: 29,
             code: "override-conflict", hint: "meetings.seats"),
    RuleCase(name: "more imposed meetings than max_per_supplier",
             changes: file("carto-plus,paris,imposer,\ncarto-plus,plaine-commune,imposer,",
                           matinale: [("slot_minutes: 20", "slot_minutes: 20\n  max_per_supplier: 1")]),
             file: overrides, line: 3, column: 1, code: "override-over-capacity", message: "max_per_supplier"),
    RuleCase(name: "imposed meetings of one table that cannot all find a slot",
             changes: file("acme,paris,imposer,\ncarto-plus,paris,imposer,", availability: "acme,10:00,10:20\ncarto-plus,10:00,10:20"),
             file: overrides, line: 3, column: 1, code: "override-conflict", message: "do not fit"),
    RuleCase(name: "seats of an unknown supplier", changes: file("", matinale: [("carto-plus: 2", "carto-plu: 2")]), file: matinale,
             line: 47, column: 5, code: "unknown-supplier", hint: "carto-plus"),
    RuleCase(name: "seats below one", changes: file("", matinale: [("carto-plus: 2", "carto-plus: 0")]), file: matinale,
             line: 47, column: 17, code: "out-of-range"),
]

@Suite struct OverridesRuleTests {
    @Test(arguments: overrideCases) func overrideRules(_ rule: RuleCase) throws { try RuleTests().check(rule) }

    @Test func overridesAndSeatsLoad() throws {
        let fixture = try Fixture(file("carto-plus,paris,imposer,11:15\nacme,paris,exclure,"))
        defer { fixture.remove() }
        #expect(fixture.diagnostics().isEmpty, "\(fixture.diagnostics().summary)")
        let loaded = try #require(fixture.load().content.matinales.first)
        #expect(loaded.meetings?.seats == ["carto-plus": 2])
        #expect(loaded.overrides.map(\.decision) == [.imposer, .exclure])
        #expect(loaded.overrides.first?.time == LocalTime(hour: 11, minute: 15))
        #expect(loaded.overrides.last?.time == nil)
    }

    @Test func aRegistrationPlatformsExportIsAccepted() throws {
        var changes = file("")
        changes[overrides] = "\u{FEFF}supplier;buyer;decision;time\r\n\"carto-plus\";\"paris\";\"imposer\";\"11:40\"\r\n"
        let fixture = try Fixture(changes)
        defer { fixture.remove() }
        #expect(fixture.diagnostics().isEmpty, "\(fixture.diagnostics().summary)")
        let loaded = try #require(fixture.load().content.matinales.first)
        #expect(loaded.overrides == [MeetingOverride(supplier: "carto-plus", buyer: "paris", decision: .imposer,
                                                     time: LocalTime(hour: 11, minute: 40), location: loaded.overrides[0].location)])
    }

    @Test func everyProblemOfOneFileIsReportedInOneRun() throws {
        let fixture = try Fixture(file("acm,paris,imposer,\nacme,paris,imposer,10:05\ncarto-plus,pari,exclure,\nacme,plaine-commune,exclure,9:00"))
        defer { fixture.remove() }
        let codes = fixture.diagnostics().filter { $0.file.hasSuffix("overrides.csv") }.map(\.code)
        #expect(Set(codes) == ["unknown-supplier", "override-not-a-slot", "unknown-buyer", "invalid-time"])
    }
}
