/// Renders compiled templates into one buffer. What a value writes and which sections render
/// follow swift-mustache (its values, its sequence positions, the indentation of its partials),
/// so that pages stay byte for byte the same; what it does per tag is less: a name is split
/// once, when the template is read, each enclosing value is classified once, when its section
/// opens, and the stack grows and shrinks in place instead of being copied for every section.
struct TemplateRenderer {
    let library: TemplateLibrary
    var output: TemplateOutput
    /// The enclosing values, innermost last.
    private var stack: [Frame]
    /// The position in the sequence whose item is the innermost value, if it is one.
    private var position: SequencePosition?
    /// Partials and blocks being rendered, one inside the other. A partial that calls itself
    /// inside a section ends with the values it is given (the specification's « recursion »);
    /// past `depthLimit`, nothing more is written rather than the stack run out.
    private var depth = 0
    static let depthLimit = 100

    /// What a template and the sections inside it share, set by the partial or block calling it.
    struct Scope {
        /// Put before what a node writes at the start of a line (a standalone partial's whitespace).
        var indentation: [UInt8] = []
        /// The blocks overridden by the callers of the parent being rendered (outermost wins).
        var overrides: [String: [Node]]?
        /// HTML escaping for `{{name}}` (`{{% CONTENT_TYPE: TEXT }}` turns it off).
        var escapes = true
    }

    /// An enclosing value, classified once: where its names are looked up.
    private enum Frame {
        case view([String: Any])
        /// Another value with names (`TemplateKeyed`).
        case keyed(any TemplateKeyed, Any)
        /// A value of another type: its stored properties by name, through `Mirror`, as in
        /// swift-mustache.
        case object(Any)
        /// A value with no names inside (a string, a number, a boolean, a list).
        case leaf(Any)

        var value: Any {
            switch self {
            case .view(let view): view
            case .keyed(_, let value), .object(let value), .leaf(let value): value
            }
        }
    }

    init(library: TemplateLibrary, output: TemplateOutput, context: Any) {
        self.library = library
        self.output = output
        self.stack = [Self.frame(for: context)]
        self.stack.reserveCapacity(16)
    }

    // MARK: - Nodes

    mutating func render(_ nodes: [Node], scope initial: Scope) {
        var scope = initial
        guard !scope.indentation.isEmpty else {
            for node in nodes { render(node, scope: &scope) }
            return
        }
        // swift-mustache's rule: a node that writes something, when what this template (or
        // section body) wrote so far ends a line, is preceded by the indentation.
        let start = output.bytes.count
        for node in nodes {
            let before = output.bytes.count
            let atLineStart = before > start && output.bytes[before - 1] == UInt8(ascii: "\n")
                && !(before - 2 >= start && output.bytes[before - 2] == UInt8(ascii: "\r"))
            if atLineStart, case .text = node {
                output.bytes.append(contentsOf: scope.indentation)
                render(node, scope: &scope)
                continue
            }
            render(node, scope: &scope)
            if atLineStart, output.bytes.count > before {
                output.bytes.insert(contentsOf: scope.indentation, at: before)
            }
        }
    }

    private mutating func render(_ node: Node, scope: inout Scope) {
        switch node {
        case .text(let bytes):
            output.bytes.append(contentsOf: bytes)
        case .variable(let path, let escaped):
            guard let value = resolve(path) else { return }
            write(value, escaped: escaped && scope.escapes)
        case .section(let path, let body, let inverted):
            let value = resolve(path)
            if inverted {
                renderInverted(value, body: body, scope: scope)
            } else {
                renderSection(value, body: body, scope: scope)
            }
        case .partial(let partial):
            renderPartial(partial, scope: scope)
        case .block(let block):
            renderBlock(block, scope: scope)
        case .escaping(let escapes):
            scope.escapes = escapes
        }
    }

    private mutating func renderSection(_ value: Any?, body: [Node], scope: Scope) {
        guard let value else { return }
        if let flag = value as? Bool {
            if flag { render(body, scope: scope) }
            return
        }
        if let view = value as? [String: Any] {
            renderWith(.view(view), body: body, scope: scope)
            return
        }
        if value is String {
            renderWith(.leaf(value), body: body, scope: scope)
            return
        }
        if let views = value as? [[String: Any]] {
            let saved = position
            for (index, view) in views.enumerated() {
                stack.append(.view(view))
                position = SequencePosition(index: index, isLast: index == views.count - 1)
                render(body, scope: scope)
                stack.removeLast()
            }
            position = saved
            return
        }
        if let sequence = value as? any TemplateSequence {
            let saved = position
            sequence.forEachTemplateElement { element, index, isLast in
                stack.append(Self.frame(for: element))
                position = SequencePosition(index: index, isLast: isLast)
                render(body, scope: scope)
                stack.removeLast()
            }
            position = saved
            return
        }
        if let renderable = value as? any TemplateRenderable, renderable.isNull { return }
        if isNone(value) { return }
        renderWith(Self.frame(for: value), body: body, scope: scope)
    }

