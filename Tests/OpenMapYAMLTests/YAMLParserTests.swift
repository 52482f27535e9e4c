import Testing
@testable import OpenMapYAML

@Suite struct YAMLParserTests {
    let parser = YAMLParser()

    @Test func mappingKeepsOrderAndPositions() throws {
        let document = try parser.parse("title: Plan\nneeds:\n  - id: sig\n    theme: mobilite\n")
        let root = try #require(document.root)
        #expect(root.mapping?.map { $0.key.string } == ["title", "needs"])
        #expect(root.line == 1 && root.column == 1)
        let need = try #require(root["needs"]?.sequence?.first)
        #expect(need.line == 3 && need.column == 5)
        let theme = try #require(need["theme"])
        #expect(theme.string == "mobilite")
        #expect(theme.line == 4 && theme.column == 12)
        #expect(theme.length == 8)
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let document = try parser.parse("intitulé: « Énergie »\nthème: mobilté\n")
        let root = try #require(document.root)
        let theme = try #require(root["thème"])
        #expect(theme.line == 2 && theme.column == 8)
        #expect(theme.length == 7)
        #expect(root["intitulé"]?.column == 11)
    }

    @Test func lineOffsetShiftsLines() throws {
        let document = try parser.parse("a: 1\nb: 2\n", lineOffset: 1)
        #expect(document.root?["b"]?.line == 3)
        #expect(document.root?["b"]?.column == 4)
    }

    @Test(arguments: [
        ("n: 12", YAMLScalarStyle.plain),
        ("n: \"12\"", .doubleQuoted),
        ("n: '12'", .singleQuoted),
        ("n: |\n  12\n", .literal),
        ("n: >\n  12\n", .folded),
    ])
    func scalarStyles(text: String, style: YAMLScalarStyle) throws {
        let node = try #require(try parser.parse(text).root?["n"])
        #expect(node.scalar?.style == style)
        #expect(node.string?.hasPrefix("12") == true)
    }

    @Test func quotedAndPlainAreDistinguished() throws {
        let root = try #require(try parser.parse("a: 12\nb: \"12\"\nc: !!str 12\nd:\ne: ~\n").root)
        #expect(root["a"]?.scalar?.style.isPlain == true)
        #expect(root["b"]?.scalar?.style.isQuoted == true)
        #expect(root["c"]?.scalar?.tag == "tag:yaml.org,2002:str")
        #expect(root["d"]?.isNull == true)
        #expect(root["e"]?.isNull == true)
        #expect(root["b"]?.isNull == false)
    }

    @Test func syntaxErrorCarriesLibyamlProblemAndPosition() {
        do {
            _ = try parser.parse("title: a\nneeds:\n  - id: x\n   bad: [\n", lineOffset: 1)
            Issue.record("expected an error")
        } catch {
            #expect(error.line >= 4)
            #expect(error.column >= 1)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func tabIndentationIsAnError() {
        #expect(throws: YAMLError.self) { try parser.parse("a:\n\tb: 1\n") }
    }

    @Test func aliasesAreResolved() throws {
        let root = try #require(try parser.parse("base: &b {x: 1}\ncopy: *b\n").root)
        #expect(root["copy"]?["x"]?.string == "1")
        #expect(root["copy"]?.line == 2)
        #expect(root["copy"]?.column == 7)
    }

    @Test func unknownAliasIsAnError() {
        #expect(throws: YAMLError.self) { try parser.parse("a: *nothing\n") }
    }

    @Test func aliasBombIsStopped() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        do {
            _ = try parser.parse(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("100000 nodes"))
        }
    }

    @Test func deepNestingIsStopped() {
        let text = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        do {
            _ = try parser.parse(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("deeper"))
        }
    }

    @Test func nestingThroughAliasesIsLimited() {
        let small = YAMLParser(maxNodes: 1000, maxDepth: 4)
        #expect(throws: YAMLError.self) { try small.parse("a: &a [[[1]]]\nb: [*a]\n") }
        #expect(throws: Never.self) { try small.parse("a: &a [[1]]\n") }
    }

    @Test func duplicateKeysAreReported() throws {
        let document = try parser.parse("title: a\nb: 1\ntitle: c\n")
        #expect(document.duplicateKeys.count == 1)
        let duplicate = try #require(document.duplicateKeys.first)
        #expect(duplicate.key == "title")
        #expect(duplicate.first.line == 1)
        #expect(duplicate.duplicate.line == 3 && duplicate.duplicate.column == 1)
        #expect(document.root?.mapping?.count == 3)
    }

    @Test func emptyTextHasNoRoot() throws {
        #expect(try parser.parse("").root == nil)
        #expect(try parser.parse("# only a comment\n").root == nil)
    }

    @Test func multipleDocumentsAreRefused() {
        #expect(throws: YAMLError.self) { try parser.parse("a: 1\n---\nb: 2\n") }
    }

    @Test func byteOrderMarkIsTolerated() throws {
        let root = try #require(try parser.parse("\u{FEFF}a: 1\n").root)
        #expect(root["a"]?.column == 4)
    }

    @Test func blockScalarKeepsNewlines() throws {
        let root = try #require(try parser.parse("s: |\n  one\n  two\nt: x\n").root)
        #expect(root["s"]?.string == "one\ntwo\n")
        #expect(root["s"]?.line == 1)
    }
}
