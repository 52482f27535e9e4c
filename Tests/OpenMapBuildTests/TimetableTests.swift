import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender
import OpenMapTestSupport
import Testing
@testable import OpenMapBuild

let timetableMatinale = "2015-10-15-troisieme-matinale"
let timetableFolder = "matinales/\(timetableMatinale)/rendez-vous/"


@Suite struct PublishedTimetableTests {
    @Test func timetablePagesArePublishedWithNoindexAndOutOfTheSitemap() throws {
        let files = sampleBuild.files
        let overview = page(files, timetableFolder + "index.html")
        #expect(overview.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(overview.contains("Rendez-vous planifiés"))
        let tablePages = files.keys.filter { $0.hasPrefix(timetableFolder + "table-") && $0.hasSuffix("/index.html") }
        #expect(tablePages.count == 20)
        for path in tablePages {
            #expect(page(files, path).contains("noindex"), "\(path)")
        }
        let supplierPages = files.keys.filter { $0.hasPrefix(timetableFolder + "prestataires/") && $0.hasSuffix("/index.html") }
        #expect(supplierPages.count > 60)
        #expect(!page(files, "sitemap.xml").contains("rendez-vous/"))
        // The Matinale page links to its timetable.
        #expect(page(files, "matinales/\(timetableMatinale)/index.html").contains("/\(timetableMatinale)/rendez-vous/\""))
    }

    @Test func organiserExportIsSemicolonSeparatedWithABOMAndOneRowPerMeeting() throws {
        let csv = try #require(sampleBuild.files[timetableFolder + "rendez-vous.csv"])
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: csv.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "table;acheteur;acheteur_nom;debut;fin;prestataire;prestataire_nom;impose")
        let overview = page(sampleBuild.files, timetableFolder + "index.html")
        let scheduled = lines.count - 1
        #expect(scheduled > 100)
        #expect(overview.contains(">\(scheduled)<"))
        let unplaced = try #require(sampleBuild.files[timetableFolder + "demandes-non-placees.csv"])
        #expect(String(decoding: unplaced, as: UTF8.self).contains(";refused;demande refusée"))
    }

    @Test(.enabled(if: Python.hasICalendar, "needs Python's icalendar at /usr/bin/python3"))
    func calendarsParseWithAStandardParser() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-ics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let calendars = sampleBuild.files.filter { $0.key.hasPrefix(timetableFolder) && $0.key.hasSuffix(".ics") }
        #expect(calendars.count > 80)
        var paths: [String] = []
        for (index, (_, data)) in calendars.sorted(by: { $0.key < $1.key }).enumerated() {
            let path = folder.appendingPathComponent("\(index).ics").path
            try data.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let script = """
            import sys, icalendar
            events = 0
            for path in sys.argv[1:]:
                data = open(path, 'rb').read()
                assert b'\\n' not in data.replace(b'\\r\\n', b''), path
                assert all(len(line) <= 75 for line in data.split(b'\\r\\n')), path
                cal = icalendar.Calendar.from_ical(data)
                assert str(cal['VERSION']) == '2.0' and cal['PRODID']
                assert any(c.name == 'VTIMEZONE' for c in cal.walk())
                for e in cal.walk('VEVENT'):
                    start = e['DTSTART'].dt
                    assert start.year == 2015 and start.month == 10 and start.day == 15, start
                    assert str(start.tzinfo) in ('Europe/Paris',) or start.utcoffset().total_seconds() == 7200, start.tzinfo
                    assert e['UID'] and e['DTSTAMP']
                    events += 1
            print(events)
            """
        let result = try #require(Python.run(script: script, arguments: paths))
        #expect(result.status == 0, "\(String(decoding: result.output, as: UTF8.self))")
        // Each meeting appears twice: in its table's calendar and in its supplier's.
        let meetings = String(decoding: sampleBuild.files[timetableFolder + "rendez-vous.csv"] ?? Data(), as: UTF8.self)
            .components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1
        #expect(Int(String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) == 2 * meetings)
    }
}

@Suite struct MatinaleSchedulingTests {
    func matinale(requests: [(String, String, RequestStatus)], windows: [AvailabilityWindow] = [],
                  publish: Bool = true) -> Matinale {
        let here = SourceLocation(file: "x")
        return Matinale(
            slug: "m", number: 1, title: "t", date: LocalDate(year: 2015, month: 10, day: 15),
            start: LocalTime(hour: 9, minute: 0), end: LocalTime(hour: 12, minute: 0),
            venue: Venue(name: "v", address: "a", postcode: "75001", city: "Paris", host: "h"),
            tables: [MatinaleTable(number: 2, buyer: "b2"), MatinaleTable(number: 1, buyer: "b1")],
            meetings: MeetingSettings(start: LocalTime(hour: 10, minute: 0), end: LocalTime(hour: 11, minute: 0),
                                      slotMinutes: 20, publish: publish),
            body: MarkdownText("", at: here),
            requests: requests.map { MeetingRequest(supplier: $0.0, buyer: $0.1, status: $0.2, location: here) },
            availability: windows, location: here)
    }

