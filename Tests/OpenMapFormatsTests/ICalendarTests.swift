import Foundation
import OpenMapTestSupport
import Testing
@testable import OpenMapFormats

private let productID = "-//OpenMap Numériques//openmap//FR"

private func springMatinale() -> CalendarEvent {
    CalendarEvent(
        uid: CalendarEvent.uid(identifier: "matinale-2015-04-17", domain: "openmap-numeriques.fr"),
        stamp: CalendarUTCDateTime(year: 2015, month: 4, day: 17),
        start: CalendarLocalDateTime(year: 2015, month: 4, day: 17, hour: 9, minute: 30),
        end: CalendarLocalDateTime(year: 2015, month: 4, day: 17, hour: 12, minute: 0),
        summary: "Matinale « Dématérialisation des marchés »",
        description: "Présentation des feuilles de route; rendez-vous bilatéraux, café.\nInscription obligatoire 🙂",
        location: "Conseil départemental, 2 rue de l'Église, 92000 Nanterre",
        url: "https://openmap-numeriques.fr/matinales/2015-04-17/?a=1,2",
        categories: ["Matinale", "Dématérialisation"],
        status: .confirmed
    )
}

private func winterMatinale() -> CalendarEvent {
    CalendarEvent(
        uid: CalendarEvent.uid(identifier: "matinale-2015-12-10", domain: "openmap-numeriques.fr"),
        stamp: CalendarUTCDateTime(year: 2015, month: 12, day: 1, hour: 8, minute: 5, second: 7),
        start: CalendarLocalDateTime(year: 2015, month: 12, day: 10, hour: 8, minute: 45),
        end: CalendarLocalDateTime(year: 2015, month: 12, day: 10, hour: 11, minute: 30),
        summary: "Matinale usagers"
    )
}

private func sampleCalendar() -> ICalendarDocument {
    ICalendarDocument(productID: productID, name: "Matinales OpenMap",
                      events: [springMatinale(), winterMatinale()])
}

/// Physical lines as byte arrays, split on CRLF (the final CRLF yields no empty line).
private func physicalLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
            lines.append(current)
            current = []
            index += 2
        } else {
            current.append(bytes[index])
            index += 1
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}

/// RFC 5545 unfolding: every CRLF followed by one space is removed. Works on bytes, because
/// String matching is by grapheme cluster and a space followed by a combining accent would
/// not match " ".
private func unfolded(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if index + 2 < bytes.count, bytes[index] == 0x0D, bytes[index + 1] == 0x0A, bytes[index + 2] == 0x20 {
            index += 3
        } else {
            result.append(bytes[index])
            index += 1
        }
    }
    return String(decoding: result, as: UTF8.self)
}

/// Logical content lines, unfolded.
private func contentLines(_ text: String) -> [String] {
    unfolded(text).components(separatedBy: "\r\n").filter { !$0.isEmpty }
}

private func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
}

