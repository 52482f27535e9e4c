import Diagnostics
import Testing

@Suite struct DiagnosticPrinterTests {
    let source = "---\ntitle: Feuille de route\nneeds:\n  - id: carto\n    theme: mobilté\n"

    @Test func printsLocationSourceLineCaretAndHint() {
        let diagnostic = Diagnostic.error(
            "unknown-theme", "unknown theme « mobilté »",
            at: SourceLocation(file: "content/roadmaps/2015/x.md", line: 5, column: 12), length: 7,
            hint: "did you mean « mobilite » ?")
        let text = DiagnosticPrinter(language: .en) { _ in self.source }.format(diagnostic)
        #expect(text == """
            content/roadmaps/2015/x.md:5:12: error[unknown-theme]: unknown theme « mobilté »
              5 |     theme: mobilté
                |            ^^^^^^^
                = hint: did you mean « mobilite » ?

            """)
    }

    @Test func caretIsClippedToTheLineAndFileLevelDiagnosticsHaveNoQuote() {
        let printer = DiagnosticPrinter(language: .en) { _ in self.source }
        let long = Diagnostic.warning("x", "m", at: SourceLocation(file: "f", line: 2, column: 8), length: 99)
        #expect(printer.format(long).contains("|        ^^^^^^^^^^^^^^^^\n"))
        let whole = Diagnostic.error("missing-file", "no site.yaml", at: SourceLocation(file: "content/site.yaml"))
        #expect(printer.format(whole) == "content/site.yaml: error[missing-file]: no site.yaml\n")
    }

    @Test func summaryCountsErrorsWarningsAndFiles() {
        let a = Diagnostic.error("a", "m", at: SourceLocation(file: "one"))
        let b = Diagnostic.error("b", "m", at: SourceLocation(file: "two"))
        let c = Diagnostic.warning("c", "m", at: SourceLocation(file: "two"))
        #expect(DiagnosticPrinter.summary([a, b, c], language: .en) == "2 errors, 1 warning in 2 files")
        #expect(DiagnosticPrinter.summary([a], language: .en) == "1 error in 1 file")
        #expect(DiagnosticPrinter.summary([], language: .en) == "no problems")
        #expect(DiagnosticPrinter.summary([a, b, c], language: .fr) == "2 erreurs, 1 avertissement dans 2 fichiers")
        #expect(DiagnosticPrinter.summary([a], language: .fr) == "1 erreur dans 1 fichier")
        #expect(DiagnosticPrinter.summary([], language: .fr) == "aucun problème")
    }

    @Test func printsInFrenchWithFrenchTypography() {
        let diagnostic = Diagnostic.error(.unknownReference(kind: "theme", "mobilté", suggestion: "mobilite", listedIn: "content/"),
                                          at: SourceLocation(file: "content/roadmaps/2015/x.md", line: 5, column: 12), length: 7)
        let text = DiagnosticPrinter(language: .fr) { _ in self.source }.format(diagnostic)
        #expect(text == """
            content/roadmaps/2015/x.md:5:12: erreur[unknown-theme]: thème inconnu «\u{202F}mobilté\u{202F}»
              5 |     theme: mobilté
                |            ^^^^^^^
                = conseil\u{A0}: voulez-vous dire «\u{202F}mobilite\u{202F}»\u{202F}? Les thèmes sont listés dans content/themes.yaml

            """)
        let warning = Diagnostic.warning("x", "m", at: SourceLocation(file: "f"))
        #expect(DiagnosticPrinter(language: .fr) { _ in nil }.format(warning) == "f: avertissement[x]: m\n")
    }

    @Test func languageComesFromTheArgumentsThenTheLocale() {
        #expect(Language.resolve(arguments: ["check", "--lang", "en"], environment: ["LANG": "fr_FR.UTF-8"]) == .en)
        #expect(Language.resolve(arguments: ["--lang=fr"], environment: ["LANG": "en_GB.UTF-8"]) == .fr)
        #expect(Language.resolve(arguments: [], environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.resolve(arguments: [], environment: ["LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"]) == .fr)
        #expect(Language.resolve(arguments: [], environment: ["LANG": "C.UTF-8"]) == .fr)
        #expect(Language.resolve(arguments: [], environment: [:]) == .fr)
    }

    @Test func bagSortsByFileThenPosition() {
        var bag = DiagnosticBag()
        bag.error("late", "m", at: SourceLocation(file: "b", line: 1, column: 1))
        bag.error("second", "m", at: SourceLocation(file: "a", line: 9, column: 1))
        bag.error("first", "m", at: SourceLocation(file: "a", line: 2, column: 5))
        #expect(bag.sorted.map(\.code) == ["first", "second", "late"])
        #expect(bag.errorCount == 3 && bag.hasErrors)
    }
}
