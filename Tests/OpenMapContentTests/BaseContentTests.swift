import Diagnostics
import Testing
@testable import OpenMapContent

@Suite struct BaseContentTests {
    @Test func validBaseLoadsWithoutDiagnostics() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let result = fixture.load()
        let all = result.diagnostics + ContentValidator.validate(result.content)
        #expect(all.isEmpty, "\(all.summary)")
        let content = result.content
        #expect(content.site.title == "OpenMap Numériques")
        #expect(content.themes.map(\.slug) == ["mobilite", "opendata"])
        #expect(content.cpv.map(\.code) == ["48000000-8", "72000000-5"])
        #expect(content.buyers.map(\.slug) == ["paris", "plaine-commune"])
        #expect(content.buyers[0].department == "75")
        #expect(content.suppliers.map(\.slug) == ["acme", "carto-plus"])
        #expect(content.assets == ["assets/logos/plaine-commune.svg", "assets/videos/acme.vtt"])
        let roadmap = try #require(content.roadmaps.first)
        #expect(roadmap.year == 2015 && roadmap.buyer == "plaine-commune")
        #expect(roadmap.needs.map(\.id) == ["sig", "portail"])
        #expect(roadmap.needs[0].budget == .range(min: 10000, max: 50000))
        #expect(roadmap.needs[1].budget == .toBeDefined)
        #expect(roadmap.needs[0].launch == .quarter(Quarter(year: 2015, quarter: 4)))
        #expect(roadmap.needs[1].status == .publie)
        #expect(roadmap.body.location.line == 32)
        #expect(roadmap.body.source.hasPrefix("Le contexte"))
        // A block scalar's Markdown starts on the line after « | ».
        #expect(roadmap.needs[1].summary.location.line == 26)
        #expect(roadmap.needs[1].summary.location.column == 7)
        #expect(roadmap.needs[0].summary.location.line == 17)
        let matinale = try #require(content.matinales.first)
        #expect(matinale.requests.count == 3)
        #expect(matinale.requests[2].priority == 2 && matinale.requests[2].status == .accepte)
        #expect(matinale.requests[1].status == .enAttente)
        #expect(matinale.requests[1].location.line == 3)
        #expect(matinale.availability.count == 1)
        #expect(matinale.meetings?.slots.count == 4)
        #expect(matinale.meetings?.publish == true)
        let pitch = try #require(content.pitches.first)
        #expect(pitch.body.source.contains("Acme présente"))
        #expect(pitch.body.source.contains("Transcription") == false)
        #expect(pitch.transcript?.source.contains("Bonjour") == true)
        #expect(pitch.transcript?.location.line == 15)
        #expect(pitch.video.durationSeconds == 195)
        #expect(content.pages.first?.order == 1)
        #expect(result.sources[fixture.file("site.yaml")]?.hasPrefix("title:") == true)
    }

    @Test func byteOrderMarkAndCRLFAreTolerated() throws {
        let original = Fixture.files["buyers/paris.yaml"] ?? ""
        let requests = Fixture.files["matinales/2015-10-15-usagers/requests.csv"] ?? ""
        let fixture = try Fixture([
            "buyers/paris.yaml": "\u{FEFF}" + original.replacingOccurrences(of: "\n", with: "\r\n"),
            "matinales/2015-10-15-usagers/requests.csv": "\u{FEFF}" + requests
                .replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: "\n", with: "\r\n"),
        ])
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.isEmpty, "\(diagnostics.summary)")
        #expect(fixture.load().content.matinales.first?.requests.count == 3)
    }

    @Test func severalBrokenFilesAreAllReportedInOneRun() throws {
        var changes = Fixture.edit("roadmaps/2015/plaine-commune.md", "theme: mobilite", "theme: mobilté")
        changes.merge(Fixture.edit("buyers/paris.yaml", "kind: commune", "kind: comune")) { $1 }
        changes.merge(Fixture.edit("suppliers/acme.yaml", "size: pme", "size: pme\nsiz: 3")) { $1 }
        changes.merge(Fixture.edit("pages/a-propos.md", "order: 1", "order: \"1\"")) { $1 }
        let fixture = try Fixture(changes)
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics()
        #expect(Set(diagnostics.map(\.code)) == ["unknown-theme", "invalid-enum", "unknown-key", "invalid-type"],
                "\(diagnostics.summary)")
        #expect(Set(diagnostics.map(\.file)).count == 4)
    }

    @Test func brokenBuyerStaysRegisteredSoReferencesDoNotCascade() throws {
        let fixture = try Fixture(["buyers/plaine-commune.yaml": "name: [unclosed\n"])
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.map(\.code) == ["yaml-syntax"], "\(diagnostics.summary)")
        #expect(diagnostics.first?.file == fixture.file("buyers/plaine-commune.yaml"))
    }

    @Test func diagnosticPathsJoinTheDirectoryAsGiven() throws {
        let fixture = try Fixture(Fixture.edit("buyers/paris.yaml", "department: \"75\"", "department: \"13\""))
        defer { fixture.remove() }
        let result = ContentLoader(contentDirectory: fixture.root + "/").load()
        #expect(result.diagnostics.first?.file == fixture.root + "/buyers/paris.yaml")
    }
}
