import Diagnostics

// Accessibility as an RGAA auditor measures it: the criteria of RGAA 4.1, the audit grid the
// editors commit (`content/accessibilite.yaml`), the results of the automated checks run by
// `make test` (`content/accessibilite-tests.yaml`), the content the rules find non-compliant,
// and the compliance rate and status the accessibility statement and every page show.

/// The criteria of RGAA 4.1: 13 themes, 106 criteria, numbered « theme.criterion ».
public enum RGAA {
    public static let version = "4.1"

    /// Each theme's number, name and number of criteria.
    public static let themes: [(number: Int, name: String, criteria: Int)] = [
        (1, "Images", 9), (2, "Cadres", 2), (3, "Couleurs", 3), (4, "Multimédia", 13), (5, "Tableaux", 8),
        (6, "Liens", 2), (7, "Scripts", 5), (8, "Éléments obligatoires", 10), (9, "Structuration de l’information", 4),
        (10, "Présentation de l’information", 14), (11, "Formulaires", 13), (12, "Navigation", 11), (13, "Consultation", 12),
    ]

    /// « 1.1 » … « 13.12 », in the reference's order.
    public static let criteria: [String] = themes.flatMap { theme in (1...theme.criteria).map { "\(theme.number).\($0)" } }
    private static let known = Set(criteria)

    public static func isCriterion(_ number: String) -> Bool { known.contains(number) }

    /// The theme number of a criterion (« 4.13 » → 4).
    public static func theme(of criterion: String) -> Int? { criterion.split(separator: ".").first.flatMap { Int($0) } }

    /// The reference's page for a criterion.
    public static func url(of criterion: String) -> String {
        "https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/#\(criterion)"
    }

    /// The criteria openmap's own rules check, in their words.
    public static let transcriptCriterion = "4.1"
    public static let captionsCriterion = "4.3"
    public static let imageTextCriterion = "1.1"
}

/// A criterion's result in the audit grid.
public enum CriterionStatus: String, CaseIterable, Sendable, Codable {
    case conforme
    case nonConforme = "non-conforme"
    case nonApplicable = "non-applicable"
}

/// One criterion as tested by hand.
public struct CriterionResult: Sendable, Hashable, Codable {
    public var status: CriterionStatus
    /// When it was tested (the audit's date when the grid gives none).
    public var date: LocalDate?
    /// What fails, and where: the statement lists it.
    public var note: String?

    public init(status: CriterionStatus, date: LocalDate? = nil, note: String? = nil) {
        self.status = status; self.date = date; self.note = note
    }
}

/// A page of the audit's sample.
public struct AuditedPage: Sendable, Hashable, Codable {
    public var title: String
    /// A site path (`/feuilles-de-route/2015/plaine-commune/`).
    public var path: String
    public init(title: String, path: String) { self.title = title; self.path = path }
}

/// Content left out of the duty on the ground of disproportionate burden, and why.
public struct Derogation: Sendable, Hashable, Codable {
    public var content: String
    public var reason: String
    public init(content: String, reason: String) { self.content = content; self.reason = reason }
}

/// `content/accessibilite.yaml`: the audit grid, each RGAA criterion tested by hand, and what the
/// statement says beside the results.
public struct AccessibilityAudit: Sendable, Hashable, Codable {
    public var date: LocalDate?
    /// Who audited (« GIP Maximilien, mission accessibilité »).
    public var auditor: String
    public var pages: [AuditedPage]
    /// Browsers and assistive technologies the audit used.
    public var environment: [String]
    public var tools: [String]
    /// The multi-year accessibility plan and this year's action plan, when published (URLs).
    public var plan: String?
    public var actions: String?
    public var derogations: [Derogation]
    /// Content not subject to the duty (« contenus non soumis »).
    public var exemptions: [String]
    /// By criterion number (« 4.1 »).
    public var criteria: [String: CriterionResult]
    public var location: SourceLocation

    public init(date: LocalDate? = nil, auditor: String = "", pages: [AuditedPage] = [], environment: [String] = [],
                tools: [String] = [], plan: String? = nil, actions: String? = nil, derogations: [Derogation] = [],
                exemptions: [String] = [], criteria: [String: CriterionResult] = [:],
                location: SourceLocation = SourceLocation(file: "content/accessibilite.yaml")) {
        self.date = date; self.auditor = auditor; self.pages = pages; self.environment = environment; self.tools = tools
        self.plan = plan; self.actions = actions; self.derogations = derogations; self.exemptions = exemptions
        self.criteria = criteria; self.location = location
    }

