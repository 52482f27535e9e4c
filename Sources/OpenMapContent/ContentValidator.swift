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
                                "temoignages", "flux", "donnees", "assets", "404", "plan-du-site", "recherche", "static"]

    /// Segments under /prestataires/ that the directory's pages use (its facets, its pages 2, 3…):
    /// a supplier's page cannot be there.
    public static let reservedSupplierSlugs = ["theme", "departement", "taille", "cpv", "matinale", "pitch", "page"]

    /// The kinds of file a video's captions and poster may be (the schemas say the same).
    static let captionsExtensions = ["vtt"]
    static let posterExtensions = ["jpg", "jpeg", "png", "webp", "avif", "gif", "svg"]
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
    let knownDivisions: Set<String>

    init(content: SiteContent) {
        self.content = content
        buyers = content.buyers.map(\.slug)
        suppliers = content.suppliers.map(\.slug)
        themes = content.themes.map(\.slug)
        matinales = content.matinales.map(\.slug)
        assets = Set(content.assets)
        cpvByDigits = Dictionary(content.cpv.map { ($0.digits, $0) }, uniquingKeysWith: { first, _ in first })
        knownDivisions = Set(content.cpv.map(\.division))
    }

    var folder: String {
        let directory = content.sourceMap.contentDirectory
        return directory.isEmpty || directory.hasSuffix("/") ? directory : directory + "/"
    }

    /// The recorded span of a value, or the entity's own location: looked up when a problem is
    /// reported there (`SourceSpan.valuePath`).
    func span(_ fallback: SourceLocation, _ path: String) -> SourceSpan {
        SourceSpan(fallback, valuePath: path)
    }

    mutating func error(_ message: Message, _ span: SourceSpan) {
        let span = span.resolved(in: content.sourceMap)
        diagnostics.append(.error(message, at: span.location, length: span.length))
    }

    mutating func warning(_ message: Message, _ span: SourceSpan) {
        let span = span.resolved(in: content.sourceMap)
        diagnostics.append(.warning(message, at: span.location, length: span.length))
    }

    /// Reports `slug` unless it is in `known`, suggesting the closest known slug (« Open data »
    /// → « opendata » too).
    mutating func reference(_ slug: String, in known: [String], kind: String, at span: SourceSpan) {
        guard !slug.isEmpty, !known.contains(slug) else { return }
        error(.unknownReference(kind: kind, slug, suggestion: Formats.referenceSuggestion(for: slug, among: known), listedIn: folder), span)
    }

    mutating func theme(_ slug: String, _ span: SourceSpan) {
        // A broken themes.yaml is reported once, not at every reference.
        guard !content.incompleteFiles.contains(folder + "themes.yaml") else { return }
        reference(slug, in: themes, kind: "theme", at: span)
    }

    mutating func buyer(_ slug: String, _ span: SourceSpan) {
        reference(slug, in: buyers, kind: "buyer", at: span)
    }

    mutating func supplier(_ slug: String, _ span: SourceSpan) {
        reference(slug, in: suppliers, kind: "supplier", at: span)
    }

    mutating func matinale(_ slug: String, _ span: SourceSpan) {
        reference(slug, in: matinales, kind: "matinale", at: span)
    }

    /// A path under `assets/` that exists, with an expected extension when given.
    mutating func asset(_ path: String, _ span: SourceSpan, extensions: [String]? = nil) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard path.hasPrefix("assets/"), !components.contains(".."), !components.contains("."), !components.contains("") else {
            error(.assetOutsideAssets(path), span)
            return
        }
        if let extensions, !extensions.contains(where: { path.lowercased().hasSuffix("." + $0) }) {
            error(.assetWrongType(path, extensions: extensions), span)
        }
        guard assets.contains(path) else {
            error(.missingAsset(path, suggestion: Formats.suggestion(for: path, among: content.assets)), span)
            return
        }
    }

    mutating func video(_ video: Video, _ location: SourceLocation) {
        // A file « on this site » must be one the site publishes: an asset.
        if video.provider == .file, let url = video.url {
            let base = content.site.baseURL.lowercased() + "/"
            if url.lowercased().hasPrefix(base) {
                let path = String(url.dropFirst(base.count)).split(separator: "?").first.map(String.init) ?? ""
                if !assets.contains(path.removingPercentEncoding ?? path) {
                    error(.videoFileNotOnSite(url, assetsFolder: "\(folder)assets/"), span(location, "video.url"))
                }
            }
        }
        if let captions = video.captions {
            asset(captions, span(location, "video.captions"), extensions: ContentValidator.captionsExtensions)
        }
        if let poster = video.poster { asset(poster, span(location, "video.poster"), extensions: ContentValidator.posterExtensions) }
    }

    mutating func run() {
        for buyer in content.buyers {
            if let logo = buyer.logo { asset(logo, span(buyer.location, "logo")) }
        }
        for supplier in content.suppliers {
            if ContentValidator.reservedSupplierSlugs.contains(supplier.slug) {
                error(.reservedSupplierSlug(supplier.slug), SourceSpan(supplier.location))
            }
            for (index, slug) in supplier.themes.enumerated() { theme(slug, span(supplier.location, "themes.\(index)")) }
            for (index, code) in supplier.cpv.enumerated() {
                if Formats.isCPVDivision(code) {
                    division(code, span(supplier.location, "cpv.\(index)"))
                } else {
                    cpv(code, span(supplier.location, "cpv.\(index)"))
                }
            }
            for (index, reference) in supplier.references.enumerated() {
                if let slug = reference.buyer { buyer(slug, span(supplier.location, "references.\(index).buyer")) }
            }
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
                    error(.duplicateMatinaleNumber(matinale.number, other: first.slug), span(matinale.location, "number"))
                } else {
                    numberOwners[matinale.number] = matinale
                }
            }
            for (index, table) in matinale.tables.enumerated() { buyer(table.buyer, span(matinale.location, "tables.\(index).buyer")) }
            for (index, speaker) in (matinale.roundTable?.speakers ?? []).enumerated() {
                if let slug = speaker.buyer { buyer(slug, span(matinale.location, "round_table.speakers.\(index).buyer")) }
            }
            let tableBuyers = Set(matinale.tables.map(\.buyer))
            // Tables of an index.md that could not be read are unknown (already reported).
            let tablesKnown = !content.incompleteFiles.contains(matinale.location.file)
            for request in matinale.requests {
                let file = request.location
                supplier(request.supplier, span(file, "row\(file.line).supplier"))
                let buyerSpan = span(file, "row\(file.line).buyer")
                if !buyers.contains(request.buyer) {
                    buyer(request.buyer, buyerSpan)
                } else if tablesKnown, !tableBuyers.contains(request.buyer) {
                    error(.buyerWithoutTable(request.buyer, matinaleFile: matinale.location.file), buyerSpan)
                }
            }
            for window in matinale.availability {
                let participant = window.participant
                guard !buyers.contains(participant), !suppliers.contains(participant) else { continue }
                error(.unknownParticipant(participant, suggestion: Formats.suggestion(for: participant, among: suppliers + buyers)),
                      span(window.location, "row\(window.location.line).participant"))
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
            error(.reservedSlug(page.slug), SourceSpan(page.location))
        }
        accessibility()
    }

    /// What accessibility asks of the content: videos with a transcript and captions, texts that
    /// do not point at a place in the page they cannot see; the statement's own page.
    mutating func accessibility() {
        if content.audit != nil, let page = content.pages.first(where: { $0.slug == "accessibilite" }) {
            error(.statementPageConflict(folder + AccessibilityAudit.file), SourceSpan(page.location))
        }
        for finding in AccessibilityRules.videoFindings(in: content) {
            let owner: LocalizedText
            let slug: String
            switch finding.owner {
            case .pitch(let pitch, _): (owner, slug) = (Phrase.thisPitch, pitch)
            case .testimonial(let testimonial, _): (owner, slug) = (Phrase.thisTestimonial, testimonial)
            }
            switch finding.problem {
            case .noTranscript: warning(.videoWithoutTranscript(owner), span(finding.location, "video"))
            case .noCaptions: warning(.videoWithoutCaptions(owner, suggested: "assets/captions/\(slug).vtt"), span(finding.location, "video"))
            }
        }
        for roadmap in content.roadmaps {
            let body = roadmap.body
            for found in AccessibilityRules.positionalWords(in: body.source, words: AccessibilityRules.wordsPointingAboveRoadmapBodies) {
                guard body.location.line > 0 else { break }
                let location = SourceLocation(file: body.location.file, line: body.location.line + found.line - 1,
                                              column: found.line == 1 ? found.column + max(body.location.column, 1) - 1 : found.column)
                warning(.positionalReference(found.word, neighbours: Phrase.aboveRoadmapBody),
                        SourceSpan(location, length: found.word.count))
            }
        }
    }

    /// A division some code of cpv.yaml is in (the site has labels for those only).
    mutating func division(_ division: String, _ span: SourceSpan) {
        guard !content.incompleteFiles.contains(folder + "cpv.yaml"), !knownDivisions.contains(division) else { return }
        warning(.unknownCPVDivision(division, cpvFile: "\(folder)cpv.yaml"), span)
    }

    mutating func cpv(_ code: String, _ span: SourceSpan) {
        guard let parsed = Formats.cpv(code) else { return }
        guard let entry = cpvByDigits[parsed.digits] else {
            guard !content.incompleteFiles.contains(folder + "cpv.yaml") else { return }
            warning(.unknownCPV(code, cpvFile: "\(folder)cpv.yaml"), span)
            return
        }
        if let given = parsed.checkDigit, let expected = entry.checkDigit, given != expected {
            error(.cpvCheckDigit(code, expected: expected, listed: entry.code), span)
        }
    }
}
