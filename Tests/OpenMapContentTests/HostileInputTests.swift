import Diagnostics
import Foundation
import Testing
@testable import OpenMapContent

/// One hostile input: files replaced (raw bytes, so that broken encodings can be written) and the
/// located diagnostic it must produce. `line`/`column` 0 mean "the whole file".
struct HostileCase: Sendable, CustomTestStringConvertible {
    let name: String
    let files: [String: Data]
    let code: String
    let file: String
    let line: Int
    let column: Int
    var messageContains: String?
    var testDescription: String { name }

    init(_ name: String, _ path: String, _ bytes: Data, code: String, line: Int, column: Int, message: String? = nil) {
        self.name = name
        self.files = [path: bytes]
        self.code = code
        self.file = path
        self.line = line
        self.column = column
        self.messageContains = message
    }

    init(_ name: String, _ path: String, _ text: String, code: String, line: Int, column: Int, message: String? = nil) {
        self.init(name, path, Data(text.utf8), code: code, line: line, column: column, message: message)
    }
}

private let buyer = "buyers/paris.yaml"
private let roadmap = "roadmaps/2015/plaine-commune.md"
private let matinale = "matinales/2015-10-15-usagers/index.md"
private let requests = "matinales/2015-10-15-usagers/requests.csv"
private let availability = "matinales/2015-10-15-usagers/availability.csv"
private let page = "pages/a-propos.md"

private func bytes(_ parts: [UInt8]...) -> Data { Data(parts.joined()) }
private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }
private func base(_ path: String) -> String { Fixture.files[path] ?? "" }
private func edited(_ path: String, _ old: String, _ new: String) -> String {
    base(path).replacingOccurrences(of: old, with: new)
}

/// "Billion laughs": nine levels of nine aliases each.
private let aliasBomb: String = {
    var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in 1...9 {
        let previous = "*a\(level - 1)"
        lines.append("a\(level): &a\(level) [" + Array(repeating: previous, count: 9).joined(separator: ", ") + "]")
    }
    return "name: Bombe\nkind: commune\ndepartment: \"75\"\n" + lines.joined(separator: "\n") + "\n"
}()

private let deepFlow = "name: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
private let deepBlock: String = (0..<400).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
private let hugeText = "name: Énorme\nkind: commune\ndepartment: \"75\"\ndescription: " + String(repeating: "a", count: 6 * 1_048_576) + "\n"

private let encodingCases: [HostileCase] = [
    HostileCase("invalid UTF-8 byte", buyer, bytes(utf8("name: Ville\nkind: \u{E9}"), [0xFF], utf8("\n")),
                code: "invalid-encoding", line: 2, column: 8),
    HostileCase("truncated multibyte sequence at the end", buyer, bytes(utf8("name: Ville de Paris\nkind: commune\n"), [0xC3]),
                code: "invalid-encoding", line: 3, column: 1),
    HostileCase("overlong encoding of a slash", buyer, bytes(utf8("name: a"), [0xC0, 0xAF], utf8("b\n")),
                code: "invalid-encoding", line: 1, column: 8),
    HostileCase("Latin-1 file", roadmap, bytes(utf8("---\ntitle: Feuille de route ann"), [0xE9], utf8("e\n---\n")),
                code: "invalid-encoding", line: 2, column: 28),
    HostileCase("UTF-16 file with its byte order mark", buyer, bytes([0xFF, 0xFE], utf8("n\0a\0")),
                code: "invalid-encoding", line: 1, column: 1),
    HostileCase("surrogate code point encoded in UTF-8", page, bytes(utf8("---\ntitle: x"), [0xED, 0xA0, 0x80], utf8("\n---\n")),
                code: "invalid-encoding", line: 2, column: 9),
    HostileCase("NUL byte in YAML", buyer, bytes(utf8("name: Ville\0de Paris\n")),
                code: "nul-byte", line: 1, column: 12),
    HostileCase("NUL byte in a Markdown body", page, bytes(utf8(base(page) + "du texte\0après\n")),
                code: "nul-byte", line: 0, column: 0),
    HostileCase("NUL byte in a CSV file", requests, bytes(utf8("supplier,buyer,priority,status\nacme\0,paris,1,\n")),
                code: "nul-byte", line: 2, column: 5),
    HostileCase("content file over 5 MiB", buyer, hugeText, code: "file-too-large", line: 0, column: 0, message: "5 MiB"),
    HostileCase("CSV file over 5 MiB", requests,
                "supplier,buyer,priority,status\n" + String(repeating: "acme,paris,1,accepte\n", count: 300_000),
                code: "file-too-large", line: 0, column: 0),
]

