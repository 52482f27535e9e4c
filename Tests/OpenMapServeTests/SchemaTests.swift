import Diagnostics
import Foundation
import OpenMapContent
import OpenMapTestSupport
import Testing

@Suite struct SchemaTests {
    @Test func committedSchemasAreUpToDate() throws {
        for schema in ContentSchema.generate() {
            let committed = packageRoot.appendingPathComponent("schemas/" + schema.fileName)
            let text = try String(contentsOf: committed, encoding: .utf8)
            #expect(text == schema.text, "schemas/\(schema.fileName) is stale: run « openmap schemas »")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("schemas").path)
            .filter { $0.hasSuffix(".schema.json") }
        #expect(files.count == ContentSchema.kinds.count)
    }

    /// The sample content against the committed schemas, with Python's jsonschema (draft 2020-12).
    @Test func sampleContentValidatesWithAStandardValidator() throws {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python),
              run(python, ["-c", "import jsonschema, yaml"]).status == 0 else {
            print("skipped: python3 with jsonschema and PyYAML is not available")
            return
        }
        let result = run(python, [packageRoot.appendingPathComponent("schemas/validate-content.py").path,
                                  packageRoot.appendingPathComponent("schemas").path,
                                  packageRoot.appendingPathComponent("content").path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("0 problems"))

        // And the validator does catch a mistake.
        let folder = try copySample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let buyer = folder.appendingPathComponent("content/buyers/plaine-commune.yaml")
        try (try String(contentsOf: buyer, encoding: .utf8) + "departement: \"93\"\n").write(to: buyer, atomically: true, encoding: .utf8)
        let broken = run(python, [packageRoot.appendingPathComponent("schemas/validate-content.py").path,
                                  packageRoot.appendingPathComponent("schemas").path, folder.appendingPathComponent("content").path])
        #expect(broken.status == 1)
        #expect(broken.output.contains("departement"))
    }

    /// `openmap schemas --content DIR`: the site's themes, CPV codes, buyers, suppliers and
    /// Matinales become enumerations (offered by the editor's completion), and a slug the site
    /// does not know is refused, which the plain schemas cannot do.
    @Test func schemasOfASiteListItsOwnValues() throws {
        let binary = packageRoot.appendingPathComponent(".build/debug/openmap").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the openmap binary first")
        let folder = try copySample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        let output = folder.appendingPathComponent("site-schemas")
        let written = run(binary, ["schemas", "--content", content.path, "--output", output.path, "--lang", "en"])
        #expect(written.status == 0 && written.output.contains("Wrote 10 schemas"), "\(written.output)")

        let site = ContentLoader(contentDirectory: content.path).load().content
        func schema(_ kind: String) throws -> [String: Any] {
            let data = try Data(contentsOf: output.appendingPathComponent(kind + ".schema.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        /// The enumeration at `path` (through `properties` and `items`; an optional field's
        /// enumeration is its first choice, the other being null).
        func values(_ kind: String, _ path: [String]) throws -> [String] {
            var node: Any = try schema(kind)
            for key in path {
                let object = try #require(node as? [String: Any], "\(kind): \(path)")
                node = try #require(key == "[]" ? object["items"] : (object["properties"] as? [String: Any])?[key], "\(kind): \(path)")
            }
            var object = try #require(node as? [String: Any])
            while object["enum"] == nil, let first = (object["anyOf"] as? [[String: Any]])?.first { object = first }
            return try #require(object["enum"] as? [String], "\(kind): \(path) is no enumeration")
        }
        let themes = site.themes.map(\.slug), buyers = site.buyers.map(\.slug), suppliers = site.suppliers.map(\.slug)
        #expect(themes.count > 5 && buyers.count > 10 && suppliers.count > 10 && site.cpv.count > 10)
        #expect(try values("roadmap", ["needs", "[]", "theme"]) == themes)
        #expect(try values("roadmap", ["needs", "[]", "cpv", "[]"]) == site.cpv.map(\.code))
        #expect(try values("supplier", ["themes", "[]"]) == themes)
        #expect(try values("pitch", ["themes", "[]"]) == themes)
        #expect(try values("pitch", ["supplier"]) == suppliers)
        #expect(try values("pitch", ["matinale"]) == site.matinales.map(\.slug))
        #expect(try values("matinale", ["tables", "[]", "buyer"]) == buyers)
        #expect(try values("matinale", ["round_table", "speakers", "[]", "buyer"]) == buyers)
        #expect(try values("testimonial", ["buyer"]) == buyers)
        // The committed schemas have no enumeration of the sample's values.
        #expect(!(try String(contentsOf: packageRoot.appendingPathComponent("schemas/roadmap.schema.json"), encoding: .utf8))
            .contains("\"cartographie\""))

        // The sample passes them; a theme the site does not have fails them, not the plain schemas.
        guard Python.hasJSONSchema else {
            print("skipped: python3 with jsonschema and PyYAML is not available")
            return
        }
        let validator = packageRoot.appendingPathComponent("schemas/validate-content.py").path
        let clean = run(Python.interpreter, [validator, output.path, content.path])
        #expect(clean.status == 0 && clean.output.contains(", 0 problems"), "\(clean.output)")
        let roadmap = content.appendingPathComponent("roadmaps/2015/plaine-commune.md")
        let text = try String(contentsOf: roadmap, encoding: .utf8)
        let theme = try #require(text.range(of: #"theme: [a-z-]+"#, options: .regularExpression))
        try text.replacingCharacters(in: theme, with: "theme: mobilit").write(to: roadmap, atomically: true, encoding: .utf8)
        let refused = run(Python.interpreter, [validator, output.path, content.path])
        #expect(refused.status == 1 && refused.output.contains("needs/0/theme: 'mobilit' is not one of"), "\(refused.output)")
        let plain = run(Python.interpreter, [validator, packageRoot.appendingPathComponent("schemas").path, content.path])
        #expect(plain.status == 0, "\(plain.output)")
    }

    /// The field table and the loader know the same keys, at every level of every kind.
    @Test(arguments: ContentSchema.kinds.map(\.id))
    func fieldTableMatchesTheLoader(kind id: String) throws {
        let kind = try #require(ContentSchema.kinds.first { $0.id == id })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let relative = kind.filePattern.replacingOccurrences(of: "roadmaps/*/", with: "roadmaps/2015/")
            .replacingOccurrences(of: "*", with: "exemple")
        let file = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var expected: [[String]] = []
        let yaml = YAMLSample.document(kind.root, expected: &expected)
        let text = kind.isFrontMatter ? "---\n\(yaml)---\nCorps.\n" : yaml
        try text.write(to: file, atomically: true, encoding: .utf8)

        let loaded = ContentLoader(contentDirectory: folder.path).load()
        let displayed = folder.path + "/" + relative
        let unknown = loaded.diagnostics.filter { $0.file == displayed && $0.code == "unknown-key" }
        let known = unknown.compactMap { $0.hint(in: .en) }.map { hint -> [String] in
            guard let range = hint.range(of: "known fields here: ") else { return ["(no list: \(hint))"] }
            return hint[range.upperBound...].components(separatedBy: ", ").sorted()
        }
        #expect(unknown.allSatisfy { $0.message.contains(YAMLSample.strayKey) }, "\(unknown.map(\.message))")
        #expect(known.sorted { $0.joined() < $1.joined() } == expected.map { $0.sorted() }.sorted { $0.joined() < $1.joined() },
                "the loader's keys differ from ContentSchema's for \(id)")
    }

    func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        (try? runProgram(URL(fileURLWithPath: executable), arguments)) ?? (-1, "\(executable) could not be started")
    }
}

/// YAML built from the field table: every field present, plus a stray key in every mapping.
enum YAMLSample {
    static let strayKey = "zzqxwv"

