import Foundation
import OpenMapContent
import OpenMapTemplates

/// A piece of HTML that many pages show the same way (a need's card on every list that holds it,
/// the facet navigation of the catalogue): rendered through its template the first time a page
/// needs it, then reused as is. Templates insert it unescaped (`{{{card}}}`): it is the output of
/// a template, escaped already. Pages render on several threads, hence the lock.
final class Fragment: TemplateRenderable, @unchecked Sendable {
    let template: String
    private var view: View?
    /// Makes the view when it is first needed, when none was given.
    private var makeView: (@Sendable () -> View)?
    private let library: TemplateLibrary?
    private let lock = NSLock()
    private var html: String?

    init(template: String, view: View, library: TemplateLibrary?) {
        self.template = template
        self.view = view
        self.library = library
    }

    init(template: String, library: TemplateLibrary?, makeView: @escaping @Sendable () -> View) {
        self.template = template
        self.makeView = makeView
        self.library = library
    }

    /// The view, made now if it was deferred (call with the lock held).
    private func currentView() -> View {
        if let view { return view }
        let made = makeView?() ?? [:]
        view = made
        return made
    }

    /// Its view, made now if it was deferred; nil once rendered (bench/templates).
    func viewBeforeRendering() -> View? {
        lock.lock()
        defer { lock.unlock() }
        return html == nil && markerParts == nil ? currentView() : nil
    }

    var renderText: String {
        lock.lock()
        defer { lock.unlock() }
        return renderedHTML()
    }

    func write(to output: inout TemplateOutput) {
        output.append(renderText)
    }

    /// The HTML, rendered the first time (call with the lock held).
    private func renderedHTML() -> String {
        if let html { return html }
        if let markerParts, let partsMarker { return markerParts.joined(separator: partsMarker) }
        // The view is dropped once rendered (a large site holds tens of thousands of cards);
        // its fingerprint is kept, for the build cache.
        let view = currentView()
        if hash == nil { hash = Self.fingerprint(template: template, view: view) }
        let rendered = library?.render(view, template: template) ?? ""
        html = rendered
        self.view = nil
        makeView = nil
        return rendered
    }

    /// The rendered HTML cut at every `marker`, computed once and then kept instead of the HTML
    /// (see `RootedFragment`).
    func parts(around marker: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let markerParts, partsMarker == marker { return markerParts }
        let parts = Self.split(renderedHTML(), around: marker)
        markerParts = parts
        partsMarker = marker
        html = nil
        return parts
    }
    private var markerParts: [String]?
    private var partsMarker: String?

    /// `text` cut at every `marker`, as `components(separatedBy:)` cuts it, but over UTF-8
    /// bytes: Foundation's search compares Characters, which cost a build 3 % of its time for
    /// ten thousand cards.
    static func split(_ text: String, around marker: String) -> [String] {
        let needle = Array(marker.utf8)
        guard !needle.isEmpty else { return [text] }
        var text = text
        return text.withUTF8 { bytes in
            needle.withUnsafeBytes { needle in
                var parts: [String] = []
                var start = 0
                while let found = Bytes.find(needle, in: UnsafeRawBufferPointer(bytes), from: start) {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<found]), as: UTF8.self))
                    start = found + needle.count
                }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
                return parts
            }
        }
    }

    /// Its template and view as a stable hash (see `ViewFingerprint`), computed once. The
    /// fragment is rendered at the same time, and its view let go: a build fingerprints every
    /// list page before writing any, and the 10 000 cards' views it held until then were 30 MB
    /// of its peak (their HTML is a third of that, and is needed anyway).
    var fingerprint: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        if let hash { return hash }
        if html == nil && markerParts == nil { _ = renderedHTML() }
        if let hash { return hash }
        let result = Self.fingerprint(template: template, view: currentView())
        hash = result
        return result
    }
    private var hash: UInt64?

    private static func fingerprint(template: String, view: View) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(template)
        ViewFingerprint.combine(view, into: &hasher)
        return hasher.finalize()
    }
}

