import Foundation
import OpenMapContent
import OpenMapMarkdown
import OpenMapTestSupport
import Testing

/// The documentation is checked: every command docs/guide-redaction.md shows is run, its example
/// files are checked by the loader, every `openmap …` written in docs/ uses commands and options
/// the tool has, and every link of docs/*.md leads to a file (and a heading) that exists.
///
/// The guide's shell blocks (```sh) hold one command per line: `openmap …` (or
/// `.build/release/openmap …`) or `python3 …`, followed by an optional `# comment`. A command
/// succeeds (status 0) unless its comment starts with « échoue », then it fails as content
/// fails (status 1, never a usage error). The commands of one block run in order, in a fresh copy
/// of the sample site (content/, templates/, schemas/); `openmap serve` listens on a free port,
/// must serve its home page, and stops on Ctrl-C with status 0.
@Suite struct DocsTests {
    static let binary = openmapBinary
    static let docs = packageRoot.appendingPathComponent("docs")
    static let guide = docs.appendingPathComponent("guide-redaction.md")

    // MARK: The guide's commands

    @Test func everyCommandOfTheGuideRunsAsTheGuideSays() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the openmap binary first")
        let blocks = try Self.blocks(in: Self.guide).filter { ["sh", "shell", "console", "bash"].contains($0.language) }
        try #require(blocks.count >= 4, "the guide shows its commands in ```sh blocks")
        var commands = 0
        for block in blocks {
            let site = try Self.copyOfTheSample()
            defer { try? FileManager.default.removeItem(at: site) }
            for line in block.text.split(separator: "\n").map(String.init) {
                let (words, comment) = Self.words(of: line)
                guard let program = words.first else { continue }
                commands += 1
                let fails = comment?.hasPrefix("échoue") ?? false
                switch program {
                case "openmap", ".build/release/openmap":
                    let arguments = Array(words.dropFirst())
                    if arguments.first == "serve" {
                        try Self.serve(arguments, in: site, line: line)
                    } else {
                        let result = try Self.run(Self.binary.path, arguments, in: site)
                        #expect(result.status == (fails ? 1 : 0), "« \(line) » exited with \(result.status):\n\(result.output)")
                    }
                case "python3":
                    guard Python.hasJSONSchema else { continue }
                    let result = try Self.run(Python.interpreter, Array(words.dropFirst()), in: site)
                    #expect(result.status == (fails ? 1 : 0), "« \(line) » exited with \(result.status):\n\(result.output)")
                default:
                    Issue.record("the guide shows « \(line) »: only openmap and python3 commands can be checked")
                }
            }
        }
        #expect(commands >= 10)
    }

    /// `openmap serve …` on a free port: it must answer with the home page, then stop on Ctrl-C.
    static func serve(_ arguments: [String], in site: URL, line: String) throws {
        let (process, port, output) = try startServe(Array(arguments.dropFirst()), in: site)
        defer { if process.isRunning { process.terminate() } }
        let listening = try #require(port, "« \(line) » gave no address: \(output)")
        let home = try get("/", port: listening)
        #expect(home.status == 200 && home.body.contains("<main"), "« \(line) »: \(home.status)")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "« \(line) » stopped with \(process.terminationStatus)")
    }

    // MARK: The guide's example files

    /// The guide's examples of whole files, by the section that shows them: each replaces the
    /// sample's file and must load without a single diagnostic.
    static let examples: [(section: String, language: String, path: String, frontMatter: Bool)] = [
        ("Écrire une feuille de route", "markdown", "roadmaps/2015/plaine-commune.md", false),
        ("Acheteurs", "yaml", "buyers/plaine-commune.yaml", false),
        ("Prestataires", "yaml", "suppliers/atelier-cartographique.yaml", false),
        ("Matinales", "yaml", "matinales/2015-04-17-premiere-matinale/index.md", true),
    ]

    @Test func theGuidesExampleFilesCheckClean() throws {
        let blocks = try Self.blocks(in: Self.guide)
        for example in Self.examples {
            let block = try #require(blocks.first { $0.section.hasPrefix(example.section) && $0.language == example.language },
                                     "no \(example.language) block under « \(example.section) »")
            let site = try Self.copyOfTheSample()
            defer { try? FileManager.default.removeItem(at: site) }
            let content = site.appendingPathComponent("content")
            let file = content.appendingPathComponent(example.path)
            try (example.frontMatter ? "---\n\(block.text)---\nLe programme de la matinée.\n" : block.text)
                .write(to: file, atomically: true, encoding: .utf8)
            let loaded = ContentLoader(contentDirectory: content.path).load()
            let found = (loaded.diagnostics + ContentValidator.validate(loaded.content)).filter { $0.file == file.path }
            let problems = found.map { "\($0.line):\($0.column) \($0.code): \($0.message(in: .fr))" }.joined(separator: "\n")
            #expect(found.isEmpty, "the guide's example of \(example.path):\n\(problems)")
        }
    }

    /// The VS Code settings the guide shows point at schemas and files that exist.
    @Test func theGuidesEditorSettingsPointAtFilesThatExist() throws {
        let block = try #require(try Self.blocks(in: Self.guide).first { $0.language == "json" })
        let settings = try #require(try JSONSerialization.jsonObject(with: Data(block.text.utf8)) as? [String: Any])
        let schemas = try #require(settings["yaml.schemas"] as? [String: String])
        #expect(schemas.count >= 5)
        for (schema, pattern) in schemas {
            #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(schema).path), "\(schema)")
            let folder = packageRoot.appendingPathComponent((pattern as NSString).deletingLastPathComponent)
            let name = (pattern as NSString).lastPathComponent
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let matches = files.filter { name.hasPrefix("*") ? $0.hasSuffix(name.dropFirst()) : $0 == name }
            #expect(!matches.isEmpty, "\(pattern) names no file of the sample")
        }
    }

    // MARK: Help

    /// Every command's help is French by default: none of the words swift-argument-parser
    /// writes in English is left (« default: » once was, after a list of values).
    @Test func everyHelpSpeaksFrench() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the openmap binary first")
        for command in [[], ["check"], ["build"], ["serve"], ["schedule"], ["new"], ["schemas"]] {
            let help = try Self.run(Self.binary.path, command + ["--help"], in: packageRoot)
            #expect(help.status == 0, "\(command)")
            #expect(help.output.contains("UTILISATION\u{A0}:"), "\(command)")
            for english in ["default:", "values:", "OVERVIEW", "USAGE", "SUBCOMMANDS", "Show help", "Show the version"] {
                #expect(!help.output.contains(english), "openmap \(command.joined()) --help: « \(english) »")
            }
        }
    }

    // MARK: Commands and options named anywhere in docs/

    /// Every `openmap <command> --option` written in the code of docs/*.md (inline or in blocks)
    /// names a command and options the tool has; a lone `--option` is an option of some command.
    @Test func docsNameOnlyCommandsAndOptionsTheToolHas() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the openmap binary first")
        var options: [String: Set<String>] = [:]
        func optionsOf(_ command: String) throws -> Set<String>? {
            if let known = options[command] { return known }
            let help = try Self.run(Self.binary.path, [command, "--help", "--lang", "en"], in: packageRoot)
            guard help.status == 0 else { return nil }
            let found = Set(Self.options(in: help.output))
            options[command] = found
            return found
        }
        let commands = ["check", "build", "serve", "schedule", "new", "schemas"]
        var checked = 0
        for page in try Self.pages() {
            for code in try Self.code(in: page) {
                for line in code.split(separator: "\n").map(String.init) {
                    if line.hasPrefix("--"), let option = Self.options(in: line).first, line.hasPrefix(option) {
                        var known = false
                        for command in commands where try optionsOf(command)?.contains(option) == true { known = true }
                        #expect(known, "\(page.lastPathComponent): « \(line) »: no command has \(option)")
                        checked += 1
                    }
                    guard let range = line.range(of: #"(^|[\s/])openmap +[a-z][^#]*"#, options: .regularExpression) else { continue }
                    let words = line[range].split(separator: " ").map(String.init).drop { !$0.hasSuffix("openmap") }.dropFirst()
                    guard let command = words.first else { continue }
                    let known = try optionsOf(command)
                    #expect(known != nil, "\(page.lastPathComponent): « \(line) »: openmap has no command « \(command) »")
                    for option in Self.options(in: words.joined(separator: " ")) {
                        #expect(known?.contains(option) == true, "\(page.lastPathComponent): « \(line) »: openmap \(command) has no \(option)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked >= 20)
    }

    // MARK: Links

    /// Every relative link of docs/*.md leads to a file or folder that exists, and its anchor to
    /// a heading of the target page (as GitHub names them).
    @Test func docsLinkOnlyToFilesAndHeadingsThatExist() throws {
        var checked = 0
        for page in try Self.pages() {
            let rendered = MarkdownRenderer().render(try String(contentsOf: page, encoding: .utf8))
            // Raw HTML would vanish, a refused link lose its address: the text must be escaped.
            for problem in rendered.problems {
                Issue.record("\(page.lastPathComponent):\(problem.line): \(problem.code): \(problem.message)")
            }
            for link in rendered.links {
                let destination = link.destination.removingPercentEncoding ?? link.destination
                guard !destination.contains(":") else { continue }  // http(s), mailto, tel: outside the repository
                let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? page : page.deletingLastPathComponent().appendingPathComponent(parts[0]).standardizedFileURL
                let place = "\(page.lastPathComponent):\(link.line): \(link.destination)"
                #expect(FileManager.default.fileExists(atPath: target.path), "\(place): no such file")
                if parts.count == 2, target.pathExtension == "md", FileManager.default.fileExists(atPath: target.path) {
                    let headings = MarkdownRenderer().render(try String(contentsOf: target, encoding: .utf8)).headings
                    #expect(Self.anchors(of: headings.map(\.text)).contains(parts[1]), "\(place): no such heading")
                }
                checked += 1
            }
        }
        #expect(checked >= 8)
    }

    /// GitHub's anchors: lowercase, spaces to hyphens, other punctuation dropped, -1, -2… for
    /// the same title again.
    static func anchors(of headings: [String]) -> Set<String> {
        var seen: [String: Int] = [:]
        var anchors: Set<String> = []
        for heading in headings {
            var anchor = ""
            for scalar in heading.lowercased().unicodeScalars {
                if scalar == " " { anchor += "-" }
                else if scalar == "-" || scalar == "_" || CharacterSet.alphanumerics.contains(scalar) { anchor.unicodeScalars.append(scalar) }
            }
            let count = seen[anchor, default: 0]
            seen[anchor] = count + 1
            anchors.insert(count == 0 ? anchor : "\(anchor)-\(count)")
        }
        return anchors
    }

    // MARK: Reading the docs (through cmark-gfm)

    static func pages() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: docs, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
    }

    struct Block {
        var language: String
        var text: String
        /// The title of the last h2 above it.
        var section: String
    }

    /// The fenced blocks of a page, with their language and section, as cmark-gfm reads them.
    static func blocks(in page: URL) throws -> [Block] {
        let html = MarkdownRenderer().render(try String(contentsOf: page, encoding: .utf8)).html
        let pattern = try NSRegularExpression(
            pattern: #"<h2[^>]*>(.*?)</h2>|<pre[^>]*><code(?: class="language-([^"]+)")?>(.*?)</code></pre>"#,
            options: [.dotMatchesLineSeparators])
        var section = ""
        var blocks: [Block] = []
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            func group(_ index: Int) -> String? { Range(match.range(at: index), in: html).map { String(html[$0]) } }
            if let heading = group(1) {
                section = unescape(heading.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
            } else {
                blocks.append(Block(language: group(2) ?? "", text: unescape(group(3) ?? ""), section: section))
            }
        }
        return blocks
    }

    /// Every code span and block of a page.
    static func code(in page: URL) throws -> [String] {
        let html = MarkdownRenderer().render(try String(contentsOf: page, encoding: .utf8)).html
        let pattern = try NSRegularExpression(pattern: #"<code[^>]*>(.*?)</code>"#, options: [.dotMatchesLineSeparators])
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            Range(match.range(at: 1), in: html).map { unescape(String(html[$0])) }
        }
    }

    static func unescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `--content`, `--year`… in a text.
    static func options(in text: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: #"--[a-z][a-z-]*"#)
        return (pattern?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? []).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }

    /// A shell line's words (quotes group words and are removed) and its comment, after « # ».
    static func words(of line: String) -> (words: [String], comment: String?) {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for (index, character) in zip(line.indices, line) {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                inWord = true
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "#" where !inWord:
                let comment = line[line.index(after: index)...].trimmingCharacters(in: .whitespaces)
                return (words, comment)
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return (words, nil)
    }

    // MARK: Running

    static func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        try runProgram(URL(fileURLWithPath: executable), arguments, in: folder)
    }

    /// The sample site's content, templates and schemas, in a folder of their own.
    static func copyOfTheSample() throws -> URL {
        let folder = try copySample()
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("schemas"),
                                         to: folder.appendingPathComponent("schemas"))
        return folder
    }
}