private let emptyCases: [HostileCase] = [
    HostileCase("empty YAML file", buyer, "", code: "missing-field", line: 1, column: 1, message: "empty"),
    HostileCase("YAML file of blank lines", buyer, "\n\n   \n", code: "missing-field", line: 1, column: 1),
    HostileCase("YAML file of comments only", buyer, "# nom\n# type\n", code: "missing-field", line: 1, column: 1),
    HostileCase("empty Markdown file", page, "", code: "missing-front-matter", line: 1, column: 1),
    HostileCase("empty CSV file", requests, "", code: "csv-header", line: 1, column: 1),
    HostileCase("empty front matter", page, "---\n---\nTexte.\n", code: "missing-field", line: 0, column: 0),
]

private let frontMatterCases: [HostileCase] = [
    HostileCase("front matter without closing fence", roadmap, "---\ntitle: Feuille de route\npublished: 2015-04-17\n\nLe texte.\n",
                code: "unclosed-front-matter", line: 1, column: 1),
    HostileCase("front matter after a blank line", page, "\n" + base(page), code: "missing-front-matter", line: 1, column: 1),
    HostileCase("front matter is a list", page, "---\n- title\n- summary\n---\nTexte.\n", code: "invalid-type", line: 2, column: 1),
    HostileCase("front matter is a scalar", page, "---\njuste du texte\n---\nTexte.\n", code: "invalid-type", line: 2, column: 1),
    HostileCase("opening fence only", page, "---", code: "unclosed-front-matter", line: 1, column: 1),
    HostileCase("old Mac line ends (CR only)", page, base(page).replacingOccurrences(of: "\n", with: "\r"),
                code: "missing-front-matter", line: 1, column: 1),
]

private let yamlCases: [HostileCase] = [
    HostileCase("alias bomb (billion laughs)", buyer, aliasBomb, code: "yaml-syntax", line: 0, column: 0, message: "nodes"),
    HostileCase("alias bomb in front matter", page, "---\n" + aliasBomb + "---\n", code: "yaml-syntax", line: 0, column: 0,
                message: "nodes"),
    HostileCase("10 000 nested flow sequences", buyer, deepFlow, code: "yaml-syntax", line: 1, column: 0, message: "deeper"),
    HostileCase("400 nested block mappings", buyer, deepBlock, code: "yaml-syntax", line: 0, column: 0, message: "deeper"),
    HostileCase("duplicate key", buyer, base(buyer) + "name: Paris bis\n", code: "duplicate-key", line: 4, column: 1,
                message: "line 1"),
    HostileCase("duplicate key in front matter", roadmap, edited(roadmap, "updated: 2015-06-01", "title: Encore"),
                code: "duplicate-key", line: 4, column: 1),
    HostileCase("sequence as a key", buyer, base(buyer) + "? [a, b]\n: x\n", code: "invalid-type", line: 4, column: 3,
                message: "field name"),
    HostileCase("mapping as a key", buyer, base(buyer) + "? {a: b}\n: x\n", code: "invalid-type", line: 4, column: 3),
    HostileCase("integer key", buyer, base(buyer) + "1: x\n", code: "unknown-key", line: 4, column: 1),
    HostileCase("tab indentation", buyer, "name: Paris\nkind: commune\ndepartment: \"75\"\nlogo:\n\tpath: x\n",
                code: "yaml-syntax", line: 5, column: 0),
    HostileCase("unknown alias", buyer, "name: *nulle-part\n", code: "yaml-syntax", line: 1, column: 7, message: "nulle-part"),
    HostileCase("flow sequence left open", buyer, "name: Paris\nkind: [commune, \n", code: "yaml-syntax", line: 0, column: 0),
    HostileCase("double quote left open", buyer, "name: \"Paris\nkind: commune\n", code: "yaml-syntax", line: 0, column: 0),
    HostileCase("two YAML documents in one file", buyer, base(buyer) + "---\nname: Autre\n", code: "yaml-syntax", line: 4,
                column: 0),
    HostileCase("merge key", buyer, "base: &b {kind: commune}\n<<: *b\nname: Paris\ndepartment: \"75\"\n",
                code: "unknown-key", line: 1, column: 1),
    HostileCase("control character in a key", buyer, base(buyer) + "na\u{7}me: x\n", code: "yaml-syntax", line: 4, column: 3),
]