    /// The grid's file, relative to the content folder.
    public static let file = "accessibilite.yaml"
}

/// One automated check of `make test` and its outcome on the sample site.
public struct AutomatedCheck: Sendable, Hashable, Codable {
    public var id: String
    /// What it checks, in French (« Aucune page ne défile horizontalement à 320 px »).
    public var label: String
    /// The RGAA criteria it checks (a failure makes them non-compliant).
    public var criteria: [String]
    /// Pages (or page and width pairs) checked.
    public var pages: Int
    public var failures: Int

    public init(id: String, label: String, criteria: [String], pages: Int, failures: Int) {
        self.id = id; self.label = label; self.criteria = criteria; self.pages = pages; self.failures = failures
    }
}

/// `content/accessibilite-tests.yaml`: written by `make test` (tests/browser), not by hand.
public struct AutomatedChecks: Sendable, Hashable, Codable {
    /// When the results last changed.
    public var date: LocalDate?
    public var tools: [String]
    public var checks: [AutomatedCheck]

    public init(date: LocalDate? = nil, tools: [String] = [], checks: [AutomatedCheck] = []) {
        self.date = date; self.tools = tools; self.checks = checks
    }

    /// The results' file, relative to the content folder.
    public static let file = "accessibilite-tests.yaml"
}

// MARK: - What the rules find

/// A pitch or testimonial video that lacks what RGAA asks of a prerecorded video.
public struct VideoFinding: Sendable, Hashable {
    public enum Problem: Sendable, Hashable {
        /// No transcript (criterion 4.1).
        case noTranscript
        /// No captions (criterion 4.3).
        case noCaptions
    }

    public enum Owner: Sendable, Hashable {
        case pitch(slug: String, title: String)
        case testimonial(slug: String, person: String)
    }

    public var problem: Problem
    public var owner: Owner
    /// The entity's file, where the warning points (at its `video:`).
    public var location: SourceLocation

    public var criterion: String {
        switch problem {
        case .noTranscript: RGAA.transcriptCriterion
        case .noCaptions: RGAA.captionsCriterion
        }
    }
}

public enum AccessibilityRules {
    /// Every pitch and testimonial video without a transcript or without captions, in file order;
    /// drafts aside (what they lack is said when they are published).
    public static func videoFindings(in content: SiteContent) -> [VideoFinding] {
        var findings: [VideoFinding] = []
        func check(_ video: Video, transcript: MarkdownText?, owner: VideoFinding.Owner, at location: SourceLocation) {
            if transcript?.isEmpty ?? true { findings.append(VideoFinding(problem: .noTranscript, owner: owner, location: location)) }
            if video.captions == nil { findings.append(VideoFinding(problem: .noCaptions, owner: owner, location: location)) }
        }
        for pitch in content.pitches where !pitch.draft {
            check(pitch.video, transcript: pitch.transcript, owner: .pitch(slug: pitch.slug, title: pitch.title), at: pitch.location)
        }
        for testimonial in content.testimonials where !testimonial.draft {
            guard let video = testimonial.video else { continue }
            check(video, transcript: testimonial.transcript, owner: .testimonial(slug: testimonial.slug, person: testimonial.person),
                  at: testimonial.location)
        }
        return findings
    }