    private mutating func renderInverted(_ value: Any?, body: [Node], scope: Scope) {
        guard let value else {
            render(body, scope: scope)
            return
        }
        if let flag = value as? Bool {
            if !flag { render(body, scope: scope) }
            return
        }
        if value is String || value is [String: Any] { return }
        if let sequence = value as? any TemplateSequence {
            // swift-mustache renders an empty list's inverted section with the list as the value.
            if sequence.templateIsEmpty { renderWith(.leaf(value), body: body, scope: scope) }
            return
        }
        if let renderable = value as? any TemplateRenderable {
            if renderable.isNull { render(body, scope: scope) }
            return
        }
        if isNone(value) { render(body, scope: scope) }
    }

    /// The body with `frame` as the innermost value, outside any sequence.
    private mutating func renderWith(_ frame: Frame, body: [Node], scope: Scope) {
        let saved = position
        position = nil
        stack.append(frame)
        render(body, scope: scope)
        stack.removeLast()
        position = saved
    }

    private mutating func renderPartial(_ partial: Partial, scope: Scope) {
        var name = partial.name
        if let dynamic = partial.dynamic {
            guard let named = resolve(dynamic) as? String else { return }
            name = named
        }
        guard let nodes = library.templates[name], depth < Self.depthLimit else { return }
        depth += 1
        defer { depth -= 1 }
        var inner = scope
        if let indentation = partial.indentation { inner.indentation += indentation }
        if let overrides = partial.overrides {
            inner.overrides = scope.overrides.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
        }
        inner.escapes = true
        let saved = position
        position = nil
        render(nodes, scope: inner)
        position = saved
    }

    private mutating func renderBlock(_ block: Block, scope: Scope) {
        guard depth < Self.depthLimit else { return }
        depth += 1
        defer { depth -= 1 }
        var inner = scope
        inner.indentation += block.indentation
        let saved = position
        position = nil
        defer { position = saved }
        guard let override = scope.overrides?[block.name] else {
            render(block.body, scope: inner)
            return
        }
        guard let intrinsic = block.intrinsic else {
            render(override, scope: inner)
            return
        }
        // The override indented as the default content is: its first line here, the others
        // through the indentation.
        let before = output.bytes.count
        output.bytes.append(contentsOf: intrinsic)
        inner.indentation += intrinsic
        render(override, scope: inner)
        if output.bytes.count == before + intrinsic.count { output.bytes.removeLast(intrinsic.count) }
    }

    // MARK: - Values

    /// What a value writes: its text (a renderable's own, escaped or not), a number's digits,
    /// `true` or `false`; nothing for a missing or null value.
    private mutating func write(_ value: Any, escaped: Bool) {
        if let text = value as? String {
            if escaped { output.appendEscaped(text) } else { output.append(text) }
            return
        }
        if let renderable = value as? any TemplateRenderable {
            if escaped {
                var own = TemplateOutput()
                renderable.write(to: &own)
                own.bytes.withUnsafeBufferPointer { output.appendEscaped(bytes: $0) }
            } else {
                renderable.write(to: &output)
            }
            return
        }
        if isNone(value) { return }
        let text = String(describing: value)
        if escaped { output.appendEscaped(text) } else { output.append(text) }
    }

    private func isNone(_ value: Any) -> Bool {
        (value as? any OptionalValue)?.isNone ?? false
    }

    private static func frame(for value: Any) -> Frame {
        if let view = value as? [String: Any] { return .view(view) }
        if value is String || value is Bool || value is Int || value is Double || value is any TemplateSequence {
            return .leaf(value)
        }
        if let keyed = value as? any TemplateKeyed { return .keyed(keyed, value) }
        return .object(value)
    }

