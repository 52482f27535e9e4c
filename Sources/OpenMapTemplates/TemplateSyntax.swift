/// A compiled template: its tags as a tree, names split and functions checked once, when the
/// template is read (swift-mustache split each name at every lookup).
enum Node: Sendable {
    /// Text written as is; a line of the template at most (partials indent at line starts).
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}`, `{{&name}}`.
    case variable(ValuePath, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(ValuePath, body: [Node], inverted: Bool)
    /// `{{> name}}`, or `{{< name}}…{{/name}}` with the blocks it overrides. `indentation`: the
    /// whitespace before a standalone tag, put at the start of every line the partial writes.
    case partial(Partial)
    /// `{{$name}}default{{/name}}`: the default unless a parent's caller overrides it.
    case block(Block)
    /// `{{% CONTENT_TYPE: TEXT }}` (no escaping) or `HTML`: until the end of the template.
    case escaping(Bool)
}

struct Partial: Sendable {
    /// The template's name, or the value naming it (`{{>*name}}`).
    var name: String
    var dynamic: ValuePath?
    var indentation: [UInt8]?
    var overrides: [String: [Node]]?
    /// Where the tag is in its template's bytes, for the error of a partial that does not exist.
    var offset: Int
}

struct Block: Sendable {
    var name: String
    var body: [Node]
    /// The whitespace before a standalone tag: the indentation of the lines it writes.
    var indentation: [UInt8]
    /// For a standalone tag, the indentation its default content's first line has beyond the
    /// tag's: an override is indented as the default is (the specification's « intrinsic
    /// indentation »).
    var intrinsic: [UInt8]?
}

/// Where a tag's value comes from: `.` (the current value), `first()` (the position in the
/// sequence), `name.other` (the first name looked up in every enclosing value, innermost
/// first, the others inside it), `.name` (the current value only); then functions, innermost
/// first.
struct ValuePath: Sendable {
    enum Start: Sendable {
        case current
        case sequencePosition
        case enclosing(String)
        case currentOnly(String)
    }
    var start: Start
    var rest: [String]
    var functions: [TemplateFunction]
}

/// The functions of swift-mustache's names that look like calls (`{{#empty(list)}}`), those a
/// template may use.
enum TemplateFunction: String, Sendable, CaseIterable {
    case first, last, index, even, odd
    case empty, count, reversed
    case lowercased, uppercased
    case equalzero, plusone, minusone
}

/// A problem in a template, found when it is read: where (line and column from 1, columns in
/// characters) and what.
public struct TemplateSyntaxError: Error, Sendable, Hashable {
    public enum Problem: Sendable, Hashable {
        /// A tag opened by `delimiter` (« {{ ») that never closes.
        case unclosedTag(open: String, close: String)
        /// A tag whose content is not a name: `{{first name}}`, `{{#a)}}`.
        case invalidName(String)
        /// `{{#name}}` or `{{^name}}` without `{{/name}}`.
        case unclosedSection(String)
        /// `{{/name}}` with no section open.
        case unexpectedClose(String)
        /// `{{/found}}` where `{{/open}}` (opened at line `openLine`) was expected.
        case mismatchedClose(found: String, open: String, openLine: Int)
        /// A comment without its closing delimiter.
        case unclosedComment(close: String)
        /// `{{=<% %>=}}` badly written.
        case invalidDelimiters
        /// `{{% NAME: value }}` other than `CONTENT_TYPE: HTML` or `TEXT`.
        case unknownSetting(String)
        /// `{{#sorted(list)}}`: a function the engine does not have.
        case unknownFunction(String)
        /// `{{$empty(name)}}`: a block takes no function.
        case functionOnBlock(String)
        /// Something else than blocks (`{{$name}}…{{/name}}`) inside `{{<parent}}…{{/parent}}`.
        case tagInsideParent(String)
        /// `{{> name}}` where no template has that name.
        case unknownPartial(String)
        /// Sections, blocks or parents nested more than `limit` deep.
        case nestingTooDeep(limit: Int)
        /// Partials that call each other outside any section, without end: `cycle` names them
        /// from this one back to it (`a`, `b`, `a`).
        case partialCycle([String])
    }

    /// The template's name (`layout`, `partials/card`).
    public var template: String
    public var line: Int
    public var column: Int
    public var problem: Problem

    /// The functions a template may call, for messages: `first()`, `empty(…)`.
    public static var functionNames: [String] { TemplateFunction.allCases.map(\.rawValue) }
}
