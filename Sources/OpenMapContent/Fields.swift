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

    func error(_ message: Message, at node: YAMLNode?) {
        report(.error, message, at: node)
    }

    func warning(_ message: Message, at node: YAMLNode?) {
        report(.warning, message, at: node)
    }

    func error(_ message: Message, line: Int, column: Int, length: Int = 1) {
        diagnostics.append(.error(message, at: SourceLocation(file: file, line: line, column: column), length: length))
    }

    func warning(_ message: Message, line: Int, column: Int, length: Int = 1) {
        diagnostics.append(.warning(message, at: SourceLocation(file: file, line: line, column: column), length: length))
    }

    private func report(_ severity: Severity, _ message: Message, at node: YAMLNode?) {
        let location = node.map(location) ?? fileLocation
        diagnostics.append(Diagnostic(severity, message, at: location, length: node?.length ?? 1))
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

/// What an editor wrote, described for a message: « text », a list, a block of fields, nothing.
func found(_ node: YAMLNode) -> LocalizedText {
    switch node.kind {
    case .scalar(let scalar): scalar.isNull ? Phrase.nothing : Phrase.quoted(scalar.value)
    case .sequence: Phrase.list
    case .mapping: Phrase.mapping
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
    /// A key written with a typo (`tittle`) → the required key it stands for (`title`): one
    /// error, at the typo, instead of « missing title » and « unknown tittle ».
    private var misspelt: [String: String] = [:]

    private init(node: YAMLNode, pairs: [YAMLPair], report: FileReport, path: String) {
        self.node = node
        self.pairs = pairs
        self.report = report
        self.path = path
    }

    /// Nil (with an `invalid-type` error) when the node is not a mapping; `field` is the key
    /// whose value it is (nil for a file's root or a list item).
    static func of(_ node: YAMLNode, _ report: FileReport, what: LocalizedText, field: String? = nil, path: String = "") -> Fields? {
        guard let pairs = node.mapping else {
            reportNotMapping(node, report, what: what, field: field)
            return nil
        }
        return Fields(node: node, pairs: pairs, report: report, path: path)
    }

    /// `horizon: from:2015-01` reads as the text « from:2015-01 »: say that a space is missing
    /// after the colon, at the colon; else that a block of fields was expected.
    static func reportNotMapping(_ node: YAMLNode, _ report: FileReport, what: LocalizedText, field: String?) {
        if let scalar = node.scalar, scalar.style.isPlain, let colon = Formats.gluedColon(in: scalar.value) {
            let corrected = String(scalar.value[..<colon]) + ": " + String(scalar.value[scalar.value.index(after: colon)...])
                .prefix { !$0.isWhitespace }
            let message = Message.expectedMapping(what, field: field, found: found(node), foundList: false,
                                                  missingSpace: corrected)
            if node.endLine == node.line {
                let offset = scalar.value.unicodeScalars.distance(from: scalar.value.unicodeScalars.startIndex,
                                                                  to: colon.samePosition(in: scalar.value.unicodeScalars) ?? scalar.value.unicodeScalars.startIndex)
                report.error(message, line: node.line, column: node.column + offset)
            } else {
                report.error(message, at: node)
            }
            return
        }
        report.error(.expectedMapping(what, field: field, found: found(node), foundList: node.sequence != nil, missingSpace: nil), at: node)
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

    /// The key itself, as written (`video:`), for a problem with the whole value.
    func keyNode(_ key: String) -> YAMLNode? {
        pairs.first { $0.key.string == key }?.key
    }

    func required(_ key: String) -> YAMLNode? {
        if let value = node(key) { return value }
        if report.silenceMissingFields { return nil }
        let present = pairs.first { $0.key.string == key }
        if present == nil, let typo = pairs.lazy.compactMap({ $0.key.string }).first(where: { written in
            written != key && !self.known.contains(written) && self.misspelt[written] == nil
                && Formats.suggestion(for: written, among: [key]) == key
        }) {
            misspelt[typo] = key
            return nil
        }
        report.error(.missingField(key), at: present?.value ?? node)
        return nil
    }

    private func get(_ key: String, _ required: Bool) -> YAMLNode? {
        required ? self.required(key) : node(key)
    }

    func record(_ key: String, _ value: YAMLNode) { report.record(path + key, value) }

    // MARK: Typed values

    func scalar(_ value: YAMLNode, expected: LocalizedText, field: String? = nil) -> String? {
        guard let scalar = value.scalar else {
            report.error(.expectedScalar(expected, field: field, found: found(value), foundMapping: value.mapping != nil), at: value)
            return nil
        }
        return scalar.value
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = get(key, required) else { return nil }
        guard let text = scalar(value, expected: Phrase.text, field: key) else { return nil }
        if required, text.allSatisfy(\.isWhitespace) {
            report.error(.emptyField(key), at: value)
        }
        return text
    }

    func markdown(_ key: String, required: Bool = false) -> MarkdownText? {
        guard let value = get(key, required), let text = scalar(value, expected: Phrase.markdownText, field: key) else { return nil }
        return MarkdownText(text, at: report.markdownLocation(of: value))
    }

    func int(_ key: String, required: Bool = false, minimum: Int? = nil) -> Int? {
        guard let value = get(key, required) else { return nil }
        return Fields.int(value, report, field: key, minimum: minimum)
    }

    static func int(_ value: YAMLNode, _ report: FileReport, field: String?, minimum: Int? = nil) -> Int? {
        guard let scalar = value.scalar else {
            report.error(.expectedScalar(Phrase.integer, field: field, found: found(value), foundMapping: value.mapping != nil), at: value)
            return nil
        }
        let text = scalar.value
        let unsigned = text.hasPrefix("-") ? String(text.dropFirst()) : text
        guard scalar.style.isPlain, !unsigned.isEmpty, unsigned.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let number = Int(text)
        else {
            let quoted = scalar.style.isQuoted
            let meant = Formats.amount(text) ?? (quoted ? Int(text) : nil)
            let corrected = meant.map { number in field.map { "\($0): \(number)" } ?? String(number) }
            report.error(.invalidInteger(field: field, found: quoted ? Phrase.quotedText(text) : Phrase.quoted(text),
                                         quoted: quoted, corrected: corrected),
                         at: value)
            return nil
        }
        if let minimum, number < minimum {
            report.error(.integerTooSmall(field: field, minimum: minimum, found: number), at: value)
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        // YAML's own spellings (1.2 core schema), as editors' YAML tooling reads them.
        guard let scalar = value.scalar, scalar.style.isPlain,
              ["true", "True", "TRUE", "false", "False", "FALSE"].contains(scalar.value)
        else {
            let corrected = value.string.flatMap(Formats.booleanCorrection).map { "\(key): \($0)" }
            report.error(.invalidBoolean(field: key, found: found(value), corrected: corrected), at: value)
            return nil
        }
        return scalar.value.lowercased() == "true"
    }

    func date(_ key: String, required: Bool = false) -> LocalDate? {
        guard let value = get(key, required) else { return nil }
        return Fields.date(value, report, field: key)
    }

    static func date(_ value: YAMLNode, _ report: FileReport, field: String?) -> LocalDate? {
        guard let text = value.string else {
            report.error(.invalidDate(field: field, found: found(value), corrected: nil), at: value)
            return nil
        }
        switch Formats.date(text) {
        case .valid(let date): return date
        case .malformed:
            let corrected = Formats.dateCorrection(text).map { date in field.map { "\($0): \(date)" } ?? date }
            report.error(.invalidDate(field: field, found: Phrase.quoted(text), corrected: corrected), at: value)
        case .notOnCalendar:
            report.error(.dateNotOnCalendar(text), at: value)
        }
        return nil
    }

    func month(_ key: String, required: Bool = false) -> YearMonth? {
        guard let value = get(key, required) else { return nil }
        guard let text = value.string, let month = Formats.month(text) else {
            let corrected = value.string.flatMap(Formats.monthCorrection).map { "\(key): \($0)" }
            report.error(.invalidMonth(field: key, found: found(value), corrected: corrected), at: value)
            return nil
        }
        return month
    }

    func time(_ key: String, required: Bool = false) -> LocalTime? {
        guard let value = get(key, required) else { return nil }
        return Fields.time(value, report, field: key)
    }

    static func time(_ value: YAMLNode, _ report: FileReport, field: String?) -> LocalTime? {
        guard let text = value.string, let time = Formats.time(text) else {
            let corrected = value.string.flatMap(Formats.timeCorrection).map { time in field.map { "\($0): \(time)" } ?? time }
            report.error(.invalidTime(field: field, found: found(value), corrected: corrected), at: value)
            return nil
        }
        return time
    }

    func url(_ key: String, required: Bool = false, httpsOnly: Bool = false) -> String? {
        guard let value = get(key, required), let text = scalar(value, expected: Phrase.url, field: key) else { return nil }
        guard Formats.isWebURL(text, httpsOnly: httpsOnly) else {
            let corrected = Formats.urlCorrection(text, httpsOnly: httpsOnly).map { "\(key): \($0)" }
            report.error(.invalidURL(field: key, text, httpsOnly: httpsOnly, corrected: corrected), at: value)
            return nil
        }
        return text
    }

    func slug(_ key: String, required: Bool = false) -> String? {
        guard let value = get(key, required), let text = scalar(value, expected: Phrase.slug, field: key) else { return nil }
        guard Formats.isSlug(text) else {
            let corrected = Formats.slugCorrection(text).map { "\(key): \($0)" }
            report.error(.invalidSlug(text, corrected: corrected), at: value)
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
            report.error(.expectedEnum(field: field, allowed: allowed, found: found(value)), at: value)
            return nil
        }
        if let result = E(rawValue: text) { return result }
        report.error(.invalidEnum(field: field, text, allowed: allowed, suggestion: Formats.enumSuggestion(for: text, among: allowed)),
                     at: value)
        return nil
    }

    /// A list of scalars; each item's span is recorded as `key.index`.
    func stringList(_ key: String, required: Bool = false) -> [(String, YAMLNode)] {
        guard let value = get(key, required) else { return [] }
        guard let items = value.sequence else {
            report.error(.expectedList(field: key, of: nil, found: found(value), foundMapping: value.mapping != nil), at: value)
            return []
        }
        var result: [(String, YAMLNode)] = []
        for (index, item) in items.enumerated() {
            guard let text = scalar(item, expected: Phrase.text) else { continue }
            record("\(key).\(index)", item)
            result.append((text, item))
        }
        return result
    }

    /// A nested mapping.
    func mapping(_ key: String, what: LocalizedText, required: Bool = false) -> Fields? {
        guard let value = get(key, required) else { return nil }
        return Fields.of(value, report, what: what, field: key, path: path + key + ".")
    }

    /// A list of mappings.
    func list(_ key: String, what: LocalizedText, required: Bool = false) -> [Fields] {
        guard let value = get(key, required) else { return [] }
        guard let items = value.sequence else {
            report.error(.expectedList(field: key, of: what, found: found(value), foundMapping: value.mapping != nil), at: value)
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
                report.error(.nonTextKey(found: found(pair.key)), at: pair.key)
                continue
            }
            if known.contains(key) { continue }
            if let meant = misspelt[key] {
                report.error(.unknownKey(key, suggestion: meant, suggestionIsRequired: true, known: known), at: pair.key)
                continue
            }
            report.error(.unknownKey(key, suggestion: Formats.suggestion(for: key, among: known), suggestionIsRequired: false,
                                     known: known),
                         at: pair.key)
        }
    }
}
