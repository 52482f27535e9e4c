import Diagnostics

// The content model: what the loader produces from `content/` and every later phase reads.
// Plain values only. Field rules are in ../shared/brief/content-model.md; this file is the
// shared vocabulary between loading/validation (producers) and rendering (consumer).

// MARK: - Calendar values

/// A calendar date (`YYYY-MM-DD`), no time zone: the content's dates are Paris dates.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }
    public static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
    /// ISO form, `2015-04-17`.
    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}

/// A month (`YYYY-MM`).
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public init(year: Int, month: Int) { self.year = year; self.month = month }
    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
    /// Months since year 0: differences give durations.
    public var ordinal: Int { year * 12 + (month - 1) }
    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
}

/// A quarter (`YYYY-T1` … `YYYY-T4`, « trimestre »).
public struct Quarter: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var quarter: Int
    public init(year: Int, quarter: Int) { self.year = year; self.quarter = quarter }
    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.quarter) < (b.year, b.quarter) }
    public var firstMonth: YearMonth { YearMonth(year: year, month: (quarter - 1) * 3 + 1) }
    public var lastMonth: YearMonth { YearMonth(year: year, month: quarter * 3) }
    public var description: String { "\(year)-T\(quarter)" }
}

/// When a call for tenders is expected: a month or a quarter.
public enum Launch: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    case month(YearMonth)
    case quarter(Quarter)

    public var firstMonth: YearMonth {
        switch self {
        case .month(let m): m
        case .quarter(let q): q.firstMonth
        }
    }
    public var lastMonth: YearMonth {
        switch self {
        case .month(let m): m
        case .quarter(let q): q.lastMonth
        }
    }
    /// Sorts by first month, then months before quarters.
    public static func < (a: Launch, b: Launch) -> Bool {
        if a.firstMonth != b.firstMonth { return a.firstMonth < b.firstMonth }
        return a.lastMonth < b.lastMonth
    }
    public var description: String {
        switch self {
        case .month(let m): m.description
        case .quarter(let q): q.description
        }
    }
}

/// A time of day (`HH:MM`, 24 h, Europe/Paris).
public struct LocalTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    public init(hour: Int, minute: Int) { self.hour = hour; self.minute = minute }
    public init(minutes: Int) { self.hour = minutes / 60; self.minute = minutes % 60 }
    public var minutes: Int { hour * 60 + minute }
    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.minutes < b.minutes }
    /// `09:30`.
    public var description: String {
        "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}

// MARK: - Text with its origin

/// A Markdown text (a file body or a YAML string field) and where it starts in its file, so
/// that problems found while rendering it (a broken link) point at the right line.
public struct MarkdownText: Sendable, Hashable, Codable {
    public var source: String
    /// Location of the first character of `source` in its file.
    public var location: SourceLocation
    public init(_ source: String, at location: SourceLocation) { self.source = source; self.location = location }
    public var isEmpty: Bool { source.allSatisfy(\.isWhitespace) }
}

// MARK: - Site settings, taxonomy

public struct PostalContact: Sendable, Hashable, Codable {
    public var name: String
    public var address: String
    public var phone: String
    public init(name: String, address: String, phone: String) { self.name = name; self.address = address; self.phone = phone }
}

public struct Person: Sendable, Hashable, Codable {
    public var name: String
    public var role: String?
    public var email: String?
    public var phone: String?
    public init(name: String, role: String? = nil, email: String? = nil, phone: String? = nil) {
        self.name = name; self.role = role; self.email = email; self.phone = phone
    }
}

public struct NavigationItem: Sendable, Hashable, Codable {
    public var title: String
    public var path: String
    public init(title: String, path: String) { self.title = title; self.path = path }
}

public enum AccessibilityStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case totale, partielle
    case nonConforme = "non-conforme"
}

