/// How bad a problem is: errors stop a build, warnings do not.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A place in a source file. Lines and columns start at 1; 0 means "the whole file".
/// Columns count Unicode scalars (characters as an editor shows them), not bytes.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in the content, located, with a stable code, and its message and hint in
/// both languages (see `Message` and the catalogue).
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    public var location: SourceLocation
    /// How many columns the caret underline spans (at least 1).
    public var length: Int
    /// Stable, kebab-case identifier (`unknown-theme`, `duplicate-request`…), documented in docs/.
    public var code: String
    public var text: LocalizedText
    public var hintText: LocalizedText?

    public init(_ severity: Severity, _ message: Message, at location: SourceLocation, length: Int = 1) {
        self.severity = severity
        self.location = location
        self.length = max(1, length)
        code = message.code
        text = message.text
        hintText = message.hint
    }

    /// A diagnostic whose text is not in the catalogue yet: the same words in both languages.
    public init(
        _ severity: Severity, _ code: String, _ message: String,
        at location: SourceLocation, length: Int = 1, hint: String? = nil
    ) {
        self.init(severity, Message(code, text: LocalizedText(verbatim: message), hint: hint.map(LocalizedText.init(verbatim:))),
                  at: location, length: length)
    }

    public static func error(_ message: Message, at location: SourceLocation, length: Int = 1) -> Diagnostic {
        Diagnostic(.error, message, at: location, length: length)
    }

    public static func warning(_ message: Message, at location: SourceLocation, length: Int = 1) -> Diagnostic {
        Diagnostic(.warning, message, at: location, length: length)
    }

    public static func error(
        _ code: String, _ message: String, at location: SourceLocation, length: Int = 1, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, length: length, hint: hint)
    }

    public static func warning(
        _ code: String, _ message: String, at location: SourceLocation, length: Int = 1, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, length: length, hint: hint)
    }

    /// The message in the process's language (`Language.current`).
    public var message: String { text[Language.current] }
    /// The hint in the process's language.
    public var hint: String? { hintText?[Language.current] }

    public func message(in language: Language) -> String { text[language] }
    public func hint(in language: Language) -> String? { hintText?[language] }

    public var file: String { location.file }
    public var line: Int { location.line }
    public var column: Int { location.column }
}

extension Message {
    /// A message from its parts, both languages already made.
    public init(_ code: String, text: LocalizedText, hint: LocalizedText? = nil) {
        self.init(code, fr: French(verbatim: text.fr), en: English(verbatim: text.en), hint: hint)
    }
}

/// Collects diagnostics from every phase; nothing stops at the first problem.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init(_ diagnostics: [Diagnostic] = []) {
        self.diagnostics = diagnostics
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func append<S: Sequence>(contentsOf other: S) where S.Element == Diagnostic {
        diagnostics.append(contentsOf: other)
    }

    public mutating func error(_ message: Message, at location: SourceLocation, length: Int = 1) {
        append(.error(message, at: location, length: length))
    }

    public mutating func warning(_ message: Message, at location: SourceLocation, length: Int = 1) {
        append(.warning(message, at: location, length: length))
    }

    public mutating func error(
        _ code: String, _ message: String, at location: SourceLocation, length: Int = 1, hint: String? = nil
    ) {
        append(.error(code, message, at: location, length: length, hint: hint))
    }

    public mutating func warning(
        _ code: String, _ message: String, at location: SourceLocation, length: Int = 1, hint: String? = nil
    ) {
        append(.warning(code, message, at: location, length: length, hint: hint))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.lazy.filter { $0.severity == .warning }.count }

    /// File order, then line and column; ties keep the order in which they were found.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            return a.offset < b.offset
        }.map(\.element)
    }
}
