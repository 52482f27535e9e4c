/// Prints diagnostics the way compilers do, in French unless English is asked for:
///
///     content/roadmaps/2015/plaine-commune.md:14:10: erreur[unknown-theme]: thème inconnu « mobilté »
///        14 |   theme: mobilté
///           |          ^^^^^^^
///           = conseil : voulez-vous dire « mobilite » ?
///
/// The head keeps the compilers' `file:line:column: severity[code]: message` shape (editors and
/// CI tools read it), with the severity word in the chosen language; the code never changes.
public struct DiagnosticPrinter: Sendable {
    /// Returns the text of a file (as given in `SourceLocation.file`), to quote its lines.
    public typealias SourceProvider = @Sendable (String) -> String?

    public var useColour: Bool
    public var language: Language
    private let source: SourceProvider

    public init(useColour: Bool = false, language: Language = .current, source: @escaping SourceProvider) {
        self.useColour = useColour
        self.language = language
        self.source = source
    }

    /// `erreur` / `error`, `avertissement` / `warning`.
    public static func word(for severity: Severity, in language: Language) -> String {
        switch (severity, language) {
        case (.error, .fr): "erreur"
        case (.warning, .fr): "avertissement"
        case (.error, .en): "error"
        case (.warning, .en): "warning"
        }
    }

    public func format(_ diagnostic: Diagnostic) -> String {
        let loc = diagnostic.location
        var position = loc.file
        if loc.line > 0 {
            position += ":\(loc.line)"
            if loc.column > 0 { position += ":\(loc.column)" }
        }
        let label = "\(Self.word(for: diagnostic.severity, in: language))[\(diagnostic.code)]"
        var out = "\(bold(position)): \(paint(label, diagnostic.severity)): \(bold(diagnostic.message(in: language)))\n"
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
        if let hint = diagnostic.hint(in: language) {
            out += "\(pad)= \(language == .fr ? "conseil\u{A0}:" : "hint:") \(hint)\n"
        }
        return out
    }

    /// `2 erreurs, 1 avertissement dans 2 fichiers`, `aucun problème`; in English
    /// `2 errors, 1 warning in 2 files`, `no problems`.
    public static func summary(_ diagnostics: [Diagnostic], language: Language = .current) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let files = Set(diagnostics.map(\.location.file)).count
        switch language {
        case .fr:
            if diagnostics.isEmpty { return "aucun problème" }
            var parts: [String] = []
            if errors > 0 { parts.append(plural(errors, "erreur", "erreurs")) }
            if warnings > 0 { parts.append(plural(warnings, "avertissement", "avertissements")) }
            return parts.joined(separator: ", ") + " dans " + plural(files, "fichier", "fichiers")
        case .en:
            if diagnostics.isEmpty { return "no problems" }
            var parts: [String] = []
            if errors > 0 { parts.append(plural(errors, "error", "errors")) }
            if warnings > 0 { parts.append(plural(warnings, "warning", "warnings")) }
            return parts.joined(separator: ", ") + " in " + plural(files, "file", "files")
        }
    }

    /// `1 erreur`, `2 erreurs`: French puts 0 and 1 in the singular, English only 1.
    private static func plural(_ count: Int, _ one: String, _ many: String) -> String {
        "\(count) \(count == 1 ? one : many)"
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
