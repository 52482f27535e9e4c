import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OpenMapContent
import OpenMapTestSupport
import Testing
@testable import OpenMapRender

/// Collects the Atom elements a test checks: which elements hold which text, per entry.
final class AtomCollector: NSObject, XMLParserDelegate {
    struct Element { var name: String; var text = ""; var attributes: [String: String] }
    var stack: [Element] = []
    var feedChildren: [String: String] = [:]
    var feedLinks: [[String: String]] = []
    var entries: [[String: String]] = []
    var entryLinks: [[String: String]] = []
    var rootName: String?
    var rootNamespace: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if stack.isEmpty { rootName = name; rootNamespace = namespaceURI }
        if name == "entry" { entries.append([:]) }
        if name == "link" {
            if stack.last?.name == "feed" { feedLinks.append(attributes) } else if stack.last?.name == "entry" { entryLinks.append(attributes) }
        }
        stack.append(Element(name: name, attributes: attributes))
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = stack.popLast() else { return }
        if stack.last?.name == "feed" { feedChildren[name] = element.text }
        if stack.last?.name == "entry", !entries.isEmpty { entries[entries.count - 1][name] = element.text }
        if stack.last?.name == "author", stack.dropLast().last?.name == "entry", !entries.isEmpty {
            entries[entries.count - 1]["author/" + name] = element.text
        }
    }
}

func isRFC3339(_ text: String) -> Bool {
    text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})/) != nil
}

@Suite struct SupplierFilesTests {
    static let content: SiteContent = {
        var content = CatalogueFixture.content(needCount: 30, firstTitle: "=HYPERLINK(\"http://evil.example\";\"clic\")")
        content.roadmaps[0].needs[0].title = "+33 Portail ; « open data »"
        return content
    }()
    static let files: [OutputFile] = (try? Fixture.render(content).files) ?? []

