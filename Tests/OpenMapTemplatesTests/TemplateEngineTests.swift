import OpenMapTemplates
import Testing

/// What the site's templates rely on beyond the specification: swift-mustache's functions and
/// values, which the engine keeps so that pages stay byte for byte what they were, and its
/// located errors.
@Suite struct TemplateEngineTests {
    func render(_ template: String, _ context: Any, partials: [String: String] = [:]) throws -> String? {
        var sources = partials
        sources["page"] = template
        let (library, errors) = TemplateLibrary.compile(sources)
        try #require(errors.isEmpty, "\(errors)")
        return library?.render(context, template: "page")
    }

    func firstError(_ template: String, partials: [String: String] = [:]) -> TemplateSyntaxError? {
        var sources = partials
        sources["page"] = template
        let (library, errors) = TemplateLibrary.compile(sources)
        #expect(library == nil)
        return errors.first
    }

    // MARK: - Indentation

    /// The site's templates are compiled without the spaces that start their lines: the same
    /// HTML, fewer bytes; a mid-line space, a standalone tag's line and an error's position stay.
    @Test func indentationLeftOutWhenAsked() throws {
        let sources = ["page": "<ul>\n  {{#items}}\n    <li>{{.}} <b>x</b></li>\n  {{/items}}\n  {{> note}}\n</ul>\n",
                       "note": "<p>\n\t  note\n</p>\n"]
        let (trimmed, errors) = TemplateLibrary.compile(sources, trimmingIndentation: true)
        try #require(errors.isEmpty)
        #expect(trimmed?.render(["items": ["a", "b"]], template: "page")
            == "<ul>\n<li>a <b>x</b></li>\n<li>b <b>x</b></li>\n<p>\nnote\n</p>\n</ul>\n")
        let (asWritten, _) = TemplateLibrary.compile(sources)
        #expect(asWritten?.render(["items": ["a"]], template: "page")
            == "<ul>\n    <li>a <b>x</b></li>\n  <p>\n  \t  note\n  </p>\n</ul>\n")
        // After a section opened mid-line and closed alone on its line, the next line starts too.
        let (afterSection, _) = TemplateLibrary.compile(["page": "<table>\n  <tbody>{{#rows}}<tr></tr>\n  {{/rows}}\n  </tbody>\n</table>\n"],
                                                       trimmingIndentation: true)
        #expect(afterSection?.render(["rows": [1, 2]], template: "page") == "<table>\n<tbody><tr></tr>\n<tr></tr>\n</tbody>\n</table>\n")
        // Preformatted text keeps its spaces: such a template is kept as written.
        let (pre, _) = TemplateLibrary.compile(["page": "<pre>\n  a\n</pre>\n"], trimmingIndentation: true)
        #expect(pre?.render([String: Any](), template: "page") == "<pre>\n  a\n</pre>\n")
        let (_, located) = TemplateLibrary.compile(["page": "<p>\n    {{#a}}\n</p>\n"], trimmingIndentation: true)
        #expect(located.first.map { [$0.line, $0.column] } == [2, 5])
    }

    // MARK: - Functions

    @Test func positionInTheListGoneThrough() throws {
        let template = "{{#items}}{{#first()}}[{{/first()}}{{.}}{{^last()}}, {{/last()}}{{#last()}}]{{/last()}}{{/items}}"
        #expect(try render(template, ["items": ["a", "b", "c"]]) == "[a, b, c]")
        #expect(try render(template, ["items": ["a"]]) == "[a]")
        #expect(try render("{{#items}}{{index()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}} {{/items}}", ["items": [1, 2, 3]])
            == "0e 1o 2e ")
    }

    /// swift-mustache forgets the position inside a nested object's section and in a partial,
    /// keeps it inside a boolean's section.
    @Test func positionIsTheInnermostListsOnly() throws {
        let items: [[String: Any]] = [["flag": true, "inner": ["x": 1]], ["flag": true, "inner": ["x": 2]]]
        #expect(try render("{{#items}}{{#flag}}{{#first()}}F{{/first()}}{{/flag}}{{/items}}", ["items": items]) == "F")
        #expect(try render("{{#items}}{{#inner}}{{#first()}}F{{/first()}}{{^first()}}-{{/first()}}{{/inner}}{{/items}}",
                           ["items": items]) == "--")
        #expect(try render("{{#items}}{{> p}}{{/items}}", ["items": items], partials: ["p": "{{^last()}}n{{/last()}}"]) == "nn")
        #expect(try render("{{#first()}}x{{/first()}}{{^first()}}y{{/first()}}", [String: Any]()) == "y")
    }

    @Test func emptyAndCount() throws {
        let template = "{{#empty(list)}}vide{{/empty(list)}}{{^empty(list)}}{{count(list)}}{{/empty(list)}}"
        #expect(try render(template, ["list": [String]()]) == "vide")
        #expect(try render(template, ["list": ["a", "b"]]) == "2")
        #expect(try render(template, [String: Any]()) == "")
        #expect(try render("{{#empty(text)}}vide{{/empty(text)}}", ["text": ""]) == "vide")
        #expect(try render("{{plusone(n)}} {{#equalzero(m)}}zéro{{/equalzero(m)}}", ["n": 41, "m": 0]) == "42 zéro")
        #expect(try render("{{first(list)}}…{{last(list)}}", ["list": ["a", "b", "c"]]) == "a…c")
        #expect(try render("{{#reversed(list)}}{{.}}{{/reversed(list)}}", ["list": ["a", "b", "c"]]) == "cba")
        #expect(try render("{{uppercased(name)}}", ["name": "Zoé"]) == "ZOÉ")
    }

    // MARK: - Values

    struct Shown: TemplateRenderable {
        var text: String
        var isNull: Bool { text.isEmpty }
        func write(to output: inout TemplateOutput) { output.append(text) }
    }

    @Test func renderablesWriteTheirOwnText() throws {
        let context: [String: Any] = ["html": Shown(text: "<b>A & B</b>"), "none": Shown(text: "")]
        #expect(try render("{{{html}}}|{{&html}}|{{html}}", context) == "<b>A & B</b>|<b>A & B</b>|&lt;b&gt;A &amp; B&lt;/b&gt;")
        #expect(try render("{{#none}}shown{{/none}}{{^none}}hidden{{/none}}{{#html}}+{{/html}}{{^html}}-{{/html}}", context)
            == "hidden+")
    }

    @Test func escapesTheFiveCharacters() throws {
        #expect(try render("{{text}}", ["text": "<a href=\"x\">l'été & co</a>"])
            == "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;")
        #expect(try render("{{% CONTENT_TYPE: TEXT }}{{text}}", ["text": "<&>"]) == "<&>")
        // A partial escapes again, whatever its caller set.
        #expect(try render("{{% CONTENT_TYPE: TEXT }}{{> p}}", ["text": "<&>"], partials: ["p": "{{text}}"]) == "&lt;&amp;&gt;")
    }

    @Test func plainValues() throws {
        let context: [String: Any] = ["int": 42, "yes": true, "decimal": 1.5, "text": "", "list": ["a", "b"]]
        #expect(try render("{{int}} {{yes}} {{decimal}} [{{text}}]", context) == "42 true 1.5 []")
        // A present empty string opens its section, as in swift-mustache.
        #expect(try render("{{#text}}present{{/text}}{{^text}}absent{{/text}}", context) == "present")
        #expect(try render("{{#list}}<{{.}}>{{/list}}", context) == "<a><b>")
        #expect(try render("{{#int}}{{.}}{{/int}}", context) == "42")
    }

    struct Person {
        var name: String
        var nickname: String?
    }

    @Test func namesAreLookedUpInEnclosingValues() throws {
        let context: [String: Any] = ["root": "../", "person": Person(name: "Zoé", nickname: nil),
                                      "nested": ["a": ["b": "deep"], "root": "./"]]
        #expect(try render("{{#nested}}{{root}}{{a.b}}{{/nested}}{{root}}", context) == "./deep../")
        #expect(try render("{{#person}}{{name}}{{nickname}}{{root}}{{/person}}", context) == "Zoé../")
        #expect(try render("{{nested.a.b}}|{{nested.a.c}}|{{#nested}}{{.root}}{{/nested}}", context) == "deep||./")
    }

    // MARK: - Whitespace

    /// swift-mustache's indentation of a standalone partial: a node that writes something at the
    /// start of a line of what its template (or section body) wrote is indented, so that a
    /// section's first line is, and what follows a value ending a line is (`</div>` here), unlike
    /// the specification's rule (the lines of the partial's text). The roadmap pages' needs are
    /// written so.
    @Test func indentsStandalonePartialsAsSwiftMustacheDid() throws {
        let partial = "<li>\n{{#html}}<div>{{{.}}}</div>{{/html}}\n{{#items}}\n<p>{{.}}</p>\n{{/items}}\n</li>\n"
        #expect(try render("<ol>\n  {{> item}}\n</ol>\n", ["html": "<p>a</p>\n", "items": ["x", "y"]], partials: ["item": partial])
            == "<ol>\n  <li>\n  <div><p>a</p>\n  </div>\n  <p>x</p>\n<p>y</p>\n  </li>\n</ol>\n")
    }

    @Test func standaloneTagsWriteNoLine() throws {
        let template = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! comment }}\n</ul>\n"
        #expect(try render(template, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
    }

    // MARK: - Errors

    @Test func errorsAreLocatedAtTheirTag() throws {
        let unclosed = try #require(firstError("<p>\n  {{#needs}}\n</p>\n"))
        #expect(unclosed.problem == .unclosedSection("needs") && unclosed.line == 2 && unclosed.column == 3)

        let mismatched = try #require(firstError("{{#a}}\n{{#b}}\nx{{/a}}"))
        #expect(mismatched.problem == .mismatchedClose(found: "a", open: "b", openLine: 2) && mismatched.line == 3 && mismatched.column == 2)

        let stray = try #require(firstError("é{{/a}}"))
        #expect(stray.problem == .unexpectedClose("a") && stray.line == 1 && stray.column == 2)

        #expect(firstError("<h1>{{title</h1>\n")?.problem == .unclosedTag(open: "{{", close: "}}"))
        #expect(firstError("{{first name}}")?.problem == .invalidName("{{first name}}"))
        #expect(firstError("{{#a)}}{{/a)}}")?.problem == .invalidName("{{#a)}}"))
        #expect(firstError("{{! comment")?.problem == .unclosedComment(close: "}}"))
        #expect(firstError("{{=<%%>=}}")?.problem == .invalidDelimiters)
        #expect(firstError("{{% CHARSET: latin1 }}")?.problem == .unknownSetting("CHARSET: latin1"))
        #expect(firstError("{{#sorted(list)}}{{/sorted(list)}}")?.problem == .unknownFunction("sorted"))
        #expect(firstError("{{<base}}{{$empty(a)}}{{/empty(a)}}{{/base}}", partials: ["base": ""])?.problem == .functionOnBlock("empty(a)"))
        #expect(firstError("{{<base}}{{x}}{{/base}}", partials: ["base": ""])?.problem == .tagInsideParent("base"))
        let partial = try #require(firstError("a\n {{> partials/nope}}"))
        #expect(partial.problem == .unknownPartial("partials/nope") && partial.line == 2 && partial.column == 2 && partial.template == "page")
    }

    @Test func endlessTemplatesAreErrors() throws {
        let deep = String(repeating: "{{#a}}", count: 150) + String(repeating: "{{/a}}", count: 150)
        #expect(firstError(deep)?.problem == .nestingTooDeep(limit: 100))
        let cycle = try #require(firstError("x\n{{> b}}", partials: ["b": "{{#list}}{{> b}}{{/list}}{{> page}}"]))
        #expect(cycle.problem == .partialCycle(["b", "page", "b"]) && cycle.template == "b" && cycle.line == 1 && cycle.column == 26)
        // Inside a section, a partial may call itself: the values end it.
        let tree: [String: Any] = ["name": "a", "children": [["name": "b", "children": [["name": "c", "children": [[String: Any]]()]]]]]
        #expect(try render("{{> node}}", tree, partials: ["node": "({{name}}{{#children}}{{> node}}{{/children}})"]) == "(a(b(c)))")
        // Without an end in the values, the depth stops it instead of the stack.
        let loop: [String: Any] = ["self": true]
        #expect(try render("{{> node}}", loop, partials: ["node": "x{{#self}}{{> node}}{{/self}}"])
            == String(repeating: "x", count: 100))
    }

    @Test func everyTemplatesFirstErrorIsReported() {
        let (library, errors) = TemplateLibrary.compile(["a": "{{#x}}", "b": "{{/y}}", "c": "fine {{> a}}"])
        #expect(library == nil)
        #expect(errors.map(\.template) == ["a", "b"])
    }

    /// Bad templates give errors, never a crash: random edits of a template full of tags.
    @Test func damagedTemplatesNeverCrash() {
        let source = Array("""
        <ul>{{#items}}\n  {{> p}}\n  <li class="{{#first()}}first{{/first()}}">{{{html}}}{{^empty(list)}}{{.}}{{/empty(list)}}</li>
        {{/items}}{{=<% %>=}}<%name%><%={{ }}=%>{{! note }}{{<p}}{{$b}}x{{/b}}{{/p}}{{% CONTENT_TYPE: TEXT }}</ul>\n
        """.utf8)
        let pieces: [[UInt8]] = ["{{", "}}", "{{{", "#", "/", "^", ">", "<", "$", "=", "!", "%", "(", ")", "\n", " ", "é", "\r\n"]
            .map { Array($0.utf8) }
        var random = SplitMix(seed: 20)
        var compiled = 0
        for _ in 0..<3000 {
            var text = source
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let at = Int(random.next() % UInt64(text.count + 1))
                switch random.next() % 3 {
                case 0: text.insert(contentsOf: pieces[Int(random.next() % UInt64(pieces.count))], at: at)
                case 1: if at < text.count { text.remove(at: at) }
                default: text.replaceSubrange(at..<min(text.count, at + Int(random.next() % 6)), with: [])
                }
            }
            let (library, errors) = TemplateLibrary.compile(["page": String(decoding: text, as: UTF8.self), "p": "{{.}}{{$b}}{{/b}}"])
            if let library {
                compiled += 1
                _ = library.render(["items": [["html": "<b>", "list": ["z"]]], "name": "n"], template: "page")
            } else {
                #expect(!errors.isEmpty)
                #expect(errors.allSatisfy { $0.line >= 1 && $0.column >= 1 })
            }
        }
        #expect(compiled > 0 && compiled < 3000)
    }
}

/// A deterministic generator for the damaged templates.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
