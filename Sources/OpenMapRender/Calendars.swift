import OpenMapContent
import OpenMapFormats

// iCalendar files: one per published Matinale and one for all. UIDs and DTSTAMP come from
// the content (slug, date), so that rebuilding never changes a byte.

extension SiteBuilder {
    static func matinaleCalendarPath(_ slug: String) -> String { matinalePath(slug) + "matinale.ics" }
    static let allMatinalesCalendarPath = "matinales/matinales.ics"
    static let calendarProductID = "-//OpenMap Numériques//openmap//FR"

    /// The host of the base URL (`www.openmap-numeriques.fr`), for globally unique UIDs.
    var calendarDomain: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return baseURL }
        let rest = baseURL[schemeEnd.upperBound...]
        let hostAndPort = rest.prefix { $0 != "/" }
        return String(hostAndPort.prefix { $0 != ":" })
    }

    func calendarEvent(_ matinale: Matinale) -> CalendarEvent {
        let date = matinale.date
        func local(_ time: LocalTime) -> CalendarLocalDateTime {
            CalendarLocalDateTime(year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute)
        }
        let venue = matinale.venue
        var description = "\(matinale.title)\n"
        if !matinale.programme.isEmpty {
            description += "\nProgramme :\n"
            for item in matinale.programme {
                let speakers = item.speakers.isEmpty ? "" : " (\(item.speakers.joined(separator: ", ")))"
                description += "\(Labels.time(item.time)) — \(Labels.programmeKind(item.kind)) : \(item.title)\(speakers)\n"
            }
        }
        description += "\n\(absoluteURL(Self.matinalePath(matinale.slug)))"
        return CalendarEvent(
            uid: CalendarEvent.uid(identifier: "matinale-\(matinale.slug)", domain: calendarDomain),
            stamp: CalendarUTCDateTime(year: date.year, month: date.month, day: date.day),
            start: local(matinale.start), end: local(matinale.end),
            summary: matinaleName(matinale),
            description: typo(description),
            location: typo("\(venue.name), \(venue.address), \(venue.postcode) \(venue.city)"),
            url: absoluteURL(Self.matinalePath(matinale.slug)),
            categories: ["Matinale", "Achat public numérique"],
            status: .confirmed)
    }

    func calendarFiles() -> [OutputFile] {
        var files = matinales.map { matinale in
            OutputFile(path: Self.matinaleCalendarPath(matinale.slug), contents: .bytes(
                ICalendarDocument(productID: Self.calendarProductID, name: typo(matinaleName(matinale)),
                                  events: [calendarEvent(matinale)]).serializedBytes()))
        }
        let all = ICalendarDocument(productID: Self.calendarProductID,
                                    name: typo("Matinales — \(content.site.title)"),
                                    events: matinales.map(calendarEvent))
        files.append(OutputFile(path: Self.allMatinalesCalendarPath, contents: .bytes(all.serializedBytes())))
        return files
    }
}
