// Low-level RFC 5545 text rules: value escaping, line folding, date formatting, VTIMEZONE.

enum ICalendarText {
    static let parisTimeZoneID = "Europe/Paris"

    /// Europe/Paris since 1996 (EU rules): CEST from the last Sunday of March 02:00,
    /// CET from the last Sunday of October 03:00.
    static let parisTimeZoneLines: [String] = [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// Maximum octets per physical line, CRLF excluded (RFC 5545 §3.1).
    static let lineOctetLimit = 75

    /// TEXT value escaping (RFC 5545 §3.3.11): `\` `;` `,` are backslash-escaped, every line
    /// break (CRLF, LF or CR) becomes `\n`; other control characters, which TEXT forbids,
    /// are dropped (tab is allowed and kept).
    static func escaped(_ text: String) -> String {
        // Most values (names, places) need nothing: returned as they are, without a copy.
        let needsWork = text.utf8.contains { byte in
            byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ",")
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": result.append(contentsOf: "\\\\".unicodeScalars)
            case ";": result.append(contentsOf: "\\;".unicodeScalars)
            case ",": result.append(contentsOf: "\\,".unicodeScalars)
            case "\r": result.append(contentsOf: "\\n".unicodeScalars)
            case "\n":
                // The CR of a CRLF pair already produced the line break.
                if !previousWasCarriageReturn { result.append(contentsOf: "\\n".unicodeScalars) }
            case "\t": result.append(scalar)
            default:
                if !isControl(scalar) { result.append(scalar) }
            }
        }
        return String(result)
    }

    /// URI values are not text-escaped (a `,` in a query must stay as is), but a line break
    /// or control character would corrupt the content line, so those are removed.
    static func sanitizedURI(_ uri: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in uri.unicodeScalars where !isControl(scalar) && scalar != "\t" {
            result.append(scalar)
        }
        return String(result)
    }

    /// Splits a content line into physical lines of at most 75 octets joined by CRLF + space
    /// (RFC 5545 §3.1). The leading space of a continuation line counts towards its 75 octets.
    /// Breaks fall between grapheme clusters when possible, and at worst between Unicode
    /// scalars, so a UTF-8 multi-byte sequence is never split.
    static func folded(_ line: String, limit: Int = lineOctetLimit) -> String {
        guard line.utf8.count > limit else { return line }
        // Whole runs of the line are copied between breaks (not one character at a time: a
        // season's calendars hold thousands of long lines).
        var result = ""
        result.reserveCapacity(line.utf8.count + 3 * (line.utf8.count / (limit - 1) + 1))
        var runStart = line.startIndex
        var lineOctets = 0
        var capacity = limit

        func breakLine(before index: String.Index) {
            result += line[runStart..<index]
            result += "\r\n "
            runStart = index
            lineOctets = 0
            capacity = limit - 1
        }

        var index = line.startIndex
        while index < line.endIndex {
            let next = line.index(after: index)
            let size = line.utf8.distance(from: index, to: next)
            if lineOctets + size <= capacity {
                lineOctets += size
            } else if size <= limit - 1 {
                breakLine(before: index)
                lineOctets = size
            } else {
                // A cluster longer than a whole line (long emoji sequences): split by scalar.
                var scalarIndex = index
                while scalarIndex < next {
                    let scalarEnd = line.unicodeScalars.index(after: scalarIndex)
                    let scalarSize = line.utf8.distance(from: scalarIndex, to: scalarEnd)
                    if lineOctets + scalarSize > capacity { breakLine(before: scalarIndex) }
                    lineOctets += scalarSize
                    scalarIndex = scalarEnd
                }
            }
            index = next
        }
        result += line[runStart...]
        return result
    }

    static func formatted(_ value: CalendarUTCDateTime) -> String {
        dateTime(value.year, value.month, value.day, value.hour, value.minute, value.second) + "Z"
    }

    static func formatted(_ value: CalendarLocalDateTime) -> String {
        dateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)
    }

    private static func dateTime(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int
    ) -> String {
        padded(year, 4) + padded(month, 2) + padded(day, 2) + "T"
            + padded(hour, 2) + padded(minute, 2) + padded(second, 2)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }
}
