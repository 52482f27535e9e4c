import Diagnostics
import Foundation
import Testing

/// The catalogue: every code in both languages, French typography, and docs/diagnostics.md made
/// from it.
@Suite struct CatalogueTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: Catalogue.entries.map(\.message))
    func everyMessageHasBothLanguages(_ message: Message) {
        #expect(!message.text.fr.isEmpty && !message.text.en.isEmpty)
        #expect(message.text.fr != message.text.en, "\(message.code): \(message.text.fr)")
        if let hint = message.hint {
            #expect(!hint.fr.isEmpty && !hint.en.isEmpty && hint.fr != hint.en, "\(message.code): \(hint.fr)")
        }
        for french in [message.text.fr, message.hint?.fr].compactMap({ $0 }) {
            // French typography: no breakable space before « : ; ! ? » nor inside « ».
            for bad in [" :", " ;", " !", " ?", "« ", " »"] {
                #expect(!french.contains(bad), "\(message.code): « \(bad) » in \(french)")
            }
        }
        for english in [message.text.en, message.hint?.en].compactMap({ $0 }) {
            #expect(!english.contains("\u{A0}:") && !english.contains("\u{202F}") && !english.contains("« "), "\(english)")
        }
    }

    /// Codes written in the sources: catalogue messages (`Message("code"`) and diagnostics not in
    /// the catalogue yet (`.error("code"`).
    static func codes(in folder: String, pattern: String) throws -> Set<String> {
        let root = repository.appendingPathComponent(folder)
        var found: Set<String> = []
        let regex = try NSRegularExpression(pattern: pattern)
        for case let path as String in FileManager.default.enumerator(atPath: root.path) ?? NSEnumerator() where path.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { found.insert(String(text[range])) }
            }
        }
        return found
    }

    @Test func everyCodeOfTheCatalogueHasAnExample() throws {
        var written = try Self.codes(in: "Sources/Diagnostics/Catalogue", pattern: #"Message\("([a-z-]+)""#)
        written.insert("yaml-syntax")
        for kind in ["theme", "buyer", "supplier", "matinale"] { written.insert("unknown-\(kind)") }
        let documented = Set(Catalogue.entries.map(\.message.code))
        #expect(written.subtracting(documented).isEmpty, "no example for \(written.subtracting(documented).sorted())")
    }

    /// Strings still written in English by the build and the preview server (the lead moves them
    /// into the catalogue): no other target may add one.
    @Test func noTargetWritesMessagesOutsideTheCatalogue() throws {
        for folder in ["Sources/OpenMapContent", "Sources/OpenMapRender", "Sources/OpenMapYAML", "Sources/openmap",
                       "Sources/OpenMapBuild", "Sources/OpenMapServe"] {
            let legacy = try Self.codes(in: folder, pattern: #"\.(?:error|warning)\(\s*"([a-z-]+)""#)
            #expect(legacy.isEmpty, "\(folder): \(legacy.sorted())")
        }
    }

    @Test func diagnosticsPageIsMadeFromTheCatalogue() throws {
        let url = Self.repository.appendingPathComponent("docs/diagnostics.md")
        let expected = Catalogue.diagnosticsPage()
        if ProcessInfo.processInfo.environment["OPENMAP_UPDATE_DOCS"] == "1" {
            try expected.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == expected, "docs/diagnostics.md is out of step: OPENMAP_UPDATE_DOCS=1 swift test --filter CatalogueTests")
        for code in Set(Catalogue.entries.map(\.message.code)) {
            #expect(committed.contains("`\(code)`"))
        }
    }
}