public struct SiteSettings: Sendable, Hashable, Codable {
    public var title: String
    /// Absolute https URL, without trailing slash.
    public var baseURL: String
    public var language: String
    public var description: String
    public var organisation: PostalContact
    public var publicationDirector: String
    public var host: PostalContact
    public var contact: Person
    public var navigation: [NavigationItem]
    public var accessibilityStatus: AccessibilityStatus
    public var accessibilityAuditDate: LocalDate?
    /// `unsafe_html: true` lets raw HTML through Markdown; off by default.
    public var unsafeHTML: Bool
    public var location: SourceLocation

    public init(title: String, baseURL: String, language: String, description: String,
                organisation: PostalContact, publicationDirector: String, host: PostalContact,
                contact: Person, navigation: [NavigationItem], accessibilityStatus: AccessibilityStatus,
                accessibilityAuditDate: LocalDate?, unsafeHTML: Bool, location: SourceLocation) {
        self.title = title; self.baseURL = baseURL; self.language = language; self.description = description
        self.organisation = organisation; self.publicationDirector = publicationDirector; self.host = host
        self.contact = contact; self.navigation = navigation; self.accessibilityStatus = accessibilityStatus
        self.accessibilityAuditDate = accessibilityAuditDate; self.unsafeHTML = unsafeHTML; self.location = location
    }
}

public struct Theme: Sendable, Hashable, Codable {
    public var slug: String
    public var label: String
    public var description: String
    public init(slug: String, label: String, description: String) { self.slug = slug; self.label = label; self.description = description }
}

/// A CPV code known to the site: 8 digits and, when given, its check digit.
public struct CPVEntry: Sendable, Hashable, Codable {
    /// The 8 digits, `72000000`.
    public var digits: String
    /// The check digit, `5`, when the list gives it.
    public var checkDigit: String?
    public var label: String
    public init(digits: String, checkDigit: String?, label: String) { self.digits = digits; self.checkDigit = checkDigit; self.label = label }
    /// `72000000-5`, or the 8 digits alone.
    public var code: String { checkDigit.map { "\(digits)-\($0)" } ?? digits }
    /// First two digits: the division (`72`).
    public var division: String { String(digits.prefix(2)) }
}

// MARK: - Buyers and suppliers

public enum BuyerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case region, departement, commune, intercommunalite
    case etablissementPublic = "etablissement-public"
    case etat, hopital
    case bailleurSocial = "bailleur-social"
    case autre
}

public struct Buyer: Sendable, Hashable, Codable {
    public var slug: String
    public var name: String
    public var kind: BuyerKind
    /// One of 75 77 78 91 92 93 94 95.
    public var department: String
    public var siret: String?
    public var website: String?
    /// Path relative to `content/` (`assets/logos/plaine-commune.svg`).
    public var logo: String?
    public var description: MarkdownText?
    public var location: SourceLocation
    public init(slug: String, name: String, kind: BuyerKind, department: String, siret: String? = nil,
                website: String? = nil, logo: String? = nil, description: MarkdownText? = nil, location: SourceLocation) {
        self.slug = slug; self.name = name; self.kind = kind; self.department = department; self.siret = siret
        self.website = website; self.logo = logo; self.description = description; self.location = location
    }
}

public enum SupplierSize: String, Sendable, Hashable, Codable, CaseIterable { case tpe, pme, eti, ge }

/// A contract a supplier lists as a reference: what, for whom (a buyer of the site, when it is
/// one), when.
public struct SupplierReference: Sendable, Hashable, Codable {
    public var title: String
    /// A buyer slug.
    public var buyer: String?
    public var year: Int?
    public init(title: String, buyer: String? = nil, year: Int? = nil) { self.title = title; self.buyer = buyer; self.year = year }
}