private let csvCases: [HostileCase] = [
    HostileCase("ragged row, too few fields", requests, "supplier,buyer,priority,status\nacme,paris,1,accepte\ncarto-plus,paris\n",
                code: "csv-columns", line: 3, column: 1, message: "found 2"),
    HostileCase("ragged row, too many fields", requests, "supplier,buyer,priority,status\nacme,paris,1,accepte,en-trop\n",
                code: "csv-columns", line: 2, column: 1),
    HostileCase("tab-separated file", requests, "supplier\tbuyer\tpriority\tstatus\nacme\tparis\t1\taccepte\n",
                code: "csv-header", line: 1, column: 1),
    HostileCase("semicolon header, comma rows", requests, "supplier;buyer;priority;status\nacme,paris,1,accepte\n",
                code: "csv-columns", line: 2, column: 1),
    HostileCase("quote left open", requests, "supplier,buyer,priority,status\nacme,\"paris,1,accepte\ncarto-plus,paris,2,\n",
                code: "csv-syntax", line: 2, column: 6, message: "not closed"),
    HostileCase("quote left open in the header", availability, "participant,\"from,to\nacme,10:00,11:00\n",
                code: "csv-syntax", line: 1, column: 13),
    HostileCase("header only with an unknown column", availability, "participant,from,to,note\n",
                code: "csv-header", line: 1, column: 21, message: "note"),
    HostileCase("header missing a column", requests, "supplier,priority\nacme,1\n", code: "csv-header", line: 1, column: 1,
                message: "buyer"),
    HostileCase("formula in a slug column", requests, "supplier,buyer,priority,status\n=HYPERLINK(\"x\"),paris,1,\n",
                code: "unknown-supplier", line: 2, column: 1),
    HostileCase("time that is not a time", availability, "participant,from,to\nacme,10h,11:00\n",
                code: "invalid-time", line: 2, column: 6),
]

private let pathCases: [HostileCase] = [
    HostileCase("logo escaping assets/", buyer, base(buyer) + "logo: assets/../../etc/passwd\n",
                code: "invalid-asset-path", line: 4, column: 7),
    HostileCase("absolute logo path", buyer, base(buyer) + "logo: /etc/passwd\n", code: "invalid-asset-path", line: 4, column: 7),
    HostileCase("javascript: website", buyer, base(buyer) + "website: javascript:alert(1)\n", code: "invalid-url", line: 4,
                column: 10),
    HostileCase("data: tender URL", roadmap, edited(roadmap, "https://marches.example.fr/123", "data:text/html,<script>alert(1)</script>"),
                code: "invalid-url", line: 30, column: 17),
    HostileCase("javascript: registration URL", matinale, edited(matinale, "meetings:\n", "registration:\n  url: javascript:alert(1)\nmeetings:\n"),
                code: "invalid-url", line: 0, column: 8),
    HostileCase("data: video URL", "pitches/acme-mobilite.md", edited("pitches/acme-mobilite.md", "  id: abc123\n", "  url: data:text/html,x\n"),
                code: "invalid-url", line: 8, column: 8),
    HostileCase("captions escaping assets/", "pitches/acme-mobilite.md",
                edited("pitches/acme-mobilite.md", "assets/videos/acme.vtt", "../../../etc/passwd.vtt"),
                code: "invalid-asset-path", line: 10, column: 13),
    HostileCase("vbscript: website", buyer, base(buyer) + "website: vbscript:msgbox\n", code: "invalid-url", line: 4, column: 10),
]

