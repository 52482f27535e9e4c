// template-bench: the site's templates through swift-mustache and through OpenMapTemplates, with
// the same views, in one process.
//
//   template-bench [--content content] [--templates templates] [--now 2026-11-30] [--rounds 5]
//
// The site is prepared as `openmap build` prepares it (views made, Markdown rendered); then:
// 1. every fragment (need card, navigation, facets…) is rendered from its template and view by
//    both engines, the outputs compared;
// 2. every page (its template, then the layout around it) by both engines, the fragments they
//    hold being rendered already (once, as in a build), the outputs compared.
// Each engine renders everything `--rounds` times, alternately; the figures are the thread's
// CPU time (the machine is shared), the best and the median of the rounds.
import Foundation
import Mustache
@_spi(Bench) import OpenMapBuild
import OpenMapContent
@_spi(Bench) import OpenMapRender
@_spi(Bench) import OpenMapTemplates

struct Options {
    var content = "content"
    var templates = "templates"
    var now = "2026-11-30"
    var rounds = 5

    init(_ arguments: [String]) {
        var index = 0
        while index + 1 < arguments.count {
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--content": content = value
            case "--templates": templates = value
            case "--now": now = value
            case "--rounds": rounds = max(1, Int(value) ?? rounds)
            default:
                FileHandle.standardError.write(Data("unknown option \(arguments[index])\n".utf8))
                exit(2)
            }
            index += 2
        }
    }
}

/// swift-mustache as openmap used it: HTML escaping over UTF-8 bytes, registered as a content
/// type and named by a pragma before every template (Fragment.swift before OpenMapTemplates).
struct FastHTMLEscaping: MustacheContentType {
    static let name = "OPENMAP_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"
    static let registered: Void = MustacheContentTypes.register(FastHTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEscape) else { return text }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }

    @inline(__always) static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

/// A value of the new engine (a fragment, a page body) as swift-mustache's custom renderable:
/// its text made by the same code, handed over as a string, as openmap's fragments did.
struct OldRenderable: MustacheCustomRenderable {
    let base: any TemplateRenderable
    var renderText: String {
        var output = TemplateOutput()
        base.write(to: &output)
        return output.text
    }
    var isNull: Bool { base.isNull }
}

/// The page body for the layout's `{{{content}}}`, as openmap's RenderedHTML was.
struct OldRenderedHTML: MustacheCustomRenderable {
    let renderText: String
    var isNull: Bool { false }
}

/// The same view for swift-mustache: renderables wrapped, every other value and every
/// container's type kept (swift-mustache tells lists from objects by type).
func oldView(_ value: Any) -> Any {
    switch value {
    case let view as [String: Any]: return view.mapValues(oldView)
    case let views as [[String: Any]]: return views.map { $0.mapValues(oldView) }
    case let renderable as any TemplateRenderable: return OldRenderable(base: renderable)
    default:
        if type(of: value) == [Any].self, let list = value as? [Any] { return list.map(oldView) }
        return value
    }
}

func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

@MainActor func measure(_ body: () -> Int) -> (seconds: Double, bytes: Int) {
    let start = threadCPUSeconds()
    let bytes = body()
    return (threadCPUSeconds() - start, bytes)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

guard let today = LocalDate(iso: options.now) else { fail("--now: a date AAAA-MM-JJ") }
var buildOptions = BuildOptions(contentDirectory: options.content, templatesDirectory: options.templates, today: today,
                                usesRecord: false, workers: 1)
buildOptions.freesMemoryWhenDone = false
var record = BuildRecord()
let (report, preview) = BuildPipeline(options: buildOptions).preview(record: &record)
guard let site = preview?.preparedSite else {
    fail("the site could not be prepared: \(report.diagnostics.filter { $0.severity == .error }.prefix(5))")
}

// swift-mustache, its templates compiled as openmap compiled them.
FastHTMLEscaping.registered
var oldTemplates: [String: MustacheTemplate] = [:]
let templatesRoot = URL(fileURLWithPath: options.templates)
for case let relative as String in FileManager.default.enumerator(atPath: options.templates) ?? NSEnumerator()
    where relative.hasSuffix(".mustache") {
    let written = try String(contentsOf: templatesRoot.appendingPathComponent(relative), encoding: .utf8)
    // openmap leaves out the spaces and tabs that start a template's lines (unless it holds
    // preformatted text): swift-mustache is given the templates without them.
    let text = TemplateLibrary.holdsPreformattedText(written) ? written
        : written.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.drop { $0 == " " || $0 == "\t" }) }.joined(separator: "\n")
    oldTemplates[String(relative.dropLast(".mustache".count))] = try MustacheTemplate(string: FastHTMLEscaping.pragma + "\n" + text)
}
let old = MustacheLibrary(templates: oldTemplates)
let new = site.templateLibrary

// The pages' views, then the fragments they hold (before any is rendered).
var pages: [(template: String, view: [String: Any], oldView: [String: Any])] = []
for index in site.paths.indices {
    guard let (template, view) = site.templateAndView(at: index) else { continue }
    pages.append((template, view, oldView(view) as? [String: Any] ?? [:]))
}
let fragments = PreparedSite.fragments(in: pages.map(\.view)).map { ($0.template, $0.view, oldView($0.view)) }
print("\(pages.count) pages, \(fragments.count) fragments (\(options.content), \(options.templates))")

