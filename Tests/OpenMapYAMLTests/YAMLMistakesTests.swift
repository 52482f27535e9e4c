import OpenMapYAML
import Testing

/// Each editor mistake is found where the editor must act, whatever line libyaml stopped on.
@Suite struct YAMLMistakesTests {
    func mistakes(_ text: String, lineOffset: Int = 0) -> [YAMLMistake] {
        do {
            _ = try YAMLParser().parse(text, lineOffset: lineOffset)
            return []
        } catch {
            return YAMLMistakes.find(in: text, error: error, lineOffset: lineOffset)
        }
    }

    func only(_ text: String, lineOffset: Int = 0) -> YAMLMistake? {
        let found = mistakes(text, lineOffset: lineOffset)
        #expect(found.count == 1, "\(found)")
        return found.first
    }

    @Test func tabInIndentation() throws {
        let found = try #require(only("name: Ville\nkind: commune\ndescription:\n\tUne ville.\ndepartment: 93\n"))
        #expect(found.kind == .tab && found.line == 4 && found.column == 1)
        let nested = try #require(only("name: Ville\nhorizon:\n  from: 2015-01\n\tto: 2015-12\nx: 1\n"))
        #expect(nested.kind == .tab && nested.line == 4 && nested.column == 1)
    }

    @Test func colonInsideAPlainValue() throws {
        let found = try #require(only("title: Marché : maintenance\npublished: 2015-01-01\n", lineOffset: 1))
        #expect(found.kind == .colonInValue(key: "title"))
        #expect(found.line == 2 && found.column == 15)
        #expect(found.correctedLine == "title: \"Marché : maintenance\"")
        let final = try #require(only("title: Sujet:\n"))
        #expect(final.kind == .colonInValue(key: "title") && final.column == 13)
    }

    @Test func unclosedQuoteIsFoundAtItsOpening() throws {
        let found = try #require(only("name: Ville\ntitle: \"Marché public\nkind: commune\ndepartment: 93\nwebsite: https://x.fr\n"))
        #expect(found.kind == .unclosedQuote(quote: "\"") && found.line == 2 && found.column == 8)
        // Closed by a later quote: libyaml stops on line 3, the mistake is on line 1.
        let later = try #require(only("title: \"Marché public\nkind: commune\ndescription: \"Texte\"\n"))
        #expect(later.kind == .unclosedQuote(quote: "\"") && later.line == 1 && later.column == 8)
    }

    @Test func apostropheInsideSingleQuotes() throws {
        let found = try #require(only("title: 'Les achats d'innovation'\n"))
        #expect(found.kind == .apostropheInSingleQuotes && found.column == 21)
        #expect(found.correctedLine == "title: \"Les achats d'innovation\"")
    }

    @Test func missingSpaceAfterColonAndMissingColon() throws {
        let space = try #require(only("name: Ville\nkind:commune\ndepartment: 93\n"))
        #expect(space.kind == .missingSpaceAfterColon(key: "kind") && space.line == 2 && space.column == 5)
        #expect(space.correctedLine == "kind: commune")
        let colon = try #require(only("name: Ville\nkind commune\ndepartment: 93\n"))
        #expect(colon.kind == .missingColon(key: "kind") && colon.line == 2 && colon.column == 5)
    }

    @Test func misindentedKeys() throws {
        let deeper = try #require(only("title: x\nhorizon:\n  from: 2015-01\n   to: 2015-12\nneeds: []\n"))
        #expect(deeper.kind == .misindentedKey(key: "to", expectedColumn: 3, sibling: "from", siblingLine: 3))
        #expect(deeper.line == 4 && deeper.column == 4)
        let shallower = try #require(only("title: x\nhorizon:\n  from: 2015-01\n to: 2015-12\nneeds: []\n"))
        #expect(shallower.kind == .misindentedKey(key: "to", expectedColumn: 3, sibling: "from", siblingLine: 3))
        let inList = try #require(only("needs:\n  - id: a\n    title: b\n   theme: c\n"))
        #expect(inList.kind == .misindentedKey(key: "theme", expectedColumn: 5, sibling: "title", siblingLine: 3))
        let deeperInList = try #require(only("needs:\n  - id: a\n    title: b\n     theme: c\n"))
        #expect(deeperInList.kind == .misindentedKey(key: "theme", expectedColumn: 5, sibling: "title", siblingLine: 3))
    }

    @Test func listsAndMappingsMixed() throws {
        let key = try #require(only("needs:\n  - id: a\n  title: b\n"))
        #expect(key.kind == .keyAmongListItems(key: "title", expectedColumn: 5, sibling: "id", siblingLine: 2))
        #expect(key.line == 3 && key.column == 3)
        let item = try #require(only("title: x\n- id: a\n"))
        #expect(item.kind == .listItemAmongKeys(previousKey: "title") && item.line == 2 && item.column == 1)
    }

    @Test func otherShapes() throws {
        let at = try #require(only("email: @contact\n"))
        #expect(at.kind == .reservedCharacter("@") && at.column == 8)
        let bracket = try #require(only("cpv: [72000000, 48000000\ntheme: x\n"))
        #expect(bracket.kind == .unclosedBracket("[") && bracket.line == 1 && bracket.column == 6)
        let dash = try #require(only("needs:\n  -id: a\n    title: b\n"))
        #expect(dash.kind == .missingSpaceAfterDash && dash.line == 2 && dash.column == 3)
        let after = try #require(only("title: \"Marché\" public\n"))
        #expect(after.kind == .textAfterQuote && after.column == 17)
    }

    @Test func twoMistakesGiveTwoErrors() {
        let found = mistakes("title: Marché : maintenance\nkind:commune\nother: x\n")
        #expect(found.map(\.line) == [1, 2], "\(found)")
    }
}