/// A fragment whose links are relative to the page that shows it: rendered once with a marker
/// where the page's root goes (« ../../ »), then written with each page's root. A need's card
/// is the same on every list but for its link, so a large catalogue keeps one card per need,
/// not one per folder depth.
final class RootedFragment: TemplateRenderable, Sendable {
    /// Stands for the root while rendering: no template or escaping changes a control character.
    static let rootMarker = "\u{1}root\u{1}"

    let base: Fragment
    let root: String

    init(base: Fragment, root: String) {
        self.base = base
        self.root = root
    }

    /// Writes its text, its pieces with the page's root between them (for a list of fragments,
    /// without a string each).
    func write(to output: inout TemplateOutput) {
        for (position, piece) in base.parts(around: Self.rootMarker).enumerated() {
            if position > 0 { output.append(root) }
            output.append(piece)
        }
    }

    /// Not kept: the base keeps its own, and this is two values hashed. (Kept, with a lock
    /// each, it cost 40 000 locks at 10 000 needs: a card at each depth of list.)
    var fingerprint: UInt64 {
        var hasher = StableHasher()
        hasher.combine(base.fingerprint)
        hasher.combine(root)
        return hasher.finalize()
    }
}

/// Fragments shown one after the other (a list of need cards), as one value for the template
/// (`{{{needs}}}`): their texts written one after the other into the page, instead of a section
/// over fifty cards on each page.
final class FragmentList: TemplateRenderable, @unchecked Sendable {
    let items: [RootedFragment]

    init(_ items: [RootedFragment]) {
        self.items = items
    }

    func write(to output: inout TemplateOutput) {
        for item in items { item.write(to: &output) }
    }

    var isNull: Bool { items.isEmpty }

    var fingerprint: UInt64 {
        var hasher = StableHasher()
        hasher.combine(UInt64(items.count))
        for item in items { hasher.combine(item.fingerprint) }
        return hasher.finalize()
    }
}

/// The fragments made so far, by what they show (`card|index|root`…), so that each is made and
/// rendered once; shared by the threads that build need pages while rendering.
final class FragmentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var fragments: [String: Fragment] = [:]

    private var rooted: [String: RootedFragment] = [:]

    /// The fragment for `key` at `root`, its base made by `make` the first time.
    func rootedFragment(_ key: String, root: String, make: () -> Fragment) -> RootedFragment {
        let base = fragment(key, make: make)
        lock.lock()
        defer { lock.unlock() }
        let rootedKey = key + "|" + root
        if let fragment = rooted[rootedKey] { return fragment }
        let fragment = RootedFragment(base: base, root: root)
        rooted[rootedKey] = fragment
        return fragment
    }

    /// What a need's fragment shows it as: its card on lists, its line among a need page's
    /// related needs.
    enum NeedFragment { case card, line }
    private struct NeedKey: Hashable {
        let need: Int
        let kind: NeedFragment
    }
    private var needs: [NeedKey: Fragment] = [:]

    /// The `kind` of fragment of the need at `need` for a page at `root`, its base made by
    /// `make` the first time: looked up by number, not by a key string made for each of the
    /// hundreds of thousands of cards a large catalogue shows. The rooted fragment itself is
    /// made for each use (two references): kept, the 50 000 of them (a card at each depth of
    /// list, a line) were 5 MB of the build's peak.
    func need(_ need: Int, _ kind: NeedFragment, root: String, make: () -> Fragment) -> RootedFragment {
        let key = NeedKey(need: need, kind: kind)
        lock.lock()
        let base: Fragment
        if let made = needs[key] {
            base = made
        } else {
            base = make()
            needs[key] = base
        }
        lock.unlock()
        return RootedFragment(base: base, root: root)
    }

    /// The fragment for `key`, made by `make` the first time.
    func fragment(_ key: String, make: () -> Fragment) -> Fragment {
        lock.lock()
        defer { lock.unlock() }
        if let fragment = fragments[key] { return fragment }
        let fragment = make()
        fragments[key] = fragment
        return fragment
    }
}