    @Test func feedsAreWellFormedAtom() throws {
        let feeds = Self.files.map(\.path).filter { $0.hasPrefix("flux/") }
        #expect(feeds.contains("flux/besoins.xml"))
        #expect(feeds.contains("flux/theme/opendata.xml"))
        #expect(feeds.contains("flux/departement/93.xml"))
        for path in feeds {
            let data = Data(try #require(Self.files.bytes(path)))
            let parser = XMLParser(data: data)
            parser.shouldProcessNamespaces = true
            let collector = AtomCollector()
            parser.delegate = collector
            #expect(parser.parse(), "\(path): \(String(describing: parser.parserError))")
            #expect(collector.rootName == "feed" && collector.rootNamespace == "http://www.w3.org/2005/Atom", "\(path)")
            for required in ["id", "title", "updated"] {
                #expect(!(collector.feedChildren[required] ?? "").isEmpty, "\(path) lacks \(required)")
            }
            #expect(isRFC3339(collector.feedChildren["updated"] ?? ""), "\(path)")
            #expect(collector.feedChildren["id"]?.hasPrefix("https://openmap.example.org/flux/") == true)
            #expect(collector.feedLinks.contains { $0["rel"] == "self" })
            #expect(!collector.entries.isEmpty, "\(path)")
            var ids: Set<String> = []
            for entry in collector.entries {
                for required in ["id", "title", "updated", "summary", "content", "author/name"] {
                    #expect(!(entry[required] ?? "").isEmpty, "\(path) entry lacks \(required)")
                }
                #expect(isRFC3339(entry["updated"] ?? ""))
                #expect(ids.insert(entry["id"] ?? "").inserted, "duplicate entry id in \(path)")
                // A feed of suppliers holds suppliers' pages; every other feed, needs'.
                let kind = path.hasPrefix("flux/prestataires") ? "prestataires" : "besoins"
                #expect(entry["id"]?.hasPrefix("https://openmap.example.org/\(kind)/") == true, "\(path): \(entry["id"] ?? "")")
            }
            #expect(collector.entryLinks.allSatisfy { $0["rel"] == "alternate" && $0["href"]?.hasPrefix("https://") == true })
            // The feed's updated is its newest entry's.
            #expect(collector.feedChildren["updated"] == collector.entries.compactMap { $0["updated"] }.max())
        }
        let all = String(decoding: try #require(Self.files.bytes("flux/besoins.xml")), as: UTF8.self)
        #expect(all.contains("<content type=\"html\" xml:base=\"https://openmap.example.org/besoins/"))
        #expect(all.contains("&lt;p&gt;Un portail pour publier nos &lt;strong&gt;données&lt;/strong&gt;.&lt;/p&gt;"))
        // The base fixture's roadmap: updated 2015-05-01.
        #expect(all.contains("<updated>2015-05-01T00:00:00+02:00</updated>"))
    }

    @Test func feedsValidateWithXmllintWhenInstalled() throws {
        let xmllint = "/usr/bin/xmllint"
        guard FileManager.default.isExecutableFile(atPath: xmllint) else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in Self.files.map(\.path).filter({ $0.hasPrefix("flux/") }) {
            let file = folder.appendingPathComponent(path.replacingOccurrences(of: "/", with: "_"))
            try Data(try #require(Self.files.bytes(path))).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments = ["--noout", file.path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(path)")
        }
    }

    @Test func calendarsParseAndAreStable() throws {
        let single = String(decoding: try #require(Self.files.bytes("matinales/2015-04-17-lancement/matinale.ics")), as: UTF8.self)
        #expect(single.contains("UID:matinale-2015-04-17-lancement@openmap.example.org\r\n"))
        #expect(single.contains("DTSTAMP:20150417T000000Z\r\n"))
        #expect(single.contains("DTSTART;TZID=Europe/Paris:20150417T083000\r\n"))
        #expect(single.contains("URL:https://openmap.example.org/matinales/2015-04-17-lancement/\r\n"))
        #expect(single.contains("LOCATION:Hôtel de Région\\, 33 rue Barbet-de-Jouy\\, 75007 Paris"))
        let all = try #require(Self.files.bytes("matinales/matinales.ics"))
        #expect(Self.files.bytes("matinales/2016-05-12-cloture/matinale.ics") == nil)  // a draft
        let page = try #require(Self.files.html("matinales/2015-04-17-lancement/index.html"))
        #expect(page.contains("href=\"matinale.ics\"") || page.contains("href=\"../../matinales/2015-04-17-lancement/matinale.ics\""))
        #expect(page.contains("Ajouter à mon agenda"))

        guard Python.hasICalendar else { return }
        let script = """
        import sys, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        events = [c for c in cal.walk('VEVENT')]
        assert len(events) == 1, len(events)
        e = events[0]
        assert str(e['UID']) == 'matinale-2015-04-17-lancement@openmap.example.org'
        start = e.decoded('DTSTART')
        assert start.utcoffset().total_seconds() == 7200, start
        assert 'Programme' in str(e['DESCRIPTION'])
        print('ok')
        """
        let result = try #require(Python.run(script: script, input: Array(all)))
        #expect(result.status == 0)
        #expect(String(decoding: result.output, as: UTF8.self).contains("ok"))
    }

    @Test func openDataParsesAndNeutralisesFormulas() throws {
        let json = try JSONSerialization.jsonObject(with: Data(try #require(Self.files.bytes("donnees/besoins.json"))))
        let needs = try #require((json as? [String: Any])?["besoins"] as? [[String: Any]])
        #expect(needs.count == 32)
        #expect((json as? [String: Any])?["licence"] as? String == "Licence Ouverte / Etalab 2.0")
        let portal = try #require(needs.first { $0["identifiant"] as? String == "plaine-commune-2015-portail-opendata" })
        #expect(portal["budget_min"] as? Int == 40000)
        #expect(portal["budget_max"] as? Int == 90000)
        #expect(portal["cpv"] as? [String] == ["72000000-5", "48610000"])
        #expect(portal["lancement_trimestre"] as? String == "2015-T4")
        #expect(portal["avis_url"] as? String == "https://marches.example.org/avis/42")
        let sig = try #require(needs.first { $0["identifiant"] as? String == "plaine-commune-2015-sig-mobile" })
        #expect(sig["budget_min"] is NSNull)
        for path in ["donnees/acheteurs.json", "donnees/matinales.json", "besoins/index.json"] {
            #expect((try? JSONSerialization.jsonObject(with: Data(try #require(Self.files.bytes(path))))) != nil, "\(path)")
        }
        let matinales = try JSONSerialization.jsonObject(with: Data(try #require(Self.files.bytes("donnees/matinales.json")))) as? [String: Any]
        let first = try #require((matinales?["matinales"] as? [[String: Any]])?.first)
        #expect(first["debut"] as? String == "2015-04-17T08:30:00+02:00")

        let csvBytes = try #require(Self.files.bytes("donnees/besoins.csv"))
        #expect(Array(csvBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let csv = String(decoding: csvBytes.dropFirst(3), as: UTF8.self)
        let header = try #require(csv.split(separator: "\r\n").first)
        #expect(header.hasPrefix("identifiant;url;titre;resume;acheteur"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\")\""))
        #expect(csv.contains(";\"'+33 Portail ; « open data »\";") || csv.contains(";'+33 Portail"))
        #expect(!csv.contains(";=HYPERLINK"))
        #expect(csv.contains(";40000;90000;"))

        guard Python.isAvailable else { return }
        let script = """
        import sys, csv, io
        text = open(sys.argv[1], encoding='utf-8-sig', newline='').read()
        rows = list(csv.reader(io.StringIO(text), delimiter=';'))
        header = rows[0]
        assert all(len(r) == len(header) for r in rows), 'ragged'
        titles = [r[header.index('titre')] for r in rows[1:]]
        assert not any(t[:1] in '=+-@' for t in titles), titles
        print(len(rows) - 1)
        """
        let result = try #require(Python.run(script: script, input: csvBytes))
        #expect(result.status == 0)
        #expect(String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "32")
    }

    @Test func openDataPageDocumentsEveryField() throws {
        let page = try #require(Self.files.html("donnees/index.html"))
        let builder = CatalogueFixture.builder(Self.content)
        for name in builder.needFields.map(\.name) + builder.buyerFields.map(\.name) + builder.matinaleFields.map(\.name) {
            #expect(page.contains("<th scope=\"row\"><code>\(name)</code></th>"), "\(name)")
        }
        #expect(page.contains("Licence Ouverte / Etalab 2.0"))
        #expect(page.contains("href=\"../donnees/besoins.csv\""))
    }

    @Test func structuredDataAndOpenGraph() throws {
        let matinale = try #require(Self.files.html("matinales/2015-04-17-lancement/index.html"))
        let json = try #require(matinale.firstMatch(of: /<script type="application\/ld\+json">(.*?)<\/script>/)).1
        let event = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(event["@type"] as? String == "Event")
        #expect(event["startDate"] as? String == "2015-04-17T08:30:00+02:00")
        #expect(event["endDate"] as? String == "2015-04-17T12:30:00+02:00")
        #expect(event["eventStatus"] as? String == "https://schema.org/EventScheduled")
        #expect((event["location"] as? [String: Any])?["name"] as? String == "Hôtel de Région")
        #expect((event["organizer"] as? [String: Any])?["name"] as? String == "GIP Maximilien")
        let buyer = try #require(Self.files.html("acheteurs/plaine-commune/index.html"))
        #expect(buyer.contains("\"@type\":\"GovernmentOrganization\""))
        for file in Self.files where file.path.hasSuffix("index.html") {
            let html = try #require(Self.files.html(file.path))
            #expect(html.contains("<meta property=\"og:title\" content=\""), "\(file.path)")
            #expect(html.contains("<meta property=\"og:locale\" content=\"fr_FR\">"), "\(file.path)")
            #expect(html.contains("<meta property=\"og:url\" content=\"https://openmap.example.org/"), "\(file.path)")
        }
        // JSON-LD never closes its script element early.
        var content = Self.content
        content.matinales[0].venue.name = "</script><script>alert(1)</script>"
        let hostile = try #require(try Fixture.render(content).files.html("matinales/2015-04-17-lancement/index.html"))
        #expect(!hostile.contains("<script>alert(1)"))
    }

    @Test func pagesLinkTheirFeeds() throws {
        let catalogue = try #require(Self.files.html("besoins/index.html"))
        #expect(catalogue.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Tous les besoins\" href=\"../flux/besoins.xml\">"))
        #expect(catalogue.contains("S’abonner"))
        let theme = try #require(Self.files.html("besoins/theme/opendata/index.html"))
        #expect(plain(theme).contains("type=\"application/atom+xml\" title=\"Besoins — thème : Open data\" href=\"../../../flux/theme/opendata.xml\">"))
        let department = try #require(Self.files.html("besoins/departement/93/index.html"))
        #expect(department.contains("href=\"../../../flux/departement/93.xml\""))
    }

    /// The 3G budget: the search index for 10 000 needs, gzipped. Writes the sizes to
    /// /tmp/openmap-index-sizes.txt for the report; skips the gzip part without /usr/bin/gzip.
    @Test func searchIndexStaysSmallAtTenThousandNeeds() throws {
        let builder = CatalogueFixture.builder(CatalogueFixture.content(needCount: 10_000, needsPerRoadmap: 50))
        #expect(builder.catalogue.entries.count == 10_002)
        let index = builder.searchIndex()
        let parsed = try JSONSerialization.jsonObject(with: Data(index)) as? [String: Any]
        #expect((parsed?["i"] as? [Any])?.count == 10_002)
        // The cards are made from the index by the one script the catalogue, the directory and
        // the site search share (one format): a little more than the catalogue's own format
        // weighed raw, less gzipped, which is what a phone downloads.
        #expect(index.count < 1_300_000, "\(index.count) bytes")
        guard let gzipped = gzipSize(index) else { return }
        #expect(gzipped < 200_000, "\(gzipped) bytes gzipped")
        let script = try Data(contentsOf: URL(fileURLWithPath: Fixture.templatesDirectory + "/static/listes.js"))
        let scriptGzipped = gzipSize(Array(script)) ?? 0
        let report = "10000 needs: index \(index.count) B, gzip \(gzipped) B; listes.js \(script.count) B, gzip \(scriptGzipped) B\n"
        try? Data(report.utf8).write(to: URL(fileURLWithPath: "/tmp/openmap-index-sizes.txt"))
    }

    func gzipSize(_ bytes: [UInt8]) -> Int? {
        let gzip = "/usr/bin/gzip"
        guard FileManager.default.isExecutableFile(atPath: gzip) else { return nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-gz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data(bytes).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: gzip)
            process.arguments = ["-9", "-c", file.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? data.count : nil
        } catch {
            return nil
        }
    }
}
