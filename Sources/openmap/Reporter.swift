import ArgumentParser
import Diagnostics
import Foundation
import OpenMapBuild

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json, github
}

/// Prints a report's diagnostics in the chosen format: compiler-style text on standard error,
/// a JSON array, or GitHub Actions annotations (both on standard output).
struct Reporter {
    let format: DiagnosticFormat

    func print(_ report: BuildReport) {
        switch format {
        case .human:
            let sources = report.sources
            let useColour = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let printer = DiagnosticPrinter(useColour: useColour) { file in
                sources[file] ?? (try? String(contentsOfFile: file, encoding: .utf8))
            }
            var text = report.diagnostics.map(printer.format).joined()
            if !report.diagnostics.isEmpty {
                text += DiagnosticPrinter.summary(report.diagnostics) + "\n"
            }
            FileHandle.standardError.write(Data(text.utf8))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let rows = report.diagnostics.map(JSONDiagnostic.init)
            let data = (try? encoder.encode(rows)) ?? Data("[]".utf8)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        case .github:
            let lines = report.diagnostics.map(Self.githubAnnotation).joined()
            FileHandle.standardOutput.write(Data(lines.utf8))
        }
    }

    /// `::error file=…,line=…,col=…,title=…::message`, escaped as the Actions runner expects.
    static func githubAnnotation(_ d: Diagnostic) -> String {
        func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var properties = ["file=\(escapeProperty(d.file))"]
        if d.line > 0 { properties.append("line=\(d.line)") }
        if d.column > 0 { properties.append("col=\(d.column)") }
        properties.append("title=\(escapeProperty(d.code))")
        var message = d.message(in: Language.current)
        if let hint = d.hint(in: Language.current) { message += "\n" + hint }
        return "::\(d.severity.rawValue) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    /// A line that is not a diagnostic (a record not used, a wait for another build), on
    /// standard error as it happens.
    @Sendable static func note(_ text: String) {
        let line = Language.current == .fr ? "note\u{A0}: \(text)\n" : "note: \(text)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// `0,28 s` in French, `0.28 s` in English.
    static func seconds(_ value: Double) -> String {
        let text = String(format: "%.2f\u{A0}s", value)
        return Language.current == .fr ? text.replacingOccurrences(of: ".", with: ",") : text.replacingOccurrences(of: "\u{A0}", with: " ")
    }

    /// A folder as the user named it, with one trailing slash (`site` and `site/` alike).
    static func folder(_ path: String) -> String {
        path.hasSuffix("/") ? path : path + "/"
    }
}

/// One diagnostic as `--format json` prints it.
struct JSONDiagnostic: Encodable {
    let severity: String
    let file: String
    let line: Int
    let column: Int
    let code: String
    let message: String
    let hint: String?

    init(_ d: Diagnostic) {
        severity = d.severity.rawValue
        file = d.file
        line = d.line
        column = d.column
        code = d.code
        message = d.message(in: Language.current)
        hint = d.hint(in: Language.current)
    }
}
