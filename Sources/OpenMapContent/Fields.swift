import Diagnostics
import OpenMapYAML

/// Collects one file's diagnostics and value positions while it is read.
final class FileReport {
    let file: String
    private let text: String
    /// Cut when first needed (a block scalar's position): most files never need it.
    private lazy var lines: [Substring] = LoadSession.lines(of: text)
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var spans: [(path: String, span: SourceSpan)] = []
    /// Set when the file's fields could not be read at all: missing fields would be noise.
    var silenceMissingFields = false

    init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    var fileLocation: SourceLocation { SourceLocation(file: file) }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    func error(_ code: String, _ message: String, at node: YAMLNode?, hint: String? = nil) {
        report(.error, code, message, at: node, hint: hint)
    }

    func warning(_ code: String, _ message: String, at node: YAMLNode?, hint: String? = nil) {
        report(.warning, code, message, at: node, hint: hint)
    }

    func error(_ code: String, _ message: String, line: Int, column: Int, length: Int = 1, hint: String? = nil) {
        diagnostics.append(.error(code, message, at: SourceLocation(file: file, line: line, column: column),
                                  length: length, hint: hint))
    }

    func warning(_ code: String, _ message: String, line: Int, column: Int, length: Int = 1, hint: String? = nil) {
        diagnostics.append(.warning(code, message, at: SourceLocation(file: file, line: line, column: column),
                                    length: length, hint: hint))
    }

    private func report(_ severity: Severity, _ code: String, _ message: String, at node: YAMLNode?, hint: String?) {
        let location = node.map(location) ?? fileLocation
        diagnostics.append(Diagnostic(severity, code, message, at: location, length: node?.length ?? 1, hint: hint))
    }

    func record(_ path: String, _ node: YAMLNode) {
        spans.append((path, SourceSpan(location(node), length: node.length)))
    }

    func record(_ path: String, line: Int, column: Int, length: Int) {
        spans.append((path, SourceSpan(SourceLocation(file: file, line: line, column: column), length: length)))
    }

    /// Where a Markdown string's text starts: for `|` and `>` blocks, the first line of the block.
    func markdownLocation(of node: YAMLNode) -> SourceLocation {
        guard node.scalar?.style.isBlock == true else { return location(node) }
        var line = node.line + 1
        while line - 1 < lines.count {
            let text = lines[line - 1]
            if let first = text.unicodeScalars.firstIndex(where: { $0 != " " }) {
                let column = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: first) + 1
                return SourceLocation(file: file, line: line, column: column)
            }
            line += 1
        }
        return SourceLocation(file: file, line: node.line + 1, column: 1)
    }
}

/// Typed, located access to the keys of one YAML mapping. Every key asked for becomes a known
/// key; `finish()` reports the others as unknown, suggesting the closest known one.
final class Fields {
    let node: YAMLNode
    let report: FileReport
    /// Prefix for recorded spans (`needs.0.`).
    let path: String
    private var known: [String] = []
    private let pairs: [YAMLPair]

    private init(node: YAMLNode, pairs: [YAMLPair], report: FileReport, path: String) {
        self.node = node
        self.pairs = pairs
        self.report = report
        self.path = path
    }

    /// Nil (with an `invalid-type` error) when the node is not a mapping.
    static func of(_ node: YAMLNode, _ report: FileReport, what: String, path: String = "") -> Fields? {
        guard let pairs = node.mapping else {
            report.error("invalid-type", "expected \(what) (a mapping of keys), found \(node.kindDescription)", at: node)
            return nil
        }
        return Fields(node: node, pairs: pairs, report: report, path: path)
    }

    /// An empty mapping at the top of the file.
    static func empty(_ report: FileReport) -> Fields {
        Fields(node: YAMLNode(.mapping([]), line: 1, column: 1), pairs: [], report: report, path: "")
    }

    var keyLocation: SourceLocation { report.location(node) }