    @Test func mapsSlugsTablesAndWindowsBothWays() throws {
        let here = SourceLocation(file: "x")
        // s1 can only meet 10:20–10:40; b1 is only there 10:00–10:40.
        let windows = [AvailabilityWindow(participant: "s1", from: LocalTime(hour: 10, minute: 20), to: LocalTime(hour: 10, minute: 40), location: here),
                       AvailabilityWindow(participant: "b1", from: LocalTime(hour: 10, minute: 0), to: LocalTime(hour: 10, minute: 40), location: here)]
        let timetable = try #require(MatinaleScheduling.timetable(for: matinale(requests: [
            ("s1", "b1", .accepte), ("s2", "b1", .accepte), ("s3", "b1", .accepte), ("s1", "b2", .refuse), ("s2", "b2", .enAttente),
        ], windows: windows)))
        #expect(timetable.slots.map(\.start.description) == ["10:00", "10:20", "10:40"])
        // b1 has two usable slots; s1 must take 10:20; one of s2/s3 is left out.
        #expect(timetable.scheduledCount == 2)
        #expect(timetable.upperBound == 2 && timetable.isOptimal)
        let s1 = try #require(timetable.meetings.first { $0.supplier == "s1" })
        #expect(s1.table == 1 && s1.slot == 1 && s1.buyer == "b1")
        #expect(Set(timetable.unplaced.map(\.reason)) == ["buyer-full", "refused", "pending"])
        #expect(timetable.requestCount == 5 && timetable.acceptedCount == 3)
    }

    @Test func unpublishedTimetablesStaySchedulableButOffTheSite() throws {
        let m = matinale(requests: [("s1", "b1", .accepte)], publish: false)
        let timetable = try #require(MatinaleScheduling.timetable(for: m))
        #expect(timetable.scheduledCount == 1 && !timetable.publish)
    }

    @Test func jsonHasTheDocumentedShapeAndIsStable() throws {
        let loaded = ContentLoader(contentDirectory: Repository.content).load()
        let m = try #require(loaded.content.matinales.first { $0.slug == timetableMatinale })
        let first = try #require(MatinaleScheduling.timetable(for: m))
        let second = try #require(MatinaleScheduling.timetable(for: m))
        func withoutSeconds(_ s: String) -> String { s.replacing(/"seconds": [0-9.]+/, with: "") }
        #expect(withoutSeconds(TimetableJSON.encode(first)) == withoutSeconds(TimetableJSON.encode(second)))

        let object = try #require(try JSONSerialization.jsonObject(with: Data(TimetableJSON.encode(first).utf8)) as? [String: Any])
        #expect(object["matinale"] as? String == timetableMatinale)
        let meetings = try #require(object["meetings"] as? [[String: Any]])
        #expect(meetings.count == first.scheduledCount)
        let order = meetings.map { ($0["table"] as? Int ?? 0) * 1000 + ($0["slot"] as? Int ?? 0) }
        #expect(order == order.sorted())
        #expect(Set(meetings.flatMap(\.keys)) == ["supplier", "buyer", "table", "slot", "start", "end"])
        let stats = try #require(object["stats"] as? [String: Any])
        #expect(Set(stats.keys) == ["requests", "accepted", "scheduled", "upper_bound", "optimal", "seconds"])
        #expect(stats["scheduled"] as? Int ?? 0 <= stats["upper_bound"] as? Int ?? 0)
        let unplaced = try #require(object["unplaced"] as? [[String: Any]])
        // An imposed meeting nobody requested is scheduled without a request.
        let requested = Set(m.requests.map { [$0.supplier, $0.buyer] })
        let imposedUnrequested = m.overrides.filter { $0.decision == .imposer && !requested.contains([$0.supplier, $0.buyer]) }.count
        #expect(imposedUnrequested > 0)
        #expect(unplaced.count + first.scheduledCount == first.requestCount + imposedUnrequested)
    }

    @Test func keepingAPreviousTimetableHoldsMeetingsInPlaceAtNoCost() throws {
        let loaded = ContentLoader(contentDirectory: Repository.content).load()
        var m = try #require(loaded.content.matinales.first { $0.slug == timetableMatinale })
        let before = try #require(MatinaleScheduling.timetable(for: m))
        // Late changes: two suppliers withdraw.
        let withdrawn = Set(before.meetings.prefix(2).map(\.supplier))
        m.requests = m.requests.filter { !withdrawn.contains($0.supplier) }
        m.overrides = m.overrides.filter { !withdrawn.contains($0.supplier) }
        let fresh = try #require(MatinaleScheduling.timetable(for: m))
        let previous = before.meetings.map {
            MatinaleScheduling.PreviousMeeting(supplier: $0.supplier, buyer: $0.buyer, start: before.slots[$0.slot].start)
        }
        let kept = try #require(MatinaleScheduling.timetable(for: m, keeping: previous))
        #expect(kept.scheduledCount == fresh.scheduledCount)
        let stillValid = before.meetings.filter { !withdrawn.contains($0.supplier) }
        let unchanged = stillValid.filter { old in kept.meetings.contains { $0.supplier == old.supplier && $0.buyer == old.buyer && $0.slot == old.slot } }
        #expect(Double(unchanged.count) >= 0.9 * Double(stillValid.count), "\(unchanged.count) of \(stillValid.count) kept")
        #expect(kept.keptFromPrevious == unchanged.count)
    }
}