public struct Supplier: Sendable, Hashable, Codable {
    public var slug: String
    public var name: String
    public var siren: String?
    public var size: SupplierSize?
    public var website: String?
    public var city: String?
    /// 5 digits.
    public var postcode: String?
    /// A French department code (`93`, `2A`, `974`): as written, else taken from the postcode.
    public var department: String?
    public var themes: [String]
    /// CPV codes (`72000000-5`, `72000000`) or two-digit divisions (`72`), as written, each well formed.
    public var cpv: [String]
    /// Published only when given.
    public var contact: Person?
    public var references: [SupplierReference]
    public var description: MarkdownText?
    public var location: SourceLocation
    public init(slug: String, name: String, siren: String? = nil, size: SupplierSize? = nil, website: String? = nil,
                city: String? = nil, postcode: String? = nil, department: String? = nil, themes: [String] = [],
                cpv: [String] = [], contact: Person? = nil, references: [SupplierReference] = [],
                description: MarkdownText? = nil, location: SourceLocation) {
        self.slug = slug; self.name = name; self.siren = siren; self.size = size; self.website = website
        self.city = city; self.postcode = postcode; self.department = department; self.themes = themes; self.cpv = cpv
        self.contact = contact; self.references = references; self.description = description; self.location = location
    }

    /// The two-digit CPV divisions the supplier works in, distinct, ascending.
    public var cpvDivisions: [String] {
        Set(cpv.map { String($0.prefix(2)) }).filter { $0.count == 2 }.sorted()
    }
}

// MARK: - Roadmaps and needs

public enum Budget: Sendable, Hashable, Codable {
    /// Euros HT, 0 ≤ min ≤ max.
    case range(min: Int, max: Int)
    /// `a-definir`.
    case toBeDefined
}

public enum Procedure: String, Sendable, Hashable, Codable, CaseIterable {
    case procedureAdaptee = "procedure-adaptee"
    case appelOffresOuvert = "appel-offres-ouvert"
    case appelOffresRestreint = "appel-offres-restreint"
    case procedureAvecNegociation = "procedure-avec-negociation"
    case dialogueCompetitif = "dialogue-competitif"
    case marcheInnovant = "marche-innovant"
    case accordCadre = "accord-cadre"
    case centraleAchat = "centrale-achat"
    case aDefinir = "a-definir"
}

public enum NeedStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case envisage
    case enPreparation = "en-preparation"
    case publie, attribue, abandonne
}

public struct Need: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var theme: String
    /// Codes as written (`72000000-5` or `72000000`), each well formed.
    public var cpv: [String]
    public var summary: MarkdownText
    public var budget: Budget?
    public var launch: Launch
    public var procedure: Procedure?
    public var status: NeedStatus
    public var tenderURL: String?
    public var location: SourceLocation
    /// A digest of the need as written (its YAML), set by the loader: what a page shows of the
    /// need changes only when this does (`InputDigests`).
    public var digest: UInt64 = 0
    public init(id: String, title: String, theme: String, cpv: [String] = [], summary: MarkdownText, budget: Budget? = nil,
                launch: Launch, procedure: Procedure? = nil, status: NeedStatus = .envisage, tenderURL: String? = nil,
                location: SourceLocation) {
        self.id = id; self.title = title; self.theme = theme; self.cpv = cpv; self.summary = summary; self.budget = budget
        self.launch = launch; self.procedure = procedure; self.status = status; self.tenderURL = tenderURL; self.location = location
    }
}

public struct Roadmap: Sendable, Hashable, Codable {
    /// The folder's year (`roadmaps/<year>/`).
    public var year: Int
    /// The buyer's slug (the file name).
    public var buyer: String
    public var title: String
    public var published: LocalDate
    public var updated: LocalDate?
    public var horizonFrom: YearMonth
    public var horizonTo: YearMonth
    public var contact: Person?
    public var needs: [Need]
    public var body: MarkdownText
    public var location: SourceLocation
    /// Checked but not published (shown, marked, by `openmap serve`).
    public var draft: Bool
    /// A digest of the front matter as written (its YAML, needs included), set by the loader.
    public var frontMatterDigest: UInt64 = 0
    public init(year: Int, buyer: String, title: String, published: LocalDate, updated: LocalDate? = nil,
                horizonFrom: YearMonth, horizonTo: YearMonth, contact: Person? = nil, needs: [Need],
                body: MarkdownText, location: SourceLocation, draft: Bool = false) {
        self.year = year; self.buyer = buyer; self.title = title; self.published = published; self.updated = updated
        self.horizonFrom = horizonFrom; self.horizonTo = horizonTo; self.contact = contact; self.needs = needs
        self.body = body; self.location = location; self.draft = draft
    }
}

