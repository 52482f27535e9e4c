/// Mustache templates by name (`layout`, `partials/card`), compiled once, rendered on any
/// thread: the values a page gives are plain Swift values (`[String: Any]` views, strings,
/// booleans, numbers, arrays, `TemplateRenderable`s).
public final class TemplateLibrary: Sendable {
    let templates: [String: [Node]]

    init(templates: [String: [Node]]) {
        self.templates = templates
    }

    /// Compiles every template; a template's problem comes back as an error located in it (its
    /// first one: what follows a broken tag cannot be read reliably), and every partial a
    /// template names must be one of them, unless `missingPartialsRenderEmpty` (the Mustache
    /// specification's rule). The library is nil when there is any error.
    ///
    /// `trimmingIndentation`: the spaces and tabs that start each line of a template (and so
    /// the indentation of its standalone partials) are not written. In HTML outside `<pre>` and
    /// `<textarea>` a line end and a line end followed by spaces read the same, and a site's
    /// templates, indented for their authors, wrote 21 MB of it at 10 000 needs. A template that
    /// holds either element is kept as written. Positions in errors stay those of the template as
    /// written. Off for the Mustache specification.
    public static func compile(_ sources: [String: String], missingPartialsRenderEmpty: Bool = false,
                               trimmingIndentation: Bool = false)
        -> (library: TemplateLibrary?, errors: [TemplateSyntaxError])
    {
        var templates: [String: [Node]] = [:]
        var errors: [TemplateSyntaxError] = []
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(source.utf8)
            var parser = TemplateParser(text: bytes, template: name,
                                        trimsIndentation: trimmingIndentation && !holdsPreformattedText(source))
            do {
                let nodes = try parser.parse()
                templates[name] = nodes
                for partial in partialsNamed(in: nodes) where !missingPartialsRenderEmpty && sources[partial.name] == nil {
                    let (line, column) = TemplateParser.location(of: partial.offset, in: bytes)
                    errors.append(TemplateSyntaxError(template: name, line: line, column: column, problem: .unknownPartial(partial.name)))
                }
            } catch {
                errors.append(error)
            }
        }
        errors += partialCycles(in: templates, sources: sources)
        return (errors.isEmpty ? TemplateLibrary(templates: templates) : nil, errors)
    }

    /// Whether a template writes an element whose text keeps its spaces (bench/templates gives
    /// swift-mustache the templates as this library compiles them).
    @_spi(Bench) public static func holdsPreformattedText(_ source: String) -> Bool {
        let lowered = source.lowercased()
        return lowered.contains("<pre") || lowered.contains("<textarea")
    }

    /// Partials that call each other outside any section or block, which would never end: one
    /// error per cycle, at the call in its first template (by name).
    private static func partialCycles(in templates: [String: [Node]], sources: [String: String]) -> [TemplateSyntaxError] {
        var calls: [String: [Partial]] = [:]
        for (name, nodes) in templates {
            calls[name] = nodes.compactMap { node in
                guard case .partial(let partial) = node, partial.dynamic == nil, templates[partial.name] != nil else { return nil }
                return partial
            }
        }
        var errors: [TemplateSyntaxError] = []
        var reported: Set<String> = []
        for start in templates.keys.sorted() where !reported.contains(start) {
            // Depth-first from `start`, along the first calls: a path back to `start` is a cycle.
            var path: [(name: String, call: Partial)] = []
            var visited: Set<String> = []
            func search(_ name: String) -> Bool {
                for call in calls[name] ?? [] {
                    path.append((name, call))
                    if call.name == start { return true }
                    if visited.insert(call.name).inserted, search(call.name) { return true }
                    path.removeLast()
                }
                return false
            }
            guard search(start), let first = path.first else { continue }
            let names = path.map(\.name) + [start]
            reported.formUnion(names)
            let (line, column) = TemplateParser.location(of: first.call.offset, in: Array((sources[start] ?? "").utf8))
            errors.append(TemplateSyntaxError(template: start, line: line, column: column, problem: .partialCycle(names)))
        }
        return errors
    }

    /// The partials a template calls by name (`{{> name}}`, `{{< name}}`), in their order.
    private static func partialsNamed(in nodes: [Node]) -> [Partial] {
        var found: [Partial] = []
        func visit(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .section(_, let body, _): visit(body)
                case .block(let block): visit(block.body)
                case .partial(let partial):
                    if partial.dynamic == nil { found.append(partial) }
                    for override in (partial.overrides ?? [:]).sorted(by: { $0.key < $1.key }) { visit(override.value) }
                case .text, .variable, .escaping: break
                }
            }
        }
        visit(nodes)
        return found
    }

    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// The template `name` rendered with `context` at the end of `output`; false when there is
    /// no such template.
    @discardableResult
    public func render(_ context: Any, template name: String, into output: inout TemplateOutput) -> Bool {
        guard let nodes = templates[name] else { return false }
        var renderer = TemplateRenderer(library: self, output: output, context: context)
        output = TemplateOutput()  // the renderer holds the buffer meanwhile: it grows without a copy
        renderer.render(nodes, scope: TemplateRenderer.Scope())
        output = renderer.output
        return true
    }

    /// The template `name` rendered with `context`, nil when there is no such template.
    public func render(_ context: Any, template name: String) -> String? {
        var output = TemplateOutput()
        guard render(context, template: name, into: &output) else { return nil }
        return output.text
    }
}