@Suite("iCalendar writer")
struct ICalendarTests {
    @Test func calendarStartsWithVersionAndProductID() {
        let lines = contentLines(sampleCalendar().serialized())
        #expect(Array(lines.prefix(3)) == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//OpenMap Numériques//openmap//FR",
        ])
        #expect(lines.last == "END:VCALENDAR")
        #expect(lines.contains("X-WR-CALNAME:Matinales OpenMap"))
    }

    @Test func everyLineEndsWithCRLF() {
        let bytes = sampleCalendar().serializedBytes()
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
        }
    }

    @Test func parisTimeZoneIsDescribed() {
        let text = sampleCalendar().serialized()
        let block = """
        BEGIN:VTIMEZONE\r
        TZID:Europe/Paris\r
        BEGIN:DAYLIGHT\r
        TZOFFSETFROM:+0100\r
        TZOFFSETTO:+0200\r
        TZNAME:CEST\r
        DTSTART:19700329T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
        END:DAYLIGHT\r
        BEGIN:STANDARD\r
        TZOFFSETFROM:+0200\r
        TZOFFSETTO:+0100\r
        TZNAME:CET\r
        DTSTART:19701025T030000\r
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
        END:STANDARD\r
        END:VTIMEZONE\r\n
        """
        #expect(text.contains(block))
        // Also present without events, keeping the calendar non-empty as RFC 5545 requires.
        let empty = ICalendarDocument(productID: productID, events: []).serialized()
        #expect(empty.contains("BEGIN:VTIMEZONE\r\n"))
    }

    @Test func eachEventHasExactlyOneUIDAndStamp() {
        let lines = contentLines(sampleCalendar().serialized())
        var events: [[String]] = []
        var current: [String]?
        for line in lines {
            if line == "BEGIN:VEVENT" { current = [] } else if line == "END:VEVENT" {
                if let finished = current { events.append(finished) }
                current = nil
            } else { current?.append(line) }
        }
        #expect(events.count == 2)
        for event in events {
            #expect(event.filter { $0.hasPrefix("UID:") }.count == 1)
            #expect(event.filter { $0.hasPrefix("DTSTAMP:") }.count == 1)
        }
        #expect(events[0].contains("UID:matinale-2015-04-17@openmap-numeriques.fr"))
        #expect(events[0].contains("DTSTAMP:20150417T000000Z"))
        #expect(events[1].contains("DTSTAMP:20151201T080507Z"))
    }

    @Test func localTimesCarryTheParisTimeZone() {
        let lines = contentLines(sampleCalendar().serialized())
        #expect(lines.contains("DTSTART;TZID=Europe/Paris:20150417T093000"))
        #expect(lines.contains("DTEND;TZID=Europe/Paris:20150417T120000"))
        #expect(lines.contains("DTSTART;TZID=Europe/Paris:20151210T084500"))
    }

    @Test func textValuesAreEscaped() {
        #expect(ICalendarText.escaped(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendarText.escaped("un\ndeux\r\ntrois\rquatre") == #"un\ndeux\ntrois\nquatre"#)
        #expect(ICalendarText.escaped("tab\tok\u{07}bell") == "tab\tokbell")
        let lines = contentLines(sampleCalendar().serialized())
        #expect(lines.contains(
            #"LOCATION:Conseil départemental\, 2 rue de l'Église\, 92000 Nanterre"#))
        #expect(lines.contains(
            #"DESCRIPTION:Présentation des feuilles de route\; rendez-vous bilatéraux\, café.\nInscription obligatoire 🙂"#))
        #expect(lines.contains(#"CATEGORIES:Matinale,Dématérialisation"#))
    }

    @Test func urlIsWrittenAsURIWithoutLineBreaks() {
        var event = winterMatinale()
        event.url = "https://example.fr/a?b=1,2;c\r\nX-INJECTED:1"
        let text = ICalendarDocument(productID: productID, events: [event]).serialized()
        #expect(contentLines(text).contains("URL:https://example.fr/a?b=1,2;cX-INJECTED:1"))
    }

    @Test func optionalPropertiesAreOmittedWhenAbsent() {
        var event = winterMatinale()
        event.categories = ["", ""]
        let lines = contentLines(ICalendarDocument(productID: productID, events: [event]).serialized())
        for property in ["DESCRIPTION", "LOCATION", "URL", "CATEGORIES", "STATUS", "X-WR-CALNAME"] {
            #expect(!lines.contains { $0.hasPrefix(property + ":") })
        }
        #expect(contentLines(sampleCalendar().serialized()).contains("STATUS:CONFIRMED"))
    }

    @Test func lineOfExactly75OctetsIsNotFolded() {
        let line = String(repeating: "a", count: 75)
        #expect(ICalendarText.folded(line) == line)
        let longer = line + "b"
        #expect(ICalendarText.folded(longer) == line + "\r\n b")
    }

    @Test func multiByteCharacterStraddlingTheLimitMovesToTheNextLine() {
        // 74 ASCII octets, then "é" (2 octets) would end at octet 76.
        let line = String(repeating: "a", count: 74) + "éz"
        #expect(ICalendarText.folded(line) == String(repeating: "a", count: 74) + "\r\n éz")
        // "«" (2 octets) fits exactly when it ends at octet 75.
        let exact = String(repeating: "a", count: 73) + "«z"
        #expect(ICalendarText.folded(exact) == String(repeating: "a", count: 73) + "«\r\n z")
    }

    @Test(arguments: [
        "SUMMARY:" + String(repeating: "é", count: 120),
        "DESCRIPTION:" + String(repeating: "« Matinale » ", count: 30),
        "DESCRIPTION:" + String(repeating: "🙂x", count: 60),
        "SUMMARY:a" + String(repeating: "👩‍👩‍👧‍👦", count: 20),
        // One grapheme cluster of 81 octets, longer than a line: split between scalars.
        "SUMMARY:" + "e" + String(repeating: "\u{301}", count: 40) + " fin",
    ])
    func foldingKeepsLinesShortAndUTF8Whole(line: String) {
        let folded = ICalendarText.folded(line)
        let lines = physicalLines(Array((folded + "\r\n").utf8))
        #expect(lines.count > 1)
        for (index, physical) in lines.enumerated() {
            #expect(physical.count <= 75)
            #expect(isValidUTF8(physical))
            #expect((physical.first == 0x20) == (index > 0))
        }
        #expect(Array(unfolded(folded).utf8) == Array(line.utf8))
    }

    @Test func wholeCalendarLinesStayWithin75Octets() {
        var event = springMatinale()
        event.description = String(repeating: "Rendez-vous acheteurs « 🙂 » éèà; ", count: 20)
        let bytes = ICalendarDocument(productID: productID, events: [event]).serializedBytes()
        for line in physicalLines(bytes) {
            #expect(line.count <= 75)
            #expect(isValidUTF8(line))
        }
        let unfolded = contentLines(String(decoding: bytes, as: UTF8.self))
        #expect(unfolded.contains("DESCRIPTION:" + ICalendarText.escaped(event.description ?? "")))
    }

    @Test func outputIsDeterministic() {
        #expect(sampleCalendar().serializedBytes() == sampleCalendar().serializedBytes())
        #expect(sampleCalendar().serializedBytes() == Array(sampleCalendar().serialized().utf8))
    }

    @Test(.enabled(if: Python.hasICalendar, "needs /usr/bin/python3 with icalendar"))
    func pythonICalendarParsesEventsWithParisTimes() throws {
        var calendar = sampleCalendar()
        calendar.events[0].description = String(repeating: "Détails « 🙂 »; suite, ", count: 12)
        let script = """
        import sys, json, icalendar
        calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        events = []
        for event in calendar.walk('VEVENT'):
            events.append({
                'uid': str(event['UID']),
                'start': event.decoded('DTSTART').isoformat(),
                'end': event.decoded('DTEND').isoformat(),
                'summary': str(event['SUMMARY']),
                'description': str(event.get('DESCRIPTION', '')),
                'location': str(event.get('LOCATION', '')),
            })
        print(json.dumps({'version': str(calendar['VERSION']), 'events': events}))
        """
        let result = try #require(Python.run(script: script, input: calendar.serializedBytes()))
        #expect(result.status == 0)
        let parsed = try JSONDecoder().decode(ParsedCalendar.self, from: result.output)
        #expect(parsed.version == "2.0")
        #expect(parsed.events.count == 2)
        #expect(parsed.events.map(\.uid) == calendar.events.map(\.uid))
        #expect(parsed.events.map(\.start) == ["2015-04-17T09:30:00+02:00", "2015-12-10T08:45:00+01:00"])
        #expect(parsed.events.map(\.end) == ["2015-04-17T12:00:00+02:00", "2015-12-10T11:30:00+01:00"])
        #expect(parsed.events.map(\.summary) == calendar.events.map(\.summary))
        #expect(parsed.events[0].description == calendar.events[0].description)
        #expect(parsed.events[0].location == calendar.events[0].location)
    }
}

private struct ParsedCalendar: Decodable {
    struct Event: Decodable {
        var uid: String
        var start: String
        var end: String
        var summary: String
        var description: String
        var location: String
    }
    var version: String
    var events: [Event]
}
