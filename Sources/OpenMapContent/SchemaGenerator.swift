/// Turns `ContentSchema.kinds` into JSON Schemas (draft 2020-12), byte for byte the same on
/// every run: keys keep the table's order, two-space indentation, a final newline.
extension ContentSchema {
    /// The base of the schemas' `$id`s.
    public static let idBase = "https://www.openmap-numeriques.fr/schemas/"

    /// The site's own values, made enumerations by `openmap schemas --content DIR` so that an
    /// editor's YAML tooling completes them: themes, CPV codes, buyer and supplier slugs.
    public struct Vocabulary: Sendable {
        public var themes: [String]
        public var cpv: [String]
        public var buyers: [String]
        public var suppliers: [String]
        public var matinales: [String]

        public init(themes: [String] = [], cpv: [String] = [], buyers: [String] = [], suppliers: [String] = [],
                    matinales: [String] = []) {
            self.themes = themes
            self.cpv = cpv
            self.buyers = buyers
            self.suppliers = suppliers
            self.matinales = matinales
        }

        /// The vocabulary of loaded content (CPV codes with their check digit when known).
        public init(_ content: SiteContent) {
            self.init(themes: content.themes.map(\.slug), cpv: content.cpv.map(\.code),
                      buyers: content.buyers.map(\.slug), suppliers: content.suppliers.map(\.slug),
                      matinales: content.matinales.map(\.slug))
        }

        func values(of reference: String) -> [String] {
            switch reference {
            case "theme": themes
            case "buyer": buyers
            case "supplier": suppliers
            case "matinale": matinales
            default: []
            }
        }
    }

    /// `roadmap.schema.json` → its text, in the table's order.
    public static func generate(vocabulary: Vocabulary? = nil) -> [(fileName: String, text: String)] {
        kinds.map { kind in
            var root: [(String, JSON)] = [
                ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                ("$id", .string(idBase + kind.id + ".schema.json")),
                ("title", .string(kind.title)),
                ("description", .string(kind.isFrontMatter
                    ? "L'en-tête YAML (entre les lignes « --- ») des fichiers content/\(kind.filePattern)."
                    : "Les fichiers content/\(kind.filePattern).")),
            ]
            if case .object(let members) = schema(for: kind.root, vocabulary) {
                root += members.filter { $0.0 != "description" }
            }
            return (kind.id + ".schema.json", JSON.object(root).rendered(indent: 0) + "\n")
        }
    }

    static func object(_ fields: [Field], _ vocabulary: Vocabulary?) -> [(String, JSON)] {
        var members: [(String, JSON)] = [("type", .string("object"))]
        members.append(("properties", .object(fields.map { field in
            var property = field.name == "cpv" ? cpvList(field.type, vocabulary) : schema(for: field.type, vocabulary)
            property = field.required ? nonEmpty(property, field.type) : nullable(property)
            if case .object(var parts) = property {
                parts.insert(("description", .string(field.description)), at: 0)
                property = .object(parts)
            }
            return (field.name, property)
        })))
        let required = fields.filter(\.required).map { JSON.string($0.name) }
        if !required.isEmpty { members.append(("required", .array(required))) }
        members.append(("additionalProperties", .bool(false)))
        return members
    }

    /// A required text holds more than spaces, a required list at least one item (`needs`), as
    /// the loader asks.
    static func nonEmpty(_ schema: JSON, _ type: FieldType) -> JSON {
        guard case .object(let members) = schema else { return schema }
        switch type {
        case .text: return .object(members + [("pattern", .string("\\S"))])
        case .list: return .object(members + [("minItems", .int(1))])
        default: return schema
        }
    }

    /// An optional field left empty (`website:`) is read as absent: null is accepted.
    static func nullable(_ schema: JSON) -> JSON {
        let null = JSON.object([("type", .string("null"))])
        guard case .object(var members) = schema else { return schema }
        if let index = members.firstIndex(where: { $0.0 == "type" }) {
            switch members[index].1 {
            case .string(let type): members[index].1 = .array([.string(type), .string("null")])
            case .array(let types): members[index].1 = .array(types + [.string("null")])
            default: return schema
            }
            return .object(members)
        }
        for key in ["anyOf", "oneOf"] {
            if let index = members.firstIndex(where: { $0.0 == key }), case .array(let choices) = members[index].1 {
                members[index].1 = .array(choices + [null])
                return .object(members)
            }
        }
        return .object([("anyOf", .array([schema, null]))])
    }

    /// A need's or supplier's CPV codes: with a vocabulary, the site's codes are offered, and a listed code with
    /// another check digit is refused (a well-formed code outside the list is only a warning).
    static func cpvList(_ type: FieldType, _ vocabulary: Vocabulary?) -> JSON {
        guard let vocabulary, !vocabulary.cpv.isEmpty, case .list = type else { return schema(for: type, vocabulary) }
        let wrongCheckDigits = vocabulary.cpv.compactMap { code -> String? in
            let parts = code.split(separator: "-")
            return parts.count == 2 ? "\(parts[0])-[^\(parts[1])]" : nil
        }
        // A supplier's list may hold divisions (`72`) as well as codes.
        let allowsDivisions = if case .list(.pattern(cpvOrDivisionPattern, _)) = type { true } else { false }
        let written = allowsDivisions ? cpvOrDivisionPattern : cpvPattern
        let pattern = wrongCheckDigits.isEmpty ? written
            : "^(?!(?:" + wrongCheckDigits.joined(separator: "|") + ")$)" + written.dropFirst()
        let known = JSON.object([("enum", .array(vocabulary.cpv.map { .string($0) }))])
        let wellFormed = JSON.object([("type", .string("string")), ("pattern", .string(pattern))])
        return .object([("type", .string("array")),
                        ("items", .object([("anyOf", .array([known, wellFormed, number(digits: 8)]))]))])
    }

