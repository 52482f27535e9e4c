import Foundation

/// The language of every text openmap prints: French unless English is asked for.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case fr
    case en

    private static let lock = NSLock()
    nonisolated(unsafe) private static var chosen = Language.fr

    /// The language of this process, set once by the command line before anything is printed.
    /// Texts that are printed without an explicit language (the preview server's overlay, the
    /// summaries) use it; diagnostics hold both languages, so it can change at any time.
    public static var current: Language {
        get { lock.withLock { chosen } }
        set { lock.withLock { chosen = newValue } }
    }

    /// `--lang en` / `--lang=en` among the arguments, else the locale variables (`LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`, as POSIX orders them): English when the first one set starts
    /// with `en`, French otherwise (also for `C` and `POSIX`, and when none is set).
    public static func resolve(arguments: [String], environment: [String: String]) -> Language {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.endIndex {
                if let language = Language(code: arguments[index + 1]) { return language }
            } else if argument.hasPrefix("--lang="), let language = Language(code: String(argument.dropFirst(7))) {
                return language
            }
            index += 1
        }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .en : .fr
        }
        return .fr
    }

    /// `fr`, `en`, `fr_FR.UTF-8`, `English`…; nil for anything else.
    public init?(code: String) {
        let lower = code.lowercased()
        if lower.hasPrefix("fr") { self = .fr } else if lower.hasPrefix("en") { self = .en } else { return nil }
    }
}
