import Foundation
import OpenMapTestSupport
import Testing
@testable import OpenMapFormats

private func text(_ table: CSVTable) -> String {
    String(decoding: table.serialized().dropFirst(CSVTable.byteOrderMark.count), as: UTF8.self)
}

@Suite("CSV writer")
struct CSVTableTests {
    @Test func startsWithByteOrderMarkAndUsesSemicolonsAndCRLF() {
        let table = CSVTable(header: ["Acheteur", "Montant"], rows: [["Ville de Saint-Denis", "216000"]])
        let bytes = table.serialized()
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(text(table) == "Acheteur;Montant\r\nVille de Saint-Denis;216000\r\n")
    }

    @Test func emptyTableIsOnlyTheByteOrderMark() {
        #expect(CSVTable(header: [], rows: []).serialized() == CSVTable.byteOrderMark)
    }

    @Test func fieldsAreQuotedOnlyWhenNeeded() {
        let table = CSVTable(header: [], rows: [[
            "simple, avec virgule", "a;b", #"dit "bonjour""#, "ligne\nsuivante", "retour\rchariot", "é « » ",
        ]])
        #expect(text(table) == "simple, avec virgule;\"a;b\";\"dit \"\"bonjour\"\"\";\"ligne\nsuivante\";\"retour\rchariot\";é « » \r\n")
    }

    @Test(arguments: ["=", "+", "-", "@", "\t", "\r"])
    func dangerousFirstCharacterIsNeutralised(first: String) {
        let cell = first + "HYPERLINK(\"http://x\")"
        #expect(CSVTable.neutralised(cell) == "'" + cell)
        let written = text(CSVTable(header: [cell], rows: [[cell]]))
        let expectedCell = CSVTable.quotedIfNeeded("'" + cell)
        #expect(written == expectedCell + "\r\n" + expectedCell + "\r\n")
    }

    @Test func harmlessCellsAreUntouched() {
        for cell in ["", "abc", "12", "'déjà", " =espace", "a=b", "€ 3"] {
            #expect(CSVTable.neutralised(cell) == cell)
        }
    }

    @Test func numericColumnsKeepNumbersButNotFormulas() {
        let table = CSVTable(
            header: ["-Nom", "Valeur"],
            rows: [["-12", "-12"], ["x", "3,5"], ["y", "=1+2"], ["z", "-1-1"], ["w", "0.25"]],
            numericColumns: [1]
        )
        #expect(text(table) == "'-Nom;Valeur\r\n'-12;-12\r\nx;3,5\r\ny;'=1+2\r\nz;'-1-1\r\nw;0.25\r\n")
    }

    @Test func numberRecognition() {
        for number in ["0", "216000", "-12", "3,5", "0.25", "-0,75"] { #expect(CSVTable.isNumber(number)) }
        for other in ["", "-", "1,", ",5", "1,2,3", "1e5", "+1", " 1", "12 000", "=1"] {
            #expect(!CSVTable.isNumber(other))
        }
    }

    @Test func shortRowsArePaddedToTheHeader() {
        let table = CSVTable(header: ["a", "b", "c"], rows: [["1"], ["1", "2", "3", "4"]])
        #expect(text(table) == "a;b;c\r\n1;;\r\n1;2;3;4\r\n")
    }

    @Test(.enabled(if: Python.isAvailable, "needs /usr/bin/python3"))
    func pythonCSVModuleReadsTheCellsBack() throws {
        let header = ["Acheteur", "Remarque", "Montant"]
        let rows = [
            ["Établissement « public »", "dit \"oui\"; puis non", "216000"],
            ["Ville, 93", "deux\r\nlignes", "0"],
            ["=cmd|' /C calc'!A0", "@SUM(A1)", "-3"],
            ["", "\ttab", "+33 1 23"],
        ]
        let table = CSVTable(header: header, rows: rows, numericColumns: [2])
        let script = """
        import sys, csv, json
        with open(sys.argv[1], newline='', encoding='utf-8-sig') as handle:
            print(json.dumps(list(csv.reader(handle, delimiter=';'))))
        """
        let result = try #require(Python.run(script: script, input: table.serialized()))
        #expect(result.status == 0)
        let parsed = try JSONDecoder().decode([[String]].self, from: result.output)
        let expected = [header] + rows.map { row in
            row.enumerated().map { index, cell in
                index == 2 && CSVTable.isNumber(cell) ? cell : CSVTable.neutralised(cell)
            }
        }
        #expect(parsed == expected)
        #expect(parsed[3][0] == "'=cmd|' /C calc'!A0")
        #expect(parsed[3][2] == "-3")
        #expect(parsed[4][2] == "'+33 1 23")
    }
}