    /// Digits written without quotes: YAML reads a number, which has lost its leading zeros, so
    /// only its greatest value can be checked.
    static func number(digits: Int) -> JSON {
        var maximum = 1
        for _ in 0..<digits { maximum *= 10 }
        return .object([("type", .string("integer")), ("minimum", .int(0)), ("maximum", .int(maximum - 1))])
    }

    /// A slug; one made of digits only (`id: 2`) is a number to YAML.
    static let slugSchema = JSON.object([("anyOf", .array([
        .object([("type", .string("string")), ("pattern", .string(slugPattern))]),
        .object([("type", .string("integer")), ("minimum", .int(0))]),
    ]))])

    /// The site's slugs (and, for a slug of digits, the number YAML reads).
    static func slugEnumeration(_ values: [String]) -> JSON {
        let numbers = values.compactMap { value in Int(value).flatMap { String($0) == value ? JSON.int($0) : nil } }
        return .object([("enum", .array(values.map { .string($0) } + numbers))])
    }

    /// A path under `assets/` without empty, « . » or « .. » parts, ending with one of
    /// `extensions` in any case (what `ContentValidator.asset` accepts).
    static func assetPattern(_ extensions: [String]) -> String {
        let anyCase = extensions.map { $0.map { "[\($0.lowercased())\($0.uppercased())]" }.joined() }
        let suffix = anyCase.isEmpty ? "" : "(?=.*\\.(?:" + anyCase.joined(separator: "|") + ")$)"
        return "^" + suffix + "assets(?:/(?!\\.\\.?(?:/|$))[^/]+)+$"
    }

    static func schema(for type: FieldType, _ vocabulary: Vocabulary? = nil) -> JSON {
        func string(_ extra: [(String, JSON)] = []) -> JSON { .object([("type", .string("string"))] + extra) }
        switch type {
        case .text, .markdown:
            // The loader takes any scalar as text: `name: 1789`, `phone: 0102030405`.
            return .object([("type", .array([.string("string"), .string("number"), .string("boolean")]))])
        case .integer(let minimum):
            var members: [(String, JSON)] = [("type", .string("integer"))]
            if let minimum { members.append(("minimum", .int(minimum))) }
            return .object(members)
        case .boolean:
            return .object([("type", .string("boolean"))])
        case .date:
            return string([("pattern", .string(datePattern)), ("examples", .array([.string("2015-10-15")]))])
        case .month:
            return string([("pattern", .string("^[0-9]{4}-(0[1-9]|1[0-2])$")), ("examples", .array([.string("2016-01")]))])
        case .time:
            return string([("pattern", .string("^([01][0-9]|2[0-3]):[0-5][0-9]$")), ("examples", .array([.string("08:30")]))])
        case .url(let httpsOnly):
            return string([("pattern", .string(webURLPattern(httpsOnly: httpsOnly)))])
        case .email:
            return string([("pattern", .string("^[^@\\s]+@[^@\\s]+$"))])
        case .reference(let kind):
            if let values = vocabulary?.values(of: kind), !values.isEmpty { return slugEnumeration(values) }
            return slugSchema
        case .slug:
            return slugSchema
        case .enumeration(let values):
            return .object([("enum", .array(values.map { .string($0) }))])
        case .numericEnumeration(let values):
            return .object([("enum", .array(values.map { .string($0) } + values.compactMap { Int($0).map(JSON.int) }))])
        case .constant(let value):
            return .object([("const", .string(value))])
        case .pattern(let pattern, let numberDigits):
            let text = string([("pattern", .string(pattern))])
            guard let numberDigits else { return text }
            return .object([("anyOf", .array([text, number(digits: numberDigits)]))])
        case .assetPath(let extensions):
            return string([("pattern", .string(assetPattern(extensions)))])
        case .list(let item):
            return .object([("type", .string("array")), ("items", schema(for: item, vocabulary))])
        case .map(let key, let value):
            return .object([("type", .string("object")), ("propertyNames", schema(for: key, vocabulary)),
                            ("additionalProperties", schema(for: value, vocabulary))])
        case .object(let fields):
            return .object(object(fields, vocabulary))
        case .objectNeedingOneOf(let fields, let keys):
            // A key left empty counts as absent, as for the loader.
            let given = keys.map { key in
                JSON.object([("required", .array([.string(key)])),
                             ("properties", .object([(key, .object([("not", .object([("type", .string("null"))]))]))]))])
            }
            return .object(object(fields, vocabulary) + [("anyOf", .array(given))])
        case .oneOf(let types):
            return .object([("oneOf", .array(types.map { schema(for: $0, vocabulary) }))])
        }
    }
}

/// Just enough JSON to print schemas deterministically.
enum JSON {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSON])
    case object([(String, JSON)])

    func rendered(indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text): return JSON.quote(text)
        case .int(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                return "[" + items.map { $0.rendered(indent: 0) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(closing)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { pad + JSON.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(closing)}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
