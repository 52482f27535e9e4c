import Diagnostics

/// Cross-file rules: references between entities, CPV codes against cpv.yaml, assets,
/// uniqueness across files, requests against the Matinale's tables.
public enum ContentValidator {
    /// Cross-file rules: references, duplicates across files, CSV rows vs Matinale tables, etc.
    public static func validate(_ content: SiteContent) -> [Diagnostic] {
        var checker = Checker(content: content)
        checker.run()
        return DiagnosticBag(checker.diagnostics + OverridesCheck.diagnostics(content)).sorted
    }

    /// Top-level URL segments the site uses itself; a page cannot take them.
    static let reservedSlugs = ["feuilles-de-route", "besoins", "acheteurs", "prestataires", "matinales", "pitchs",
                                "temoignages", "flux", "donnees", "assets", "404"]
}

private struct Checker {
    let content: SiteContent
    var diagnostics: [Diagnostic] = []
    let buyers: [String]
    let suppliers: [String]
    let themes: [String]
    let matinales: [String]
    let assets: Set<String>
    let cpvByDigits: [String: CPVEntry]

    init(content: SiteContent) {
        self.content = content
        buyers = content.buyers.map(\.slug)
        suppliers = content.suppliers.map(\.slug)
        themes = content.themes.map(\.slug)
        matinales = content.matinales.map(\.slug)
        assets = Set(content.assets)
        cpvByDigits = Dictionary(content.cpv.map { ($0.digits, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var folder: String {
        let directory = content.sourceMap.contentDirectory
        return directory.isEmpty || directory.hasSuffix("/") ? directory : directory + "/"
    }

    /// The recorded span of a value, or the entity's own location.
    func span(_ fallback: SourceLocation, _ path: String) -> SourceSpan {
        content.sourceMap[fallback.file, path] ?? SourceSpan(fallback)
    }

    mutating func error(_ code: String, _ message: String, _ span: SourceSpan, hint: String? = nil) {
        diagnostics.append(.error(code, message, at: span.location, length: span.length, hint: hint))
    }

    mutating func warning(_ code: String, _ message: String, _ span: SourceSpan, hint: String? = nil) {
        diagnostics.append(.warning(code, message, at: span.location, length: span.length, hint: hint))
    }

    /// Reports `slug` unless it is in `known`, suggesting the closest known slug.
    mutating func reference(_ slug: String, in known: [String], kind: String, listedIn: String, at span: SourceSpan) {
        guard !slug.isEmpty, !known.contains(slug) else { return }
        var hint = listedIn
        if let close = Formats.suggestion(for: slug, among: known) { hint = "did you mean « \(close) » ? " + listedIn }
        error("unknown-\(kind)", "unknown \(kind) « \(slug) »", span, hint: hint)
    }

    mutating func theme(_ slug: String, _ span: SourceSpan) {
        // A broken themes.yaml is reported once, not at every reference.
        guard !content.incompleteFiles.contains(folder + "themes.yaml") else { return }
        reference(slug, in: themes, kind: "theme", listedIn: "Themes are listed in \(folder)themes.yaml", at: span)
    }

    mutating func buyer(_ slug: String, _ span: SourceSpan) {
        reference(slug, in: buyers, kind: "buyer", listedIn: "Buyers are the files of \(folder)buyers/", at: span)
    }

    mutating func supplier(_ slug: String, _ span: SourceSpan) {
        reference(slug, in: suppliers, kind: "supplier", listedIn: "Suppliers are the files of \(folder)suppliers/", at: span)
    }

    mutating func matinale(_ slug: String, _ span: SourceSpan) {
        reference(slug, in: matinales, kind: "matinale", listedIn: "Matinales are the folders of \(folder)matinales/", at: span)
    }

    /// A path under `assets/` that exists, with an expected extension when given.
    mutating func asset(_ path: String, _ span: SourceSpan, extensions: [String]? = nil) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard path.hasPrefix("assets/"), !components.contains(".."), !components.contains("."), !components.contains("") else {
            error("invalid-asset-path", "« \(path) » is not a path under assets/", span,
                  hint: "write the path from the content folder: « assets/logos/plaine-commune.svg »")
            return
        }
        if let extensions, !extensions.contains(where: { path.lowercased().hasSuffix("." + $0) }) {
            error("invalid-asset-path", "« \(path) » should be a \(extensions.map { "." + $0 }.joined(separator: " or ")) file", span)
        }
        guard assets.contains(path) else {
            let hint = Formats.suggestion(for: path, among: content.assets).map { "did you mean « \($0) » ?" }
            error("missing-asset", "the file « \(path) » does not exist", span, hint: hint)
            return
        }
    }

    mutating func video(_ video: Video, _ location: SourceLocation) {
        if let captions = video.captions { asset(captions, span(location, "video.captions"), extensions: ["vtt"]) }
        if let poster = video.poster {
            asset(poster, span(location, "video.poster"), extensions: ["jpg", "jpeg", "png", "webp", "avif", "gif", "svg"])
        }
    }

    mutating func run() {
        for buyer in content.buyers {
            if let logo = buyer.logo { asset(logo, span(buyer.location, "logo")) }
        }
        for supplier in content.suppliers {
            for (index, slug) in supplier.themes.enumerated() { theme(slug, span(supplier.location, "themes.\(index)")) }
        }
        for roadmap in content.roadmaps {
            buyer(roadmap.buyer, SourceSpan(roadmap.location))
            for (index, need) in roadmap.needs.enumerated() {
                theme(need.theme, span(need.location, "needs.\(index).theme"))
                for (cpvIndex, code) in need.cpv.enumerated() {
                    cpv(code, span(need.location, "needs.\(index).cpv.\(cpvIndex)"))
                }
            }
        }
        var numberOwners: [Int: Matinale] = [:]
        for matinale in content.matinales {
            if matinale.number > 0 {
                if let first = numberOwners[matinale.number] {
                    error("duplicate-number", "the number \(matinale.number) is already used by the Matinale « \(first.slug) »",
                          span(matinale.location, "number"), hint: "each Matinale has its own number")
                } else {
                    numberOwners[matinale.number] = matinale
                }
            }
            for (index, table) in matinale.tables.enumerated() { buyer(table.buyer, span(matinale.location, "tables.\(index).buyer")) }
            for (index, speaker) in (matinale.roundTable?.speakers ?? []).enumerated() {
                if let slug = speaker.buyer { buyer(slug, span(matinale.location, "round_table.speakers.\(index).buyer")) }
            }
            let tableBuyers = Set(matinale.tables.map(\.buyer))
            for request in matinale.requests {
                let file = request.location
                supplier(request.supplier, span(file, "row\(file.line).supplier"))
                let buyerSpan = span(file, "row\(file.line).buyer")
                if !buyers.contains(request.buyer) {
                    buyer(request.buyer, buyerSpan)
                } else if !tableBuyers.contains(request.buyer) {
                    error("buyer-without-table", "the buyer « \(request.buyer) » has no table at this Matinale", buyerSpan,
                          hint: "add it to « tables » in \(matinale.location.file)")
                }
            }
            for window in matinale.availability {
                let participant = window.participant
                guard !buyers.contains(participant), !suppliers.contains(participant) else { continue }
                var hint = "a participant is a supplier or a buyer slug"
                if let close = Formats.suggestion(for: participant, among: suppliers + buyers) { hint = "did you mean « \(close) » ? " + hint }
                error("unknown-participant", "unknown participant « \(participant) »",
                      span(window.location, "row\(window.location.line).participant"), hint: hint)
            }
        }
        for pitch in content.pitches {
            supplier(pitch.supplier, span(pitch.location, "supplier"))
            if let slug = pitch.matinale { matinale(slug, span(pitch.location, "matinale")) }
            for (index, slug) in pitch.themes.enumerated() { theme(slug, span(pitch.location, "themes.\(index)")) }
            video(pitch.video, pitch.location)
        }
        for testimonial in content.testimonials {
            if let slug = testimonial.buyer { buyer(slug, span(testimonial.location, "buyer")) }
            if let slug = testimonial.matinale { matinale(slug, span(testimonial.location, "matinale")) }
            if let video = testimonial.video { self.video(video, testimonial.location) }
        }
        for page in content.pages where ContentValidator.reservedSlugs.contains(page.slug) {
            error("reserved-slug", "the page « \(page.slug) » would take the address of a site section", SourceSpan(page.location),
                  hint: "rename the file")
        }
    }

    mutating func cpv(_ code: String, _ span: SourceSpan) {
        guard let parsed = Formats.cpv(code) else { return }
        guard let entry = cpvByDigits[parsed.digits] else {
            guard !content.incompleteFiles.contains(folder + "cpv.yaml") else { return }
            warning("unknown-cpv", "the CPV code « \(code) » is not in \(folder)cpv.yaml", span,
                    hint: "add it to \(folder)cpv.yaml with its label, or check it")
            return
        }
        if let given = parsed.checkDigit, let expected = entry.checkDigit, given != expected {
            error("cpv-check-digit", "the check digit of « \(code) » should be \(expected) (« \(entry.code) »)", span)
        }
    }
}
