/// Prints diagnostics the way compilers do:
///
///     content/roadmaps/2015/plaine-commune.md:14:10: error[unknown-theme]: unknown theme « mobilté »
///        14 |   theme: mobilté
///           |          ^^^^^^^
///           = hint: did you mean « mobilite » ?
public struct DiagnosticPrinter: Sendable {
    /// Returns the text of a file (as given in `SourceLocation.file`), to quote its lines.
    public typealias SourceProvider = @Sendable (String) -> String?

    public var useColour: Bool
    private let source: SourceProvider

    public init(useColour: Bool = false, source: @escaping SourceProvider) {
        self.useColour = useColour
        self.source = source
    }

    public func format(_ diagnostic: Diagnostic) -> String {
        let loc = diagnostic.location
        var position = loc.file
        if loc.line > 0 {
            position += ":\(loc.line)"
            if loc.column > 0 { position += ":\(loc.column)" }
        }
        let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code)]"
        var out = "\(bold(position)): \(paint(label, diagnostic.severity)): \(bold(diagnostic.message))\n"
        let gutterWidth = String(loc.line).count + 1
        let pad = String(repeating: " ", count: gutterWidth + 2)
        if loc.line > 0, let text = source(loc.file), let line = Self.line(loc.line, of: text) {
            out += "\(String(repeating: " ", count: 2))\(String(loc.line)) | \(line)\n"
            if loc.column > 0 {
                // Keep tabs so the caret lines up under tab-indented text.
                let prefix = line.unicodeScalars.prefix(loc.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
                let available = max(1, line.unicodeScalars.count - (loc.column - 1))
                let carets = String(repeating: "^", count: min(diagnostic.length, available))
                out += "\(pad)| \(prefix)\(paint(carets, diagnostic.severity))\n"
            }
        }
        if let hint = diagnostic.hint {
            out += "\(pad)= hint: \(hint)\n"
        }
        return out
    }

    /// `3 errors, 1 warning in 2 files`, or `no problems`.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if diagnostics.isEmpty { return "no problems" }
        let files = Set(diagnostics.map(\.location.file)).count
        var parts: [String] = []
        if errors > 0 { parts.append(plural(errors, "error")) }
        if warnings > 0 { parts.append(plural(warnings, "warning")) }
        return parts.joined(separator: ", ") + " in " + plural(files, "file")
    }

    private static func plural(_ count: Int, _ word: String) -> String {
        "\(count) \(word)\(count == 1 ? "" : "s")"
    }

    static func line(_ number: Int, of text: String) -> String? {
        var current = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number {
                return line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            }
            current += 1
        }
        return nil
    }

    private func bold(_ text: String) -> String {
        useColour ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func paint(_ text: String, _ severity: Severity) -> String {
        guard useColour else { return text }
        let colour = severity == .error ? "31" : "33"
        return "\u{1B}[1;\(colour)m\(text)\u{1B}[0m"
    }
}
