import Foundation
import OpenMapContent

// Sharing and search engines: Open Graph on every page, schema.org JSON-LD where it says what a
// page is (Matinales as Event, buyers as GovernmentOrganization, needs as Demand, suppliers as
// Organization, pitches as VideoObject, the home page as WebSite), and the Paris offsets their
// dates need.

/// Europe/Paris wall-clock times as ISO 8601 with their offset, computed from the EU rule
/// (summer time from the last Sunday of March, 01:00 UTC, to the last Sunday of October,
/// 01:00 UTC) rather than from the machine's time zone database, so builds match everywhere.
enum ParisTime {
    /// Days since 1970-01-01 (proleptic Gregorian).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Day of the month of the last Sunday of `month`.
    static func lastSunday(year: Int, month: Int) -> Int {
        let last = 31  // March and October
        let weekday = ((daysFromCivil(year, month, last) % 7) + 10) % 7  // 1970-01-01 was a Thursday (3); 6 = Sunday
        return last - (weekday + 1) % 7
    }

    /// "+02:00" in summer time, "+01:00" otherwise. An ambiguous hour of the October change
    /// counts as summer time.
    static func offset(_ date: LocalDate, _ time: LocalTime = LocalTime(hour: 12, minute: 0)) -> String {
        let march = LocalDate(year: date.year, month: 3, day: lastSunday(year: date.year, month: 3))
        let october = LocalDate(year: date.year, month: 10, day: lastSunday(year: date.year, month: 10))
        let summer: Bool
        if date == march { summer = time.hour >= 2 } else if date == october { summer = time.hour < 3 } else {
            summer = march < date && date < october
        }
        return summer ? "+02:00" : "+01:00"
    }

    /// `2015-04-17T08:30:00+02:00`.
    static func dateTime(_ date: LocalDate, _ time: LocalTime) -> String {
        "\(date)T\(time):00\(offset(date, time))"
    }

    /// A content date as an RFC 3339 instant: midnight, Paris time.
    static func rfc3339(_ date: LocalDate) -> String {
        dateTime(date, LocalTime(hour: 0, minute: 0))
    }
}

extension SiteBuilder {
    /// Open Graph properties for a page (the layout writes them as meta tags).
    /// JSON for a `<script type="application/ld+json">` (see SafeJSON: no text closes the script).
    static func jsonLD(_ object: [String: Any]) -> String? {
        SafeJSON.encode(object).map { String(decoding: $0, as: UTF8.self) }
    }

