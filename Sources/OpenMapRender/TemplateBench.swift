import OpenMapTemplates

// What bench/templates reads to render the site's pages through swift-mustache and through
// OpenMapTemplates with the same views, side by side: not used by the build.

@_spi(Bench) extension PreparedSite {
    /// The compiled templates the pages are rendered with.
    public var templateLibrary: TemplateLibrary { library }

    /// The page at `index`, as the build renders it: its template and its view with the layout's
    /// values (a deferred view made now); nil for other files.
    public func templateAndView(at index: Int) -> (template: String, view: [String: Any])? {
        guard let page = page(at: index) else { return nil }
        return (page.template, page.view)
    }

    /// The fragments (need cards, navigation, facets…) inside `value` and inside their own
    /// views, each once, with its template and its view, made now if it was deferred; only those
    /// not rendered yet have a view.
    public static func fragments(in value: Any) -> [(template: String, view: [String: Any])] {
        var seen: Set<ObjectIdentifier> = []
        var found: [(template: String, view: [String: Any])] = []
        func visit(_ value: Any) {
            switch value {
            case let view as [String: Any]: for element in view.values { visit(element) }
            case let views as [[String: Any]]: for view in views { visit(view) }
            case let list as [Any]: for element in list { visit(element) }
            case let list as FragmentList: for item in list.items { visit(item) }
            case let rooted as RootedFragment: visit(rooted.base)
            case let fragment as Fragment:
                guard seen.insert(ObjectIdentifier(fragment)).inserted, let view = fragment.viewBeforeRendering() else { return }
                found.append((fragment.template, view))
                visit(view)
            default: break
            }
        }
        visit(value)
        return found
    }
}