    /// The value of `key`, nil when absent or null.
    func node(_ key: String) -> YAMLNode? {
        if !known.contains(key) { known.append(key) }
        guard let value = pairs.first(where: { $0.key.string == key })?.value, !value.isNull else { return nil }
        return value
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    func required(_ key: String) -> YAMLNode? {
        if let value = node(key) { return value }
        if report.silenceMissingFields { return nil }
        let present = pairs.first { $0.key.string == key }
        report.error("missing-field", "missing required field « \(key) »", at: present?.value ?? node)
        return nil
    }

    private func get(_ key: String, _ required: Bool) -> YAMLNode? {
        required ? self.required(key) : node(key)
    }

    func record(_ key: String, _ value: YAMLNode) { report.record(path + key, value) }

    // MARK: Typed values

    func scalar(_ value: YAMLNode, expected: String) -> String? {
        guard let scalar = value.scalar else {
            report.error("invalid-type", "expected \(expected), found \(value.kindDescription)", at: value)
            return nil
        }
        return scalar.value
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = get(key, required) else { return nil }
        guard let text = scalar(value, expected: "a text") else { return nil }
        if required, text.allSatisfy(\.isWhitespace) {
            report.error("missing-field", "the field « \(key) » is empty", at: value)
        }
        return text
    }

    func markdown(_ key: String, required: Bool = false) -> MarkdownText? {
        guard let value = get(key, required), let text = scalar(value, expected: "a Markdown text") else { return nil }
        return MarkdownText(text, at: report.markdownLocation(of: value))
    }

    func int(_ key: String, required: Bool = false, minimum: Int? = nil) -> Int? {
        guard let value = get(key, required) else { return nil }
        return Fields.int(value, report, minimum: minimum)
    }

    static func int(_ value: YAMLNode, _ report: FileReport, minimum: Int? = nil) -> Int? {
        guard let scalar = value.scalar else {
            report.error("invalid-type", "expected an integer, found \(value.kindDescription)", at: value)
            return nil
        }
        let text = scalar.value
        let unsigned = text.hasPrefix("-") ? String(text.dropFirst()) : text
        guard scalar.style.isPlain, !unsigned.isEmpty, unsigned.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let number = Int(text)
        else {
            let found = scalar.style.isQuoted ? "the quoted text « \(text) »" : "« \(text) »"
            report.error("invalid-type", "expected an integer, found \(found)", at: value,
                         hint: scalar.style.isQuoted ? "remove the quotes" : nil)
            return nil
        }
        if let minimum, number < minimum {
            report.error("out-of-range", "expected an integer of at least \(minimum), found \(number)", at: value)
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar, scalar.style.isPlain,
              ["true", "false"].contains(scalar.value.lowercased())
        else {
            report.error("invalid-type", "expected true or false, found \(value.kindDescription)", at: value)
            return nil
        }
        return scalar.value.lowercased() == "true"
    }

    func date(_ key: String, required: Bool = false) -> LocalDate? {
        guard let value = get(key, required) else { return nil }
        return Fields.date(value, report)
    }

    static func date(_ value: YAMLNode, _ report: FileReport) -> LocalDate? {
        guard let text = value.string else {
            report.error("invalid-type", "expected a date YYYY-MM-DD, found \(value.kindDescription)", at: value)
            return nil
        }
        switch Formats.date(text) {
        case .valid(let date): return date
        case .malformed:
            report.error("invalid-date", "expected a date YYYY-MM-DD, found « \(text) »", at: value)
        case .notOnCalendar:
            report.error("invalid-date", "« \(text) » is not a date of the calendar", at: value)
        }
        return nil
    }

    func month(_ key: String, required: Bool = false) -> YearMonth? {
        guard let value = get(key, required) else { return nil }
        guard let text = value.string, let month = Formats.month(text) else {
            report.error("invalid-month", "expected a month YYYY-MM, found \(value.kindDescription)", at: value)
            return nil
        }
        return month
    }

    func time(_ key: String, required: Bool = false) -> LocalTime? {
        guard let value = get(key, required) else { return nil }
        return Fields.time(value, report)
    }

    static func time(_ value: YAMLNode, _ report: FileReport) -> LocalTime? {
        guard let text = value.string, let time = Formats.time(text) else {
            report.error("invalid-time", "expected a time HH:MM, found \(value.kindDescription)", at: value)
            return nil
        }
        return time
    }

    func url(_ key: String, required: Bool = false, httpsOnly: Bool = false) -> String? {
        guard let value = get(key, required), let text = scalar(value, expected: "a URL") else { return nil }
        guard Formats.isWebURL(text, httpsOnly: httpsOnly) else {
            let scheme = httpsOnly ? "an absolute https URL" : "an absolute http(s) URL"
            report.error("invalid-url", "expected \(scheme), found « \(text) »", at: value)
            return nil
        }
        return text
    }

    func slug(_ key: String, required: Bool = false) -> String? {
        guard let value = get(key, required), let text = scalar(value, expected: "a slug") else { return nil }
        guard Formats.isSlug(text) else {
            report.error("invalid-slug", "« \(text) » is not a slug", at: value,
                         hint: "a slug is lowercase letters and digits separated by single hyphens: « plaine-commune »")
            return text
        }
        record(key, value)
        return text
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false) -> E?
    where E.RawValue == String {
        guard let value = get(key, required) else { return nil }
        return Fields.enumValue(value, type, field: key, report)
    }

    static func enumValue<E: RawRepresentable & CaseIterable>(_ value: YAMLNode, _ type: E.Type, field: String,
                                                              _ report: FileReport) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        guard let text = value.string else {
            report.error("invalid-type", "expected one of \(Formats.quoted(allowed)), found \(value.kindDescription)", at: value)
            return nil
        }
        if let result = E(rawValue: text) { return result }
        var hint = "allowed values: \(allowed.joined(separator: ", "))"
        if let close = Formats.suggestion(for: text, among: allowed) { hint = "did you mean « \(close) » ? " + hint }
        report.error("invalid-enum", "« \(text) » is not a valid \(field)", at: value, hint: hint)
        return nil
    }

    /// A list of scalars; each item's span is recorded as `key.index`.
    func stringList(_ key: String, required: Bool = false) -> [(String, YAMLNode)] {
        guard let value = get(key, required) else { return [] }
        guard let items = value.sequence else {
            report.error("invalid-type", "expected a list, found \(value.kindDescription)", at: value)
            return []
        }
        var result: [(String, YAMLNode)] = []
        for (index, item) in items.enumerated() {
            guard let text = scalar(item, expected: "a text") else { continue }
            record("\(key).\(index)", item)
            result.append((text, item))
        }
        return result
    }

    /// A nested mapping.
    func mapping(_ key: String, what: String, required: Bool = false) -> Fields? {
        guard let value = get(key, required) else { return nil }
        return Fields.of(value, report, what: what, path: path + key + ".")
    }

    /// A list of mappings.
    func list(_ key: String, what: String, required: Bool = false) -> [Fields] {
        guard let value = get(key, required) else { return [] }
        guard let items = value.sequence else {
            report.error("invalid-type", "expected a list, found \(value.kindDescription)", at: value)
            return []
        }
        return items.enumerated().compactMap { index, item in
            Fields.of(item, report, what: what, path: "\(path)\(key).\(index).")
        }
    }

    /// Reports the keys nobody asked for.
    func finish() {
        for pair in pairs {
            guard let key = pair.key.string else {
                report.error("invalid-type", "expected a text key, found \(pair.key.kindDescription)", at: pair.key)
                continue
            }
            if known.contains(key) { continue }
            let hint = Formats.suggestion(for: key, among: known).map { "did you mean « \($0) » ?" }
                ?? "known keys: \(known.joined(separator: ", "))"
            report.error("unknown-key", "unknown key « \(key) »", at: pair.key, hint: hint)
        }
    }
}