    func matinaleJSONLD(_ matinale: Matinale) -> [String: Any] {
        let venue = matinale.venue
        var event: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "Event",
            "name": matinaleName(matinale),
            "startDate": ParisTime.dateTime(matinale.date, matinale.start),
            "endDate": ParisTime.dateTime(matinale.date, matinale.end),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "url": absoluteURL(Self.matinalePath(matinale.slug)),
            "inLanguage": "fr",
            "location": [
                "@type": "Place",
                "name": venue.name,
                "address": [
                    "@type": "PostalAddress", "streetAddress": venue.address, "postalCode": venue.postcode,
                    "addressLocality": venue.city, "addressRegion": "Île-de-France", "addressCountry": "FR",
                ] as [String: Any],
            ] as [String: Any],
            "organizer": [
                "@type": "Organization", "name": content.site.organisation.name, "url": absoluteURL(""),
            ] as [String: Any],
            "description": "\(matinale.title) : table ronde d’acheteurs publics, pitchs d’entreprises et rendez-vous bilatéraux.",
        ]
        if isRegistrationOpen(matinale), let url = nonEmpty(matinale.registration?.url) {
            event["offers"] = ["@type": "Offer", "url": url, "price": "0", "priceCurrency": "EUR",
                               "availability": "https://schema.org/InStock"] as [String: Any]
        }
        return event
    }

    /// A buyer as a node of structured data: its name, its page and the `@id` other pages name
    /// it by; its page adds what it knows of it.
    func buyerNode(_ buyer: Buyer) -> [String: Any] {
        let url = absoluteURL(Self.buyerPath(buyer.slug))
        return ["@type": "GovernmentOrganization", "@id": url + "#organisation", "name": buyer.name, "url": url]
    }

    func buyerJSONLD(_ buyer: Buyer) -> [String: Any] {
        var organisation = buyerNode(buyer).merging([
            "@context": "https://schema.org",
            "areaServed": Labels.department(buyer.department),
            "address": ["@type": "PostalAddress", "addressRegion": "Île-de-France", "addressCountry": "FR"] as [String: Any],
        ]) { first, _ in first }
        if let siret = nonEmpty(buyer.siret) { organisation["identifier"] = siret }
        if let website = nonEmpty(buyer.website) { organisation["sameAs"] = [website] }
        return organisation
    }

    static var region: [String: Any] { ["@type": "AdministrativeArea", "name": "Île-de-France"] }

    /// A supplier: what it knows (its themes and CPV), where it serves (the region the programme
    /// covers), where it is, how to reach it (when its contact is published).
    func supplierJSONLD(_ position: Int) -> [String: Any] {
        let supplier = directory.suppliers[position]
        var organisation: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": supplier.name,
            "url": absoluteURL(Self.supplierPath(supplier.slug)),
            "knowsAbout": supplier.themes.map(themeLabel)
                + supplier.cpv.map { $0.count == 2 ? NeedCatalogue.divisionLabel($0) : "\($0) \(cpvLabel($0))" },
            "areaServed": Self.region,
        ]
        var address: [String: Any] = ["@type": "PostalAddress", "addressCountry": "FR"]
        if let city = nonEmpty(supplier.city) { address["addressLocality"] = city }
        if let postcode = nonEmpty(supplier.postcode) { address["postalCode"] = postcode }
        if let department = supplier.department { address["addressRegion"] = Labels.department(department) }
        organisation["address"] = address
        if let website = nonEmpty(supplier.website) { organisation["sameAs"] = [website] }
        if let siren = nonEmpty(supplier.siren) {
            organisation["identifier"] = ["@type": "PropertyValue", "propertyID": "SIREN", "value": siren] as [String: Any]
        }
        if let text = nonEmpty(supplier.description?.source) { organisation["description"] = Self.plainText(text) }
        if let contact = supplier.contact {
            var point: [String: Any] = ["@type": "ContactPoint", "name": contact.name, "contactType": contact.role ?? "contact commercial"]
            if let email = nonEmpty(contact.email) { point["email"] = email }
            if let phone = nonEmpty(contact.phone) { point["telephone"] = phone }
            organisation["contactPoint"] = point
        }
        return organisation
    }

    /// A need: a demand for a service, from its buyer (who « seeks » it), in the region, from its
    /// expected launch, within its budget when there is one.
    func needJSONLD(_ entry: CatalogueEntry) -> [String: Any] {
        let need = entry.need
        let url = absoluteURL(entry.path)
        let first = need.launch.firstMonth
        var demand: [String: Any] = [
            "@type": "Demand",
            "@id": url + "#besoin",
            "name": need.title,
            "url": url,
            "description": Self.plainText(need.summary.source),
            "itemOffered": ["@type": "Service", "name": need.title, "category": themeLabel(need.theme),
                            "serviceType": need.cpv.isEmpty ? themeLabel(need.theme) : need.cpv.map { "\($0) \(cpvLabel($0))" }.joined(separator: " ; ")]
                as [String: Any],
            "availabilityStarts": "\(first)-01",
            "areaServed": Self.region,
            "businessFunction": "http://purl.org/goodrelations/v1#Buy",
        ]
        if case .range(let min, let max) = need.budget {
            demand["priceSpecification"] = ["@type": "PriceSpecification", "minPrice": min, "maxPrice": max, "priceCurrency": "EUR",
                                            "valueAddedTaxIncluded": false] as [String: Any]
        }
        // The buyer named by its @id, which its own page describes: not its whole description
        // again on each of its needs' pages.
        var buyer = buyerNode(entry.buyer)
        buyer["seeks"] = ["@id": url + "#besoin"]
        return ["@context": "https://schema.org", "@graph": [demand, buyer]]
    }

    /// A pitch's video: its poster as thumbnail, its Matinale's day as upload date, its
    /// duration, its transcript.
    func pitchJSONLD(_ pitch: Pitch) -> [String: Any] {
        var video: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": pitch.title,
            "description": Self.plainText(pitch.body.source).isEmpty ? pitch.title : Self.plainText(pitch.body.source),
            "url": absoluteURL(Self.pitchPath(pitch.slug)),
            "inLanguage": "fr",
        ]
        if let poster = pitch.video.poster { video["thumbnailUrl"] = absoluteURL(poster) }
        if let matinale = matinalesBySlug[pitch.matinale ?? ""] { video["uploadDate"] = ParisTime.rfc3339(matinale.date) }
        if let seconds = pitch.video.durationSeconds { video["duration"] = "PT\(seconds / 60)M\(seconds % 60)S" }
        if let transcript = pitch.transcript, !transcript.isEmpty { video["transcript"] = Self.plainText(transcript.source) }
        if let player = VideoView.playerURL(pitch.video) { video["embedUrl"] = player.replacingOccurrences(of: "?autoplay=1", with: "") }
        if let page = VideoView.pageURL(pitch.video) { video["contentUrl"] = page }
        if let supplier = suppliers[pitch.supplier] {
            video["author"] = ["@type": "Organization", "name": supplier.name, "url": absoluteURL(Self.supplierPath(supplier.slug))] as [String: Any]
        }
        return video
    }

    /// The home page: the site, and how to search it.
    func websiteJSONLD() -> [String: Any] {
        [
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": content.site.title,
            "url": absoluteURL(""),
            "description": content.site.description,
            "inLanguage": "fr",
            "publisher": ["@type": "Organization", "name": content.site.organisation.name] as [String: Any],
            "potentialAction": [
                "@type": "SearchAction",
                "target": ["@type": "EntryPoint", "urlTemplate": absoluteURL(Self.searchPath) + "?q={search_term_string}"] as [String: Any],
                "query-input": "required name=search_term_string",
            ] as [String: Any],
        ]
    }

    /// Markdown as plain text, for structured data: markup characters, links' addresses and
    /// line breaks dropped. Read as UTF-8 bytes: as Characters, it took 2 % of a clean build's
    /// samples (every need's page has it).
    static func plainText(_ markdown: String) -> String {
        var bytes = Array(markdown.utf8)
        // [label](address) → label: "](…)" becomes "]", dropped below with the other marks.
        var from = 0
        while let open = Bytes.find(Self.linkMiddle, in: bytes, from: from),
              let close = bytes[(open + 2)...].firstIndex(of: UInt8(ascii: ")")) {
            bytes.replaceSubrange(open...close, with: [UInt8(ascii: "]")])
            from = open
        }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var spaceBefore = false
        var index = 0
        func word(_ range: Range<Int>) {
            if spaceBefore, !text.isEmpty { text.append(32) }
            spaceBefore = false
            text.append(contentsOf: bytes[range])
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 32 || (9...13).contains(byte) { spaceBefore = true } else if !Self.droppedMarks.contains(byte) { word(index..<index + 1) }
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            let end = min(bytes.count, index + length)
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for next in bytes[(index + 1)..<end] { value = value << 6 | UInt32(next & 0x3F) }
            if let scalar = Unicode.Scalar(value), scalar.properties.isWhitespace { spaceBefore = true } else { word(index..<end) }
            index = end
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let linkMiddle = Array("](".utf8)
    private static let droppedMarks = Set("*_`#[]>|".utf8)

    /// Adds what the supplier side puts on pages it does not own: JSON-LD and calendar links
    /// on Matinale pages, JSON-LD on buyer pages, the needs feed on the home page.
    func decorateSupplierSide(_ pages: inout [BuiltPage]) {
        let matinaleByPath = Dictionary(matinales.map { (Self.matinalePath($0.slug), $0) }, uniquingKeysWith: { a, _ in a })
        let buyerByPath = Dictionary(content.buyers.map { (Self.buyerPath($0.slug), $0) }, uniquingKeysWith: { a, _ in a })
        let pitchByPath = Dictionary(content.pitches.map { (Self.pitchPath($0.slug), $0) }, uniquingKeysWith: { a, _ in a })
        // In place: copying every page (tens of thousands) to change a few.
        for index in pages.indices {
            decorate(&pages[index], matinaleByPath: matinaleByPath, buyerByPath: buyerByPath, pitchByPath: pitchByPath)
        }
    }

    private func decorate(_ page: inout BuiltPage, matinaleByPath: [String: Matinale], buyerByPath: [String: Buyer],
                          pitchByPath: [String: Pitch]) {
        var root: String { (page.view["root"] as? String) ?? Self.root(for: page.path) }
        if let matinale = matinaleByPath[page.path] {
            page.view["jsonLd"] = Self.jsonLD(matinaleJSONLD(matinale))
            page.view["calendarHref"] = root + Self.matinaleCalendarPath(matinale.slug)
        } else if let buyer = buyerByPath[page.path] {
            page.view["jsonLd"] = Self.jsonLD(buyerJSONLD(buyer))
        } else if let pitch = pitchByPath[page.path] {
            page.view["jsonLd"] = Self.jsonLD(pitchJSONLD(pitch))
        } else if page.path.isEmpty {
            page.view["jsonLd"] = Self.jsonLD(websiteJSONLD())
            let root = root
            page.view["headLinks"] = [headLink("alternate", type: "application/atom+xml",
                                               title: Self.allNeedsFeed.title, href: root + Self.allNeedsFeed.path)]
            page.view["catalogueHref"] = root + NeedCatalogue.path
            page.view["feedHref"] = root + Self.allNeedsFeed.path
            page.view["dataHref"] = root + "donnees/"
        } else if page.path == "matinales/" {
            page.view["calendarHref"] = root + Self.allMatinalesCalendarPath
        }
    }
}