@MainActor func renderFragments(old useOld: Bool) -> (bytes: Int, outputs: [[UInt8]]) {
    var total = 0
    var outputs: [[UInt8]] = []
    for (template, view, oldView) in fragments {
        if useOld {
            let text = old.render(oldView, withTemplate: template) ?? ""
            total += text.utf8.count
            outputs.append(Array(text.utf8))
        } else {
            var output = TemplateOutput()
            new.render(view, template: template, into: &output)
            total += output.bytes.count
            outputs.append(output.bytes)
        }
    }
    return (total, outputs)
}

/// Every page as `PreparedSite.contents(at:)` renders it (before and after), its bytes kept
/// only when `keeping` (for the comparison).
@MainActor func renderPages(old useOld: Bool, keeping: Bool) -> (bytes: Int, outputs: [[UInt8]]) {
    var total = 0
    var outputs: [[UInt8]] = []
    for (template, view, oldView) in pages {
        let bytes: [UInt8]
        if useOld {
            var view = oldView
            let body = old.render(view, withTemplate: template) ?? ""
            view["content"] = OldRenderedHTML(renderText: body)
            let html = old.render(view, withTemplate: "layout") ?? body
            bytes = Array(html.utf8)
        } else {
            var view = view
            var body = TemplateOutput(capacity: 32 * 1024)
            new.render(view, template: template, into: &body)
            view["content"] = RenderedBody(bytes: body.bytes)
            var html = TemplateOutput(capacity: body.bytes.count + 16 * 1024)
            new.render(view, template: "layout", into: &html)
            bytes = html.bytes
        }
        total += bytes.count
        if keeping { outputs.append(bytes) }
    }
    return (total, outputs)
}

struct RenderedBody: TemplateRenderable {
    let bytes: [UInt8]
    func write(to output: inout TemplateOutput) { output.append(contentsOf: bytes) }
}

func compare(_ what: String, _ a: [[UInt8]], _ b: [[UInt8]], names: [String]) -> Int {
    var differing = 0
    for index in a.indices where a[index] != b[index] {
        if differing == 0 {
            let prefix = zip(a[index], b[index]).prefix { $0 == $1 }.count
            let start = max(0, prefix - 80)
            print("  first difference in \(what) \(names[index]) at byte \(prefix):")
            print("    swift-mustache:   \(String(decoding: a[index][start..<min(a[index].count, prefix + 80)], as: UTF8.self).debugDescription)")
            print("    OpenMapTemplates: \(String(decoding: b[index][start..<min(b[index].count, prefix + 80)], as: UTF8.self).debugDescription)")
        }
        differing += 1
    }
    return differing
}

// 1. Fragments, from their views (nothing rendered yet).
let oldFragments = renderFragments(old: true)
let newFragments = renderFragments(old: false)
let fragmentDifferences = compare("fragment", oldFragments.outputs, newFragments.outputs, names: fragments.map(\.0))
print("fragments: \(fragments.count - fragmentDifferences) identical, \(fragmentDifferences) different")

// 2. Pages, their fragments rendered once first (as a build does).
_ = renderPages(old: false, keeping: false)
let oldPages = renderPages(old: true, keeping: true)
let newPages = renderPages(old: false, keeping: true)
let pageDifferences = compare("page", oldPages.outputs, newPages.outputs, names: pages.map(\.template))
print("pages: \(pages.count - pageDifferences) identical, \(pageDifferences) different (\(newPages.bytes / 1_000_000) MB)")

var times: [String: [Double]] = [:]
for _ in 0..<options.rounds {
    for useOld in [true, false] {
        let engine = useOld ? "swift-mustache" : "OpenMapTemplates"
        times["fragments " + engine, default: []].append(measure { renderFragments(old: useOld).bytes }.seconds)
        times["pages " + engine, default: []].append(measure { renderPages(old: useOld, keeping: false).bytes }.seconds)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

print("\nthread CPU seconds over \(options.rounds) rounds (best / median), swift-mustache : OpenMapTemplates")
print("| what | swift-mustache | OpenMapTemplates | ratio (best) | ratio (median) |")
print("|---|---:|---:|---:|---:|")
var bestOld = 0.0, bestNew = 0.0, medianOld = 0.0, medianNew = 0.0
for what in ["fragments", "pages"] {
    let oldTimes = times[what + " swift-mustache"] ?? [], newTimes = times[what + " OpenMapTemplates"] ?? []
    let (bo, bn, mo, mn) = (oldTimes.min() ?? 0, newTimes.min() ?? 0, median(oldTimes), median(newTimes))
    bestOld += bo; bestNew += bn; medianOld += mo; medianNew += mn
    print(String(format: "| %@ | %.3f / %.3f | %.3f / %.3f | %.2f | %.2f |", what, bo, mo, bn, mn, bo / bn, mo / mn))
}
print(String(format: "| all | %.3f / %.3f | %.3f / %.3f | %.2f | %.2f |", bestOld, medianOld, bestNew, medianNew,
             bestOld / bestNew, medianOld / medianNew))
if fragmentDifferences + pageDifferences > 0 { exit(1) }
