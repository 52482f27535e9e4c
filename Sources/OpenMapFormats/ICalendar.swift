// iCalendar (RFC 5545) writer for Matinale events.
//
// Output is a pure function of the values given: no clock, no locale, no dictionary order.
// Every event is written in Europe/Paris local time, so the calendar always carries the
// matching VTIMEZONE (which also satisfies the RFC's "at least one component" rule).

/// An instant in UTC, written `YYYYMMDDTHHMMSSZ` (used for DTSTAMP).
///
/// Values are written as given; the caller passes a real date (the writer never crashes on
/// odd numbers, but it does not correct them either).
public struct CalendarUTCDateTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }
}

/// A wall-clock time in Europe/Paris, written `YYYYMMDDTHHMMSS` with `TZID=Europe/Paris`.
public struct CalendarLocalDateTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }
}

/// The VEVENT `STATUS` values that apply to events.
public enum CalendarEventStatus: String, Sendable, Hashable, CaseIterable {
    case tentative = "TENTATIVE"
    case confirmed = "CONFIRMED"
    case cancelled = "CANCELLED"
}

/// One VEVENT. Text fields are plain text: escaping and folding happen on output.
public struct CalendarEvent: Sendable, Hashable {
    /// Globally unique and stable across builds, e.g. `matinale-2015-04-17@openmap-numeriques.fr`;
    /// see ``CalendarEvent/uid(identifier:domain:)``.
    public var uid: String
    /// DTSTAMP, derived from content (e.g. the event's date at 00:00 UTC, or its `updated` date)
    /// so that rebuilding the site yields the same bytes.
    public var stamp: CalendarUTCDateTime
    public var start: CalendarLocalDateTime
    public var end: CalendarLocalDateTime
    public var summary: String
    public var description: String?
    public var location: String?
    /// Absolute URL of the event's page; written as a URI (not text-escaped).
    public var url: String?
    /// Written in the given order; empty strings are skipped; no property when none remain.
    public var categories: [String]
    public var status: CalendarEventStatus?

    public init(
        uid: String,
        stamp: CalendarUTCDateTime,
        start: CalendarLocalDateTime,
        end: CalendarLocalDateTime,
        summary: String,
        description: String? = nil,
        location: String? = nil,
        url: String? = nil,
        categories: [String] = [],
        status: CalendarEventStatus? = nil
    ) {
        self.uid = uid
        self.stamp = stamp
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.categories = categories
        self.status = status
    }

    /// `identifier@domain`, the RFC 5545 recommended shape for a globally unique UID.
    public static func uid(identifier: String, domain: String) -> String {
        "\(identifier)@\(domain)"
    }
}

/// A VCALENDAR holding events, serialised with CRLF line ends and 75-octet folding.
public struct ICalendarDocument: Sendable, Hashable {
    /// PRODID, e.g. `-//OpenMap Numériques//openmap//FR`.
    public var productID: String
    /// Written as `X-WR-CALNAME` (the name calendar apps show on subscription) when present.
    public var name: String?
    /// Written in this order; sort them before if order matters.
    public var events: [CalendarEvent]

    public init(productID: String, name: String? = nil, events: [CalendarEvent]) {
        self.productID = productID
        self.name = name
        self.events = events
    }

    /// The whole calendar; every line (the last one included) ends with CRLF.
    public func serialized() -> String {
        var lines: [String] = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + ICalendarText.escaped(productID),
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        if let name {
            lines.append("X-WR-CALNAME:" + ICalendarText.escaped(name))
        }
        lines.append("X-WR-TIMEZONE:" + ICalendarText.parisTimeZoneID)
        lines.append(contentsOf: ICalendarText.parisTimeZoneLines)
        for event in events {
            lines.append(contentsOf: Self.lines(for: event))
        }
        lines.append("END:VCALENDAR")
        return lines.map { ICalendarText.folded($0) + "\r\n" }.joined()
    }

    /// ``serialized()`` as UTF-8 bytes (no BOM), ready to write to a `.ics` file.
    public func serializedBytes() -> [UInt8] {
        Array(serialized().utf8)
    }

    private static func lines(for event: CalendarEvent) -> [String] {
        let tzid = ICalendarText.parisTimeZoneID
        var lines: [String] = [
            "BEGIN:VEVENT",
            "UID:" + ICalendarText.escaped(event.uid),
            "DTSTAMP:" + ICalendarText.formatted(event.stamp),
            "DTSTART;TZID=\(tzid):" + ICalendarText.formatted(event.start),
            "DTEND;TZID=\(tzid):" + ICalendarText.formatted(event.end),
            "SUMMARY:" + ICalendarText.escaped(event.summary),
        ]
        if let description = event.description {
            lines.append("DESCRIPTION:" + ICalendarText.escaped(description))
        }
        if let location = event.location {
            lines.append("LOCATION:" + ICalendarText.escaped(location))
        }
        if let url = event.url {
            lines.append("URL:" + ICalendarText.sanitizedURI(url))
        }
        let categories = event.categories.filter { !$0.isEmpty }
        if !categories.isEmpty {
            lines.append("CATEGORIES:" + categories.map(ICalendarText.escaped).joined(separator: ","))
        }
        if let status = event.status {
            lines.append("STATUS:" + status.rawValue)
        }
        lines.append("END:VEVENT")
        return lines
    }
}