    /// A path's value: its first name looked up in the enclosing values, innermost first, the
    /// others inside the value found; then its functions.
    private func resolve(_ path: ValuePath) -> Any? {
        var value: Any
        switch path.start {
        case .current:
            guard let top = stack.last else { return nil }
            value = top.value
        case .sequencePosition:
            guard let position else { return nil }
            value = position
        case .enclosing(let name):
            guard let found = lookUp(name) else { return nil }
            value = found
        case .currentOnly(let name):
            guard let top = stack.last, let found = Self.child(named: name, in: top) else { return nil }
            value = found
        }
        for name in path.rest {
            guard let found = Self.child(named: name, in: Self.frame(for: value)) else { return nil }
            value = found
        }
        for function in path.functions {
            guard let result = Self.apply(function, to: value) else { return nil }
            value = result
        }
        return value
    }

    private func lookUp(_ name: String) -> Any? {
        var index = stack.count - 1
        while index >= 0 {
            if let found = Self.child(named: name, in: stack[index]) { return found }
            index -= 1
        }
        return nil
    }

    private static func child(named name: String, in frame: Frame) -> Any? {
        switch frame {
        case .view(let view):
            return view[name]
        case .keyed(let keyed, _):
            return keyed.templateValue(named: name)
        case .leaf:
            return nil
        case .object(let value):
            guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else { return nil }
            let mirror = Mirror(reflecting: child)
            guard mirror.displayStyle == .optional else { return child }
            return mirror.children.first?.value
        }
    }

    /// swift-mustache's functions, on the values it has them for; nil for others.
    private static func apply(_ function: TemplateFunction, to value: Any) -> Any? {
        if let position = value as? SequencePosition {
            switch function {
            case .first: return position.index == 0
            case .last: return position.isLast
            case .index: return position.index
            case .even: return position.index & 1 == 0
            case .odd: return position.index & 1 == 1
            default: return nil
            }
        }
        if let text = value as? String {
            switch function {
            case .empty: return text.isEmpty
            case .lowercased: return text.lowercased()
            case .uppercased: return text.uppercased()
            case .reversed: return String(text.reversed())
            default: return nil
            }
        }
        if let sequence = value as? any TemplateSequence {
            switch function {
            case .empty: return sequence.templateIsEmpty
            case .count: return sequence.templateCount
            case .first: return sequence.templateFirst
            case .last: return sequence.templateLast
            case .reversed: return sequence.templateReversed
            default: return nil
            }
        }
        if let view = value as? [String: Any] {
            switch function {
            case .empty: return view.isEmpty
            case .count: return view.count
            default: return nil
            }
        }
        if let number = value as? Int {
            switch function {
            case .equalzero: return number == 0
            case .plusone: return number + 1
            case .minusone: return number - 1
            case .even: return number & 1 == 0
            case .odd: return number & 1 == 1
            default: return nil
            }
        }
        return nil
    }
}

/// A value whose names a template looks up itself (other dictionaries than views; types that
/// would rather not be read through `Mirror`).
public protocol TemplateKeyed {
    func templateValue(named name: String) -> Any?
}

extension Dictionary: TemplateKeyed where Key == String {
    public func templateValue(named name: String) -> Any? { self[name] }
}

/// A list a section goes over, item by item (arrays, sets, reversed collections, as in
/// swift-mustache).
public protocol TemplateSequence {
    func forEachTemplateElement(_ body: (_ element: Any, _ index: Int, _ isLast: Bool) -> Void)
    var templateIsEmpty: Bool { get }
    var templateCount: Int { get }
    var templateFirst: Any? { get }
    var templateLast: Any? { get }
    var templateReversed: Any { get }
}

extension TemplateSequence where Self: Collection {
    public func forEachTemplateElement(_ body: (_ element: Any, _ index: Int, _ isLast: Bool) -> Void) {
        let count = self.count
        for (index, element) in enumerated() { body(element, index, index == count - 1) }
    }
    public var templateIsEmpty: Bool { isEmpty }
    public var templateCount: Int { count }
    public var templateFirst: Any? { first.map { $0 as Any } }
    public var templateLast: Any? { Array(self).last.map { $0 as Any } }
    public var templateReversed: Any { Array(reversed()) }
}

extension Array: TemplateSequence {}
extension Set: TemplateSequence {}
extension ReversedCollection: TemplateSequence {}

/// An optional seen as `Any`: nil inside is no value (a JSON null).
private protocol OptionalValue {
    var isNone: Bool { get }
}

extension Optional: OptionalValue {
    var isNone: Bool { self == nil }
}
