/// Drafts and scheduled publication: which items the published site leaves out.
///
/// An item is held back when it says `draft: true`, or when its publication date is after
/// « today »: a roadmap's `published`, a testimonial's `date`. A Matinale in the future is an
/// announcement, not a scheduled publication, so its date never holds it back. Held-back items
/// are still loaded and validated; only publication skips them.
public enum Publication {
    public enum Reason: Sendable, Hashable {
        case draft
        /// Published on that date, after today.
        case scheduled(LocalDate)
    }

    /// One item left out of the published site.
    public struct HeldItem: Sendable, Hashable {
        /// Relative to the content folder: `roadmaps/2015/plaine-commune.md`.
        public var contentFile: String
        /// The page it would be published at, relative to the site root, when it has its own page.
        public var sitePath: String?
        public var reason: Reason
    }

    /// The content as published on `today` (nil: no date, only drafts are held back), and what
    /// was held back. With `includeDrafts` (the preview), nothing is left out: every item is
    /// published and the held items are still listed, so that the preview can mark them.
    public static func apply(to content: SiteContent, today: LocalDate?, includeDrafts: Bool)
        -> (content: SiteContent, held: [HeldItem])
    {
        var held: [HeldItem] = []
        func reason(draft: Bool, date: LocalDate?) -> Reason? {
            if draft { return .draft }
            if let today, let date, date > today { return .scheduled(date) }
            return nil
        }
        var published = content

        published.roadmaps = content.roadmaps.filter { roadmap in
            guard let why = reason(draft: roadmap.draft, date: roadmap.published) else { return true }
            held.append(HeldItem(contentFile: "roadmaps/\(roadmap.year)/\(roadmap.buyer).md",
                                 sitePath: "feuilles-de-route/\(roadmap.year)/\(roadmap.buyer)/", reason: why))
            return includeDrafts
        }
        published.pitches = content.pitches.filter { pitch in
            guard let why = reason(draft: pitch.draft, date: nil) else { return true }
            held.append(HeldItem(contentFile: "pitches/\(pitch.slug).md", sitePath: "pitchs/\(pitch.slug)/", reason: why))
            return includeDrafts
        }
        published.testimonials = content.testimonials.filter { testimonial in
            guard let why = reason(draft: testimonial.draft, date: testimonial.date) else { return true }
            held.append(HeldItem(contentFile: "testimonials/\(testimonial.slug).md", sitePath: nil, reason: why))
            return includeDrafts
        }
        // The renderer knows drafts of Matinales and pages (it checks their links without
        // publishing them): keep them, flagged, unless the preview shows them.
        published.matinales = content.matinales.map { matinale in
            var copy = matinale
            if matinale.draft {
                held.append(HeldItem(contentFile: "matinales/\(matinale.slug)/index.md",
                                     sitePath: "matinales/\(matinale.slug)/", reason: .draft))
                if includeDrafts { copy.draft = false }
            }
            return copy
        }
        published.pages = content.pages.map { page in
            var copy = page
            if page.draft {
                held.append(HeldItem(contentFile: "pages/\(page.slug).md", sitePath: "\(page.slug)/", reason: .draft))
                if includeDrafts { copy.draft = false }
            }
            return copy
        }
        return (published, held)
    }
}

extension LocalDate {
    /// A calendar date written `YYYY-MM-DD`, as in content files; nil otherwise.
    public init?(iso text: String) {
        guard case .valid(let date) = Formats.date(text) else { return nil }
        self = date
    }
}