    /// Words that point at a place in the page, and where each is in a text (line and column, 1-based, in
    /// the text). ASCII case and the no-break spaces French typography puts in are ignored. The words
    /// are ASCII: the search runs on the text's bytes, as it runs on every roadmap at every build.
    public static func positionalWords(in text: String, words: [String]) -> [(word: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        var text = text
        text.withUTF8 { bytes in
            var inFence = false
            var lineStart = 0
            var lineNumber = 1
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var first = lineStart
                while first < lineEnd, bytes[first] == 0x20 { first += 1 }
                if startsFence(bytes, at: first, end: lineEnd) { inFence.toggle() }
                if !inFence {
                    for word in words {
                        for match in matches(of: word, in: bytes, from: lineStart, to: lineEnd) {
                            let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<match.lowerBound]), as: UTF8.self)
                            let suffix = String(decoding: UnsafeBufferPointer(rebasing: bytes[match.upperBound..<lineEnd]), as: UTF8.self)
                            guard !(prefix.last?.isLetter ?? false), !(suffix.first?.isLetter ?? false) else { continue }
                            found.append((word, lineNumber, prefix.count + 1))
                        }
                    }
                }
                lineStart = lineEnd + 1
                lineNumber += 1
            }
        }
        return found.sorted { ($0.1, $0.2) < ($1.1, $1.2) }
    }

    private static func startsFence(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        guard index + 3 <= end else { return false }
        let first = bytes[index]
        return (first == UInt8(ascii: "`") || first == UInt8(ascii: "~")) && bytes[index + 1] == first && bytes[index + 2] == first
    }

    /// Where an ASCII word is in bytes[from..<to], ASCII case ignored, a space in it matching a
    /// no-break space (C2 A0) too.
    private static func matches(of word: String, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> [Range<Int>] {
        let pattern = Array(word.utf8).map(lowercased)
        guard let head = pattern.first else { return [] }
        var ranges: [Range<Int>] = []
        var start = from
        while start < to {
            if lowercased(bytes[start]) == head, let end = match(pattern, in: bytes, at: start, to: to) {
                ranges.append(start..<end)
                start = end
            } else {
                start += 1
            }
        }
        return ranges
    }

    private static func match(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int, to: Int) -> Int? {
        var index = start
        for expected in pattern {
            guard index < to else { return nil }
            if expected == 0x20, bytes[index] == 0xC2, index + 1 < to, bytes[index + 1] == 0xA0 {
                index += 2
            } else if lowercased(bytes[index]) == expected {
                index += 1
            } else {
                return nil
            }
        }
        return index
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// What a roadmap's body may not say: before it, its page shows only the roadmap's header.
    public static let wordsPointingAboveRoadmapBodies = ["ci-dessus", "plus haut"]
}

// MARK: - Compliance

/// The compliance of the site as RGAA defines it: a criterion is compliant, non-compliant or not
/// applicable; the rate is compliant ÷ applicable criteria; the status is « totale » at 100 %,
/// « partielle » from 50 %, « non-conforme » below (or without an audit).
public struct Compliance: Sendable, Hashable {
    /// Each criterion's outcome, in the reference's order.
    public var outcomes: [(criterion: String, outcome: Outcome)]

    public enum Outcome: Sendable, Hashable {
        case conforme
        case nonApplicable
        /// Non-compliant: as the grid says, or because an automated check or a rule found it so.
        case nonConforme
        /// Not in the grid: counted as non-compliant.
        case untested
    }

    public static func == (lhs: Compliance, rhs: Compliance) -> Bool {
        lhs.outcomes.elementsEqual(rhs.outcomes) { $0.criterion == $1.criterion && $0.outcome == $1.outcome }
    }

    public func hash(into hasher: inout Hasher) {
        for (criterion, outcome) in outcomes { hasher.combine(criterion); hasher.combine(outcome) }
    }

    /// From the grid, the automated checks (a failed one makes its criteria non-compliant) and
    /// the criteria the content rules found failed.
    public init(audit: AccessibilityAudit, automated: AutomatedChecks?, failedByContent: Set<String>) {
        var failedByChecks = Set<String>()
        for check in automated?.checks ?? [] where check.failures > 0 { failedByChecks.formUnion(check.criteria) }
        outcomes = RGAA.criteria.map { criterion in
            if failedByChecks.contains(criterion) || failedByContent.contains(criterion) { return (criterion, .nonConforme) }
            switch audit.criteria[criterion]?.status {
            case .conforme: return (criterion, .conforme)
            case .nonApplicable: return (criterion, .nonApplicable)
            case .nonConforme: return (criterion, .nonConforme)
            case nil: return (criterion, .untested)
            }
        }
    }

    public var conforming: Int { outcomes.filter { $0.outcome == .conforme }.count }
    public var notApplicable: Int { outcomes.filter { $0.outcome == .nonApplicable }.count }
    public var applicable: Int { outcomes.count - notApplicable }
    public var failing: Int { applicable - conforming }

    /// Compliant ÷ applicable criteria, in per ten thousand (7 500 for 75 %), rounded down: the
    /// statement never claims more than was found.
    public var rateBasisPoints: Int { applicable == 0 ? 0 : conforming * 10_000 / applicable }

    public var status: AccessibilityStatus {
        if applicable > 0, conforming == applicable { return .totale }
        return rateBasisPoints >= 5_000 ? .partielle : .nonConforme
    }
}
