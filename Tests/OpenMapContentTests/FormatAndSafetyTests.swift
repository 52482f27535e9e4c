import Diagnostics
import Foundation
import Testing
@testable import OpenMapContent

@Suite struct FormatTests {
    @Test(arguments: [("73282932000074", true), ("73282932000075", false), ("7328293200007", false),
                      ("35600000000001", true), ("35600000000002", false), ("3560000000000a", false)])
    func siret(_ text: String, _ valid: Bool) {
        #expect(Formats.isValidSIRET(text) == valid)
    }

    @Test(arguments: [("732829320", true), ("732829321", false), ("73282932", false)])
    func siren(_ text: String, _ valid: Bool) {
        #expect(Formats.isValidSIREN(text) == valid)
    }

    @Test func cpvCodes() {
        #expect(Formats.cpv("72000000-5")?.digits == "72000000")
        #expect(Formats.cpv("72000000-5")?.checkDigit == "5")
        #expect(Formats.cpv("72000000")?.checkDigit == nil)
        for bad in ["7200000", "72000000-", "72000000-55", "72000000-x", "a2000000"] { #expect(Formats.cpv(bad) == nil) }
    }

    @Test func calendar() {
        if case .valid = Formats.date("2016-02-29") {} else { Issue.record("2016 is a leap year") }
        if case .notOnCalendar = Formats.date("2015-02-29") {} else { Issue.record("2015 is not a leap year") }
        if case .notOnCalendar = Formats.date("1900-02-29") {} else { Issue.record("1900 is not a leap year") }
        if case .malformed = Formats.date("2015-4-17") {} else { Issue.record("one-digit month") }
        #expect(Formats.quarter("2015-T4") == Quarter(year: 2015, quarter: 4))
        #expect(Formats.quarter("2015-T0") == nil)
        #expect(Formats.time("24:00") == nil)
        #expect(Formats.time("09:30") == LocalTime(hour: 9, minute: 30))
        #expect(Formats.duration("03:15") == 195)
        #expect(Formats.duration("03:60") == nil)
    }

    /// The closing « --- » of a front matter may have blanks around it, non-breaking ones too,
    /// and a Windows line end; a line with anything else is body text.
    @Test(arguments: [("---", true), ("  ---\t", true), ("---\u{A0}", true), ("\u{3000}---", true), ("---\r", true),
                      ("--- é", false), ("----", false), ("-- -", false), ("---x", false)])
    func frontMatterFences(closing: String, closes: Bool) throws {
        let fixture = try Fixture(["pages/a-propos.md": "---\ntitle: À propos\n\(closing)\nLe programme, expliqué.\n"])
        defer { fixture.remove() }
        let result = fixture.load()
        let page = result.content.pages.first { $0.slug == "a-propos" }
        #expect(result.diagnostics.with(code: "unclosed-front-matter").isEmpty == closes, "\(result.diagnostics.summary)")
        if closes { #expect(page?.title == "À propos") }
    }

    @Test func slugsAndURLs() {
        #expect(Formats.isSlug("plaine-commune"))
        for bad in ["", "Plaine", "a--b", "-a", "a-", "é"] { #expect(!Formats.isSlug(bad)) }
        #expect(Formats.isWebURL("https://example.fr/x"))
        #expect(Formats.isWebURL("http://example.fr"))
        #expect(!Formats.isWebURL("http://example.fr", httpsOnly: true))
        for bad in ["javascript:alert(1)", "data:text/html,x", "https://", "ftp://x", "//example.fr", "https://a b"] {
            #expect(!Formats.isWebURL(bad))
        }
    }

    @Test func suggestions() {
        #expect(Formats.suggestion(for: "mobilté", among: ["opendata", "mobilite"]) == "mobilite")
        #expect(Formats.suggestion(for: "zzz", among: ["opendata", "mobilite"]) == nil)
    }
}

@Suite struct SafetyTests {
    @Test func symlinkOutsideContentIsRefused() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-outside-\(UUID().uuidString).yaml")
        try Data("name: Dehors\nkind: autre\ndepartment: \"75\"\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: fixture.file("buyers/dehors.yaml"), withDestinationPath: outside.path)
        let result = fixture.load()
        let unsafe = result.diagnostics.with(code: "unsafe-symlink")
        #expect(unsafe.count == 1)
        #expect(unsafe.first?.file == fixture.file("buyers/dehors.yaml"))
        #expect(!result.content.buyers.contains { $0.slug == "dehors" })
    }

    @Test func aliasBombInFrontMatterIsAnError() throws {
        var text = "---\ntitle: x\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let fixture = try Fixture(["pages/a-propos.md": text + "---\nCorps.\n"])
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.map(\.code) == ["yaml-syntax"], "\(diagnostics.summary)")
    }

    @Test func unknownKeyWithoutCloseMatchListsKnownKeys() throws {
        let fixture = try Fixture(Fixture.edit("pages/a-propos.md", "draft: false", "draft: false\ncouleur: bleu"))
        defer { fixture.remove() }
        let diagnostic = try #require(fixture.diagnostics().with(code: "unknown-key").first)
        #expect(diagnostic.line == 6 && diagnostic.column == 1)
        #expect(diagnostic.length == 7)
        #expect(diagnostic.hint(in: .en) == "known fields here: title, description, order, draft")
        #expect(diagnostic.hint(in: .fr) == "champs possibles ici\u{A0}: title, description, order, draft")
    }

    @Test func exampleFromTheContractPrintsAsDocumented() throws {
        let fixture = try Fixture(Fixture.edit("roadmaps/2015/plaine-commune.md", "theme: mobilite", "theme: mobilté"))
        defer { fixture.remove() }
        let result = ContentLoader(contentDirectory: fixture.root).load()
        let diagnostic = try #require(ContentValidator.validate(result.content).first)
        let sources = result.sources
        let printed = DiagnosticPrinter(language: .en) { sources[$0] }.format(diagnostic)
        #expect(printed.contains("roadmaps/2015/plaine-commune.md:15:12: error[unknown-theme]: unknown theme “mobilté”"))
        #expect(printed.contains("^^^^^^^"))
        #expect(printed.contains("did you mean “mobilite”? Themes are listed in \(fixture.root)/themes.yaml"))
        let french = DiagnosticPrinter(language: .fr) { sources[$0] }.format(diagnostic)
        #expect(french.contains("roadmaps/2015/plaine-commune.md:15:12: erreur[unknown-theme]: thème inconnu «\u{202F}mobilté\u{202F}»"))
        #expect(french.contains("= conseil\u{A0}: voulez-vous dire «\u{202F}mobilite\u{202F}»\u{202F}? Les thèmes sont listés dans \(fixture.root)/themes.yaml"))
    }

    @Test func emptyFrontMatterReportsMissingFields() throws {
        let fixture = try Fixture(["pages/a-propos.md": "---\n---\nCorps.\n"])
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.map(\.code) == ["missing-field"], "\(diagnostics.summary)")
        #expect(fixture.load().content.pages.first?.body.location.line == 3)
    }

    @Test func missingContentFolderIsReported() {
        let result = ContentLoader(contentDirectory: "/nonexistent/openmap-content").load()
        #expect(result.diagnostics.first?.code == "missing-file")
    }
}