// MARK: - Matinales

public struct Venue: Sendable, Hashable, Codable {
    public var name: String
    public var address: String
    public var postcode: String
    public var city: String
    /// Free text, e.g. « Conseil régional d'Île-de-France ».
    public var host: String
    public init(name: String, address: String, postcode: String, city: String, host: String) {
        self.name = name; self.address = address; self.postcode = postcode; self.city = city; self.host = host
    }
}

public enum ProgrammeKind: String, Sendable, Hashable, Codable, CaseIterable {
    case accueil
    case tableRonde = "table-ronde"
    case pitchs
    case rendezVous = "rendez-vous"
    case pause, cloture
}

public struct ProgrammeItem: Sendable, Hashable, Codable {
    public var time: LocalTime
    public var kind: ProgrammeKind
    public var title: String
    public var speakers: [String]
    public init(time: LocalTime, kind: ProgrammeKind, title: String, speakers: [String] = []) {
        self.time = time; self.kind = kind; self.title = title; self.speakers = speakers
    }
}

public struct Speaker: Sendable, Hashable, Codable {
    public var name: String
    public var role: String
    public var organisation: String
    /// A buyer slug, when the speaker speaks for one.
    public var buyer: String?
    public init(name: String, role: String, organisation: String, buyer: String? = nil) {
        self.name = name; self.role = role; self.organisation = organisation; self.buyer = buyer
    }
}

public struct RoundTable: Sendable, Hashable, Codable {
    public var title: String
    public var moderator: String?
    public var speakers: [Speaker]
    public init(title: String, moderator: String? = nil, speakers: [Speaker]) {
        self.title = title; self.moderator = moderator; self.speakers = speakers
    }
}

public struct MatinaleTable: Sendable, Hashable, Codable {
    public var number: Int
    /// A buyer slug.
    public var buyer: String
    public var representatives: [String]
    public init(number: Int, buyer: String, representatives: [String] = []) {
        self.number = number; self.buyer = buyer; self.representatives = representatives
    }
}

public struct TimeRange: Sendable, Hashable, Codable {
    public var start: LocalTime
    public var end: LocalTime
    public init(start: LocalTime, end: LocalTime) { self.start = start; self.end = end }
}

public struct MeetingSettings: Sendable, Hashable, Codable {
    public var start: LocalTime
    public var end: LocalTime
    public var slotMinutes: Int
    public var gapMinutes: Int
    /// Nil: no cap beyond the number of slots.
    public var maxPerSupplier: Int?
    public var breaks: [TimeRange]
    /// Timetables on the public site (default true).
    public var publish: Bool
    /// Meetings a supplier can hold in one slot, by supplier slug (`seats`; default 1).
    public var seats: [String: Int]
    public init(start: LocalTime, end: LocalTime, slotMinutes: Int, gapMinutes: Int = 0, maxPerSupplier: Int? = nil,
                breaks: [TimeRange] = [], publish: Bool = true, seats: [String: Int] = [:]) {
        self.start = start; self.end = end; self.slotMinutes = slotMinutes; self.gapMinutes = gapMinutes
        self.maxPerSupplier = maxPerSupplier; self.breaks = breaks; self.publish = publish; self.seats = seats
    }