    static func document(_ type: ContentSchema.FieldType, expected: inout [[String]]) -> String {
        switch type {
        case .object(let fields), .objectNeedingOneOf(let fields, _):
            return mapping(fields, indent: 0, expected: &expected)
        case .list(let item):
            return "- " + value(item, indent: 2, expected: &expected).trimmingCharacters(in: .whitespaces)
        default:
            return "x\n"
        }
    }

    static func mapping(_ fields: [ContentSchema.Field], indent: Int, expected: inout [[String]]) -> String {
        expected.append(fields.map(\.name))
        let pad = String(repeating: " ", count: indent)
        var out = ""
        for field in fields {
            out += pad + field.name + ":" + value(field.type, indent: indent + 2, expected: &expected)
        }
        return out + pad + strayKey + ": 1\n"
    }

    /// The text after « key: » (a scalar on the same line, or a nested block).
    static func value(_ type: ContentSchema.FieldType, indent: Int, expected: inout [[String]]) -> String {
        switch type {
        case .object(let fields), .objectNeedingOneOf(let fields, _):
            return "\n" + mapping(fields, indent: indent, expected: &expected)
        case .oneOf(let choices):
            return value(choices[0], indent: indent, expected: &expected)
        case .list(let item):
            let pad = String(repeating: " ", count: indent)
            switch item {
            case .object(let fields), .objectNeedingOneOf(let fields, _):
                let block = mapping(fields, indent: indent + 2, expected: &expected)
                return "\n" + pad + "-" + block.dropFirst(indent + 1)
            default:
                return " [\(value(item, indent: 0, expected: &expected).trimmingCharacters(in: .whitespacesAndNewlines))]\n"
            }
        case .integer: return " 1\n"
        case .boolean: return " false\n"
        case .date: return " 2015-06-15\n"
        case .month: return " 2015-07\n"
        case .time: return " \"09:00\"\n"
        case .url: return " https://example.org\n"
        case .email: return " a@example.org\n"
        case .enumeration(let values): return " \(values[0])\n"
        case .constant(let value): return " \(value)\n"
        default: return " exemple\n"
        }
    }
}