private let allCases = encodingCases + emptyCases + frontMatterCases + yamlCases + csvCases + pathCases

@Suite struct HostileInputTests {
    @Test func corpusIsLargeEnough() {
        #expect(allCases.count >= 40)
    }

    @Test(arguments: allCases)
    func hostileInput(_ hostile: HostileCase) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        for (path, data) in hostile.files { try data.write(to: URL(fileURLWithPath: fixture.file(path))) }

        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure { diagnostics = fixture.diagnostics() }
        #expect(elapsed < .seconds(3), "loading took \(elapsed)")

        let path = fixture.file(hostile.file)
        let matching = diagnostics.with(code: hostile.code).filter { $0.file == path }
        guard let found = matching.first else {
            Issue.record("no \(hostile.code) in \(hostile.file); got:\n\(diagnostics.summary)")
            return
        }
        #expect(found.severity == .error)
        if hostile.line > 0 { #expect(found.line == hostile.line, "\(diagnostics.summary)") }
        if hostile.column > 0 { #expect(found.column == hostile.column, "\(diagnostics.summary)") }
        if let text = hostile.messageContains { #expect(found.message(in: .en).contains(text), "\(found.message(in: .en))") }
    }

    /// Normalised inputs load as if they were plain: a BOM and CRLF line ends change nothing.
    @Test(arguments: [("BOM", "\u{FEFF}", "\n"), ("CRLF", "", "\r\n"), ("BOM and CRLF", "\u{FEFF}", "\r\n")])
    func harmlessVariants(_ name: String, _ prefix: String, _ newline: String) throws {
        let paths = [buyer, roadmap, matinale, requests, availability, page]
        let fixture = try Fixture()
        defer { fixture.remove() }
        let clean = fixture.diagnostics().summary
        for path in paths {
            let text = prefix + base(path).replacingOccurrences(of: "\n", with: newline)
            try Data(text.utf8).write(to: URL(fileURLWithPath: fixture.file(path)))
        }
        #expect(fixture.diagnostics().summary == clean, "\(name)")
    }

    /// An error after a BOM and CRLF lines is still located on the right line and column.
    @Test func locationsSurviveBOMAndCRLF() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let text = "\u{FEFF}" + edited(roadmap, "published: 2015-04-17", "published: 2015/04/17").replacingOccurrences(of: "\n", with: "\r\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: fixture.file(roadmap)))
        let found = fixture.diagnostics().with(code: "invalid-date").first
        #expect(found?.line == 3)
        #expect(found?.column == 12)
    }

    /// Tags are ignored: a language-specific tag never constructs anything, the value stays text.
    @Test func languageTagsAreIgnored() throws {
        let fixture = try Fixture([buyer: "name: !!python/object/apply:os.system Paris\nkind: commune\ndepartment: \"75\"\n"])
        defer { fixture.remove() }
        let result = fixture.load()
        #expect(result.content.buyers.contains { $0.name == "Paris" })
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.summary)")
    }

    /// A symbolic link to a folder outside the content folder is refused, not followed.
    @Test func symlinkedFolderOutsideIsRefused() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("name: Dehors\nkind: autre\ndepartment: \"75\"\n".utf8).write(to: outside.appendingPathComponent("dehors.yaml"))
        try FileManager.default.createSymbolicLink(atPath: fixture.file("buyers/ailleurs"), withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: fixture.file("assets/secret.svg"),
                                                   withDestinationPath: outside.appendingPathComponent("dehors.yaml").path)
        let result = fixture.load()
        #expect(!result.content.buyers.contains { $0.name == "Dehors" })
        #expect(!result.content.assets.contains("assets/secret.svg"))
        #expect(result.diagnostics.with(code: "unsafe-symlink").count == 1)
    }
}