    /// The slots, cut as the contract says: from `start`, each `slotMinutes` long then
    /// `gapMinutes` of gap; a slot overlapping a break is dropped; the last ends by `end`.
    public var slots: [TimeRange] {
        guard slotMinutes > 0 else { return [] }
        var result: [TimeRange] = []
        var begin = start.minutes
        while begin + slotMinutes <= end.minutes {
            let finish = begin + slotMinutes
            let overlapsBreak = breaks.contains { $0.start.minutes < finish && begin < $0.end.minutes }
            if !overlapsBreak {
                result.append(TimeRange(start: LocalTime(minutes: begin), end: LocalTime(minutes: finish)))
            }
            begin = finish + max(0, gapMinutes)
        }
        return result
    }
}

public struct Registration: Sendable, Hashable, Codable {
    public var url: String?
    public var opens: LocalDate?
    public var closes: LocalDate?
    public init(url: String? = nil, opens: LocalDate? = nil, closes: LocalDate? = nil) { self.url = url; self.opens = opens; self.closes = closes }
}

public struct MatinaleStats: Sendable, Hashable, Codable {
    public var participants: Int?
    public var requests: Int?
    public var meetings: Int?
    public init(participants: Int? = nil, requests: Int? = nil, meetings: Int? = nil) {
        self.participants = participants; self.requests = requests; self.meetings = meetings
    }
}

public enum RequestStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case accepte
    case refuse
    case enAttente = "en-attente"
}

/// One row of requests.csv.
public struct MeetingRequest: Sendable, Hashable, Codable {
    public var supplier: String
    public var buyer: String
    /// 1 (highest) to 3; default 2.
    public var priority: Int
    public var status: RequestStatus
    public var location: SourceLocation
    public init(supplier: String, buyer: String, priority: Int = 2, status: RequestStatus = .accepte, location: SourceLocation) {
        self.supplier = supplier; self.buyer = buyer; self.priority = priority; self.status = status; self.location = location
    }
}

/// One row of availability.csv: a window during which a participant can meet.
public struct AvailabilityWindow: Sendable, Hashable, Codable {
    /// A supplier or buyer slug.
    public var participant: String
    public var from: LocalTime
    public var to: LocalTime
    public var location: SourceLocation
    public init(participant: String, from: LocalTime, to: LocalTime, location: SourceLocation) {
        self.participant = participant; self.from = from; self.to = to; self.location = location
    }
}

public struct Matinale: Sendable, Hashable, Codable {
    /// The folder name (`matinales/<slug>/`).
    public var slug: String
    public var number: Int
    public var title: String
    public var date: LocalDate
    public var start: LocalTime
    public var end: LocalTime
    public var venue: Venue
    public var programme: [ProgrammeItem]
    public var roundTable: RoundTable?
    public var tables: [MatinaleTable]
    public var meetings: MeetingSettings?
    public var registration: Registration?
    public var stats: MatinaleStats?
    public var draft: Bool
    public var body: MarkdownText
    /// requests.csv rows (all statuses), empty when there is no file.
    public var requests: [MeetingRequest]
    /// availability.csv rows, empty when there is no file.
    public var availability: [AvailabilityWindow]
    /// overrides.csv rows (imposed and excluded meetings), empty when there is no file.
    public var overrides: [MeetingOverride] = []
    public var location: SourceLocation
    public init(slug: String, number: Int, title: String, date: LocalDate, start: LocalTime, end: LocalTime, venue: Venue,
                programme: [ProgrammeItem] = [], roundTable: RoundTable? = nil, tables: [MatinaleTable] = [],
                meetings: MeetingSettings? = nil, registration: Registration? = nil, stats: MatinaleStats? = nil,
                draft: Bool = false, body: MarkdownText, requests: [MeetingRequest] = [],
                availability: [AvailabilityWindow] = [], location: SourceLocation) {
        self.slug = slug; self.number = number; self.title = title; self.date = date; self.start = start; self.end = end
        self.venue = venue; self.programme = programme; self.roundTable = roundTable; self.tables = tables
        self.meetings = meetings; self.registration = registration; self.stats = stats; self.draft = draft
        self.body = body; self.requests = requests; self.availability = availability; self.location = location
    }
}

