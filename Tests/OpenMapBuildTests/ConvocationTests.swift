import Foundation
import OpenMapContent
import OpenMapRender
import Testing
@testable import OpenMapBuild

/// Rows of one of the site's CSV files (UTF-8 BOM, `;`, CRLF; the sample needs no quoting).
private func csvRows(_ path: String) throws -> [[String]] {
    let data = try #require(sampleBuild.files[path], "\(path) is missing")
    #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
    return String(decoding: data.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        .map { $0.components(separatedBy: ";") }
}

private func html(_ path: String) -> String { String(decoding: sampleBuild.files[path] ?? Data(), as: UTF8.self) }

@Suite struct ConvocationTests {
    @Test func theSampleShowsItsImposedMeetingsExclusionAndTwoSeats() throws {
        let loaded = ContentLoader(contentDirectory: Repository.content).load()
        let matinale = try #require(loaded.content.matinales.first { $0.slug == timetableMatinale })
        let timetable = try #require(MatinaleScheduling.timetable(for: matinale))
        func slot(_ time: String) -> Int? { timetable.slots.firstIndex { $0.start.description == time } }
        let imposed = timetable.meetings.filter(\.imposed)
        #expect(imposed.count == 4)
        // DataVilles comes with two people: two tables at 10:05, as imposed.
        let dataVilles = timetable.meetings.filter { $0.supplier == "datavilles" && $0.slot == slot("10:05") }
        #expect(Set(dataVilles.map(\.table)) == [1, 8])
        #expect(imposed.contains { $0.supplier == "vigie-cyber" && $0.table == 3 && $0.slot == slot("11:25") })
        // Imposed though nobody asked for it.
        #expect(imposed.contains { $0.supplier == "indicia" && $0.buyer == "ville-de-paris" })
        #expect(!matinale.requests.contains { $0.supplier == "indicia" && $0.buyer == "ville-de-paris" })
        // Excluded though requested and accepted.
        #expect(!timetable.meetings.contains { $0.supplier == "lumisoft" && $0.buyer == "plaine-commune" })
        #expect(timetable.unplaced.contains { $0.supplier == "lumisoft" && $0.buyer == "plaine-commune" && $0.reason == "excluded" })

        let overview = html(timetableFolder + "index.html")
        #expect(overview.contains("rendez-vous imposé"))
        #expect(overview.contains("écartée par les organisateurs"))
        #expect(html(timetableFolder + "prestataires/datavilles/index.html").contains("2 représentants"))
        #expect(html("matinales/\(timetableMatinale)/index.html").contains("dont 4 rendez-vous imposés"))
    }

    @Test func mailMergeFilesHaveOneRowPerMeeting() throws {
        let meetings = try csvRows(timetableFolder + "rendez-vous.csv").dropFirst()
        let header = ["organisation", "personne", "email", "table", "debut", "fin", "interlocuteur", "themes", "impose"]
        for name in ["convocations-prestataires.csv", "convocations-tables.csv"] {
            let rows = try csvRows(timetableFolder + name)
            #expect(rows.first == header, "\(name)")
            #expect(rows.count - 1 == meetings.count, "\(name)")
            #expect(rows.dropFirst().filter { $0.last == "oui" }.count == 4, "\(name)")
            #expect(rows.dropFirst().allSatisfy { $0.count == header.count && Int($0[3]) != nil }, "\(name)")
        }
        let tables = try csvRows(timetableFolder + "convocations-tables.csv").dropFirst()
        // Table 1's buyer, its representatives, and the contact e-mail of its roadmap.
        let first = try #require(tables.first)
        #expect(first[0] == "Plaine Commune" && first[1] == "Omer Laurin, Nadia Ferhat" && first[2].contains("@"))
        #expect(tables.map { Int($0[3]) ?? 0 } == tables.map { Int($0[3]) ?? 0 }.sorted())
        let suppliers = try csvRows(timetableFolder + "convocations-prestataires.csv").dropFirst()
        let dataVilles = suppliers.filter { $0[0] == "DataVilles" }
        #expect(dataVilles.count == 2 && dataVilles.allSatisfy { $0[4] == "10:05" && $0[8] == "oui" })
        #expect(dataVilles.contains { $0[6] == "Plaine Commune (Omer Laurin, Nadia Ferhat)" })
        // The supplier's contact, from its file; none for one that gives none.
        #expect(dataVilles.allSatisfy { $0[1] == "Julien Marchetti" && $0[2] == "secteur-public@datavilles.example" })
        let indicia = suppliers.filter { $0[0] == "Indicia" }
        #expect(!indicia.isEmpty && indicia.allSatisfy { $0[1].isEmpty && $0[2].isEmpty })
    }

    @Test func slotPagesAndTheGridAreNoindexAndOutOfTheSitemap() throws {
        let slots = sampleBuild.files.keys.filter { $0.hasPrefix(timetableFolder + "creneau-") && $0.hasSuffix("/index.html") }.sorted()
        #expect(slots.count == 7)
        #expect(slots.first == timetableFolder + "creneau-0945/index.html")
        let grid = html(timetableFolder + "grille/index.html")
        for page in slots.map(html) + [grid] {
            #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
            #expect(page.contains("<body class=\"printable\">"))
        }
        #expect(!html("sitemap.xml").contains("grille") && !html("sitemap.xml").contains("creneau-"))
        // 10:05: tables 1 and 8 have DataVilles, imposed; every one of the 20 tables has its row.
        let tenOFive = html(timetableFolder + "creneau-1005/index.html")
        #expect(tenOFive.contains("10\u{A0}h\u{A0}05\u{A0}: qui est à quelle table"))
        #expect(tenOFive.components(separatedBy: "<th scope=\"row\">").count - 1 == 20)
        #expect(tenOFive.components(separatedBy: "rendez-vous imposé").count - 1 == 2)
        // The grid: 20 tables × 7 slots, each meeting in its cell.
        #expect(grid.components(separatedBy: "<th scope=\"row\">").count - 1 == 20)
        let meetings = try csvRows(timetableFolder + "rendez-vous.csv").count - 1
        let filled = grid.components(separatedBy: "<td>").dropFirst().filter { !$0.hasPrefix("</td>") }.count
        #expect(filled == meetings)
    }
}
