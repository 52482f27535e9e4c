import Diagnostics
import Testing

@Suite struct DiagnosticPrinterTests {
    let source = "---\ntitle: Feuille de route\nneeds:\n  - id: carto\n    theme: mobilté\n"

    @Test func printsLocationSourceLineCaretAndHint() {
        let diagnostic = Diagnostic.error(
            "unknown-theme", "unknown theme « mobilté »",
            at: SourceLocation(file: "content/roadmaps/2015/x.md", line: 5, column: 12), length: 7,
            hint: "did you mean « mobilite » ?")
        let text = DiagnosticPrinter { _ in self.source }.format(diagnostic)
        #expect(text == """
            content/roadmaps/2015/x.md:5:12: error[unknown-theme]: unknown theme « mobilté »
              5 |     theme: mobilté
                |            ^^^^^^^
                = hint: did you mean « mobilite » ?

            """)
    }

    @Test func caretIsClippedToTheLineAndFileLevelDiagnosticsHaveNoQuote() {
        let printer = DiagnosticPrinter { _ in self.source }
        let long = Diagnostic.warning("x", "m", at: SourceLocation(file: "f", line: 2, column: 8), length: 99)
        #expect(printer.format(long).contains("|        ^^^^^^^^^^^^^^^^\n"))
        let whole = Diagnostic.error("missing-file", "no site.yaml", at: SourceLocation(file: "content/site.yaml"))
        #expect(printer.format(whole) == "content/site.yaml: error[missing-file]: no site.yaml\n")
    }

    @Test func summaryCountsErrorsWarningsAndFiles() {
        let a = Diagnostic.error("a", "m", at: SourceLocation(file: "one"))
        let b = Diagnostic.error("b", "m", at: SourceLocation(file: "two"))
        let c = Diagnostic.warning("c", "m", at: SourceLocation(file: "two"))
        #expect(DiagnosticPrinter.summary([a, b, c]) == "2 errors, 1 warning in 2 files")
        #expect(DiagnosticPrinter.summary([a]) == "1 error in 1 file")
        #expect(DiagnosticPrinter.summary([]) == "no problems")
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