// MARK: - Pitches, testimonials, pages

public enum VideoProvider: String, Sendable, Hashable, Codable, CaseIterable {
    case youtube, dailymotion, vimeo, peertube, file
}

public struct Video: Sendable, Hashable, Codable {
    public var provider: VideoProvider
    public var id: String?
    public var url: String?
    /// Seconds, from `MM:SS`.
    public var durationSeconds: Int?
    /// Path relative to `content/`, under `assets/`.
    public var captions: String?
    /// Path relative to `content/`, under `assets/`.
    public var poster: String?
    public init(provider: VideoProvider, id: String? = nil, url: String? = nil, durationSeconds: Int? = nil,
                captions: String? = nil, poster: String? = nil) {
        self.provider = provider; self.id = id; self.url = url; self.durationSeconds = durationSeconds
        self.captions = captions; self.poster = poster
    }
}

public struct Pitch: Sendable, Hashable, Codable {
    public var slug: String
    public var title: String
    public var supplier: String
    public var matinale: String?
    public var themes: [String]
    public var video: Video
    /// The body before a `## Transcription` heading.
    public var body: MarkdownText
    /// The body after a `## Transcription` heading, when there is one.
    public var transcript: MarkdownText?
    public var location: SourceLocation
    /// Checked but not published (shown, marked, by `openmap serve`).
    public var draft: Bool
    public init(slug: String, title: String, supplier: String, matinale: String? = nil, themes: [String] = [], video: Video,
                body: MarkdownText, transcript: MarkdownText? = nil, location: SourceLocation, draft: Bool = false) {
        self.slug = slug; self.title = title; self.supplier = supplier; self.matinale = matinale; self.themes = themes
        self.video = video; self.body = body; self.transcript = transcript; self.location = location; self.draft = draft
    }
}

public struct Testimonial: Sendable, Hashable, Codable {
    public var slug: String
    public var person: String
    public var role: String
    public var organisation: String
    public var buyer: String?
    public var matinale: String?
    public var date: LocalDate?
    public var video: Video?
    /// The quote (before a `## Transcription` heading).
    public var body: MarkdownText
    /// The video's transcript, after a `## Transcription` heading, when there is one.
    public var transcript: MarkdownText?
    public var location: SourceLocation
    /// Checked but not published (shown, marked, by `openmap serve`).
    public var draft: Bool
    public init(slug: String, person: String, role: String, organisation: String, buyer: String? = nil, matinale: String? = nil,
                date: LocalDate? = nil, video: Video? = nil, body: MarkdownText, transcript: MarkdownText? = nil,
                location: SourceLocation, draft: Bool = false) {
        self.slug = slug; self.person = person; self.role = role; self.organisation = organisation; self.buyer = buyer
        self.matinale = matinale; self.date = date; self.video = video; self.body = body; self.transcript = transcript
        self.location = location; self.draft = draft
    }
}

public struct Page: Sendable, Hashable, Codable {
    public var slug: String
    public var title: String
    public var description: String?
    public var order: Int?
    public var draft: Bool
    public var body: MarkdownText
    public var location: SourceLocation
    public init(slug: String, title: String, description: String? = nil, order: Int? = nil, draft: Bool = false,
                body: MarkdownText, location: SourceLocation) {
        self.slug = slug; self.title = title; self.description = description; self.order = order; self.draft = draft
        self.body = body; self.location = location
    }
}

// MARK: - The whole site

