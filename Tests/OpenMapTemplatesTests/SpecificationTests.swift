import Foundation
import OpenMapTemplates
import Testing

/// The Mustache specification's test files (github.com/mustache/spec, MIT licence, copied in
/// Resources/mustache-spec with their LICENSE): every test of comments, delimiters,
/// interpolation, inverted sections, partials, sections and inheritance. Lambdas (optional in the
/// specification, unused by the site's templates) and dynamic names are not among the files.
@Suite struct SpecificationTests {
    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var name: String
        var description: String
        var data: JSONValue
        var template: String
        var partials: [String: String]
        var expected: String
        var testDescription: String { "\(file): \(name)" }
    }

    static func cases(in file: String) throws -> [Case] {
        guard let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "mustache-spec") else {
            throw SpecFileMissing(file: file)
        }
        let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        return spec.tests.map {
            Case(file: file, name: $0.name, description: $0.desc, data: $0.data, template: $0.template,
                 partials: $0.partials ?? [:], expected: $0.expected)
        }
    }

    /// Every case of every file; a file that cannot be read fails `everyFileIsRead` (an empty
    /// list here would pass silently).
    static let allCases: [Case] = files.flatMap { (try? cases(in: $0)) ?? [] }

    @Test func everyFileIsRead() throws {
        // The counts of the specification's commit 9cb20c3 (Resources/mustache-spec/README.md).
        let expected = ["comments": 12, "delimiters": 14, "interpolation": 42, "inverted": 22, "partials": 12,
                        "sections": 34, "~inheritance": 27]
        for file in Self.files {
            #expect(try Self.cases(in: file).count == expected[file], "\(file).json")
        }
        #expect(Self.allCases.count == 163)
    }

    @Test(arguments: allCases)
    func rendersAsTheSpecificationSays(_ test: Case) throws {
        var sources = test.partials
        let name = "\u{1}test"  // a name no partial of the specification has
        sources[name] = test.template
        let (library, errors) = TemplateLibrary.compile(sources, missingPartialsRenderEmpty: true)
        #expect(errors.isEmpty, "\(errors)")
        let rendered = library?.render(test.data.value, template: name)
        #expect(rendered == test.expected, "\(test.description)\ntemplate: \(test.template.debugDescription)")
    }
}

struct SpecFileMissing: Error {
    var file: String
}

private struct SpecFile: Decodable {
    struct Test: Decodable {
        var name: String
        var desc: String
        var data: JSONValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }
    var tests: [Test]
}

/// A JSON value as the values a page gives a template: dictionaries, arrays, strings, booleans,
/// integers, decimals; null as a nil optional.
enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            self = .int(int)
        } else if let double = try? container.decode(Double.self) {
            self = .double(double)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var value: Any {
        switch self {
        case .null: return Optional<Any>.none as Any
        case .bool(let bool): return bool
        case .int(let int): return int
        case .double(let double): return double
        case .string(let string): return string
        case .array(let array): return array.map(\.value)
        case .object(let object): return object.mapValues(\.value)
        }
    }
}