/// Everything in `content/`, loaded. Collections are sorted (by slug, or year then buyer for
/// roadmaps, number for Matinales) so that every later phase is deterministic.
public struct SiteContent: Sendable {
    public var site: SiteSettings
    public var themes: [Theme]
    public var cpv: [CPVEntry]
    public var buyers: [Buyer]
    public var suppliers: [Supplier]
    public var roadmaps: [Roadmap]
    public var matinales: [Matinale]
    public var pitches: [Pitch]
    public var testimonials: [Testimonial]
    public var pages: [Page]
    /// Files under `assets/`, as paths relative to `content/` (`assets/logos/x.svg`), sorted.
    public var assets: [String]
    /// `accessibilite.yaml`, the audit grid the accessibility statement is made from, when there is one.
    public var audit: AccessibilityAudit?
    /// `accessibilite-tests.yaml`, the automated checks' results, when there are some.
    public var automatedChecks: AutomatedChecks?
    /// Where the loader found each checked value, so that cross-file checks point at it.
    public var sourceMap = SourceMap()
    /// Files (as shown in diagnostics) that are missing, unreadable or not valid YAML: what
    /// they define is unknown, so references to it are not reported again.
    public var incompleteFiles: Set<String> = []

    public init(site: SiteSettings, themes: [Theme] = [], cpv: [CPVEntry] = [], buyers: [Buyer] = [],
                suppliers: [Supplier] = [], roadmaps: [Roadmap] = [], matinales: [Matinale] = [], pitches: [Pitch] = [],
                testimonials: [Testimonial] = [], pages: [Page] = [], assets: [String] = []) {
        self.site = site; self.themes = themes; self.cpv = cpv; self.buyers = buyers; self.suppliers = suppliers
        self.roadmaps = roadmaps; self.matinales = matinales; self.pitches = pitches; self.testimonials = testimonials
        self.pages = pages; self.assets = assets
    }
}

// MARK: - Where values were written

/// A span of text in a source file: where it starts and how many columns it covers.
public struct SourceSpan: Sendable, Hashable {
    public var location: SourceLocation
    public var length: Int
    /// The value the span stands for (`needs.0.theme`), when it is to be looked up in the
    /// `SourceMap` only if a problem is reported there (`location` is the entity's meanwhile):
    /// a file taken from the build record is parsed again for its positions only then.
    public var valuePath: String?
    public init(_ location: SourceLocation, length: Int = 1) { self.location = location; self.length = length }
    public init(_ location: SourceLocation, valuePath: String) { self.location = location; self.length = 1; self.valuePath = valuePath }

    /// The span of the value in `map`, or the entity's own.
    func resolved(in map: SourceMap) -> SourceSpan {
        guard let valuePath else { return self }
        return map[location.file, valuePath] ?? SourceSpan(location)
    }
}

/// Positions of individual values (`needs.0.theme` in a roadmap file, `row12.buyer` in a
/// requests.csv), recorded by the loader. Content built in code has an empty map and
/// diagnostics then point at the entity's own location.
public struct SourceMap: Sendable {
    /// The content folder as the user gave it (`content`), to name files in hints.
    public var contentDirectory: String
    /// File → value path → span. Per file, so that a file's name is kept once, not once per
    /// value (a large site has a million values; most paths are short enough to need no heap).
    private var spans: [String: [String: SourceSpan]] = [:]
    /// Files taken from an earlier build rather than parsed (`ParsedFiles`): parsed again for
    /// their spans the first time one is asked for. Shared by copies of the map (a cache).
    private var later = SpansLater()

    public init(contentDirectory: String = "content") { self.contentDirectory = contentDirectory }

    /// Adds the spans of another map (of other files).
    mutating func merge(_ other: SourceMap) {
        spans.merge(other.spans) { first, second in first.merging(second) { kept, _ in kept } }
        later.take(other.later)
    }

    /// The span of the value at `path` (dot-separated keys and list indexes) in `file`.
    public subscript(file: String, path: String) -> SourceSpan? {
        get { spans[file]?[path] ?? later.span(file, path) }
        set { spans[file, default: [:]][path] = newValue }
    }

    /// `parse` gives the spans of `file` when one is first asked for.
    mutating func parseLater(_ file: String, _ parse: @escaping () -> [String: SourceSpan]) {
        later.register(file, parse)
    }
}
