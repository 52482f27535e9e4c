import Diagnostics
import Foundation
@testable import OpenMapContent

/// A small valid content tree in a temporary folder; tests mutate one file and load it.
struct Fixture {
    let root: String

    static let files: [String: String] = [
        "site.yaml": """
        title: OpenMap Numériques
        base_url: https://openmap.example.fr
        language: fr
        description: Les feuilles de route achats numériques des acheteurs publics franciliens
        organisation:
          name: Association OpenMap
          address: 1 rue de Paris, 75001 Paris
          phone: 01 23 45 67 89
        publication_director: Jeanne Martin
        host:
          name: Hébergeur SAS
          address: 2 rue de Lyon, 69001 Lyon
          phone: 04 00 00 00 00
        contact:
          name: Jeanne Martin
          role: Coordinatrice
          email: contact@openmap.example.fr
          phone: 01 23 45 67 89
        navigation:
          - title: Feuilles de route
            path: /feuilles-de-route/
        accessibility:
          status: partielle
          audit_date: 2015-09-01

        """,
        "themes.yaml": """
        - slug: mobilite
          label: Mobilité
          description: Transports et déplacements
        - slug: opendata
          label: Open data
          description: Données ouvertes

        """,
        "cpv.yaml": """
        - code: 72000000-5
          label: Services de technologies de l'information
        - code: 48000000-8
          label: Logiciels et systèmes d'information

        """,
        "buyers/plaine-commune.yaml": """
        name: Plaine Commune
        kind: intercommunalite
        department: 93
        siret: "73282932000074"
        website: https://plainecommune.fr
        logo: assets/logos/plaine-commune.svg
        description: Établissement public territorial.

        """,
        "buyers/paris.yaml": """
        name: Ville de Paris
        kind: commune
        department: "75"

        """,
        "suppliers/acme.yaml": """
        name: Acme
        siren: "732829320"
        size: pme
        city: Montreuil
        themes: [mobilite, opendata]
        postcode: "93100"
        department: "93"
        cpv: ["72", 48000000-8]
        contact:
          name: Jeanne Martin
          role: Directrice commerciale
          email: jeanne.martin@acme.example
          phone: 01 23 45 67 89
        references:
          - title: Portail open data
            buyer: plaine-commune
            year: 2014
          - title: Application mobile de signalement
            year: 2013

        """,
        "suppliers/carto-plus.yaml": """
        name: Carto Plus
        size: tpe
        themes:
          - opendata

        """,
        "roadmaps/2015/plaine-commune.md": """
        ---
        title: Feuille de route 2015
        published: 2015-04-17
        updated: 2015-06-01
        horizon:
          from: 2015-04
          to: 2016-09
        contact:
          name: Paul Durand
          role: Acheteur
          email: paul@example.fr
        needs:
          - id: sig
            title: Système d'information géographique
            theme: mobilite
            cpv: [72000000-5]
            summary: Un SIG pour le territoire.
            budget: {min: 10000, max: 50000}
            launch: 2015-T4
            procedure: procedure-adaptee
            status: envisage
          - id: portail
            title: Portail open data
            theme: opendata
            summary: |
              Un portail.
            budget: a-definir
            launch: 2016-03
            status: publie
            tender_url: https://marches.example.fr/123
        ---
        Le contexte de la feuille de route.

        """,
        "matinales/2015-10-15-usagers/index.md": """
        ---
        number: 1
        title: Le numérique au service des usagers
        date: 2015-10-15
        start: "08:30"
        end: "12:30"
        venue:
          name: Hôtel de région
          address: 2 rue Simone Veil
          postcode: "93400"
          city: Saint-Ouen
          host: Conseil régional d'Île-de-France
        programme:
          - time: "08:30"
            kind: accueil
            title: Accueil café
          - time: "09:00"
            kind: table-ronde
            title: Table ronde
            speakers: [Paul Durand]
          - time: "10:00"
            kind: rendez-vous
            title: Rendez-vous
        round_table:
          title: Les usagers d'abord
          moderator: Jeanne Martin
          speakers:
            - name: Paul Durand
              role: Acheteur
              organisation: Plaine Commune
              buyer: plaine-commune
        tables:
          - number: 1
            buyer: plaine-commune
            representatives: [Paul Durand]
          - number: 2
            buyer: paris
        meetings:
          start: "10:00"
          end: "12:00"
          slot_minutes: 20
          gap_minutes: 5
          breaks:
            - start: "11:00"
              end: "11:15"
        ---
        Une matinée d'échanges.

        """,
        "matinales/2015-10-15-usagers/requests.csv": """
        supplier,buyer,priority,status
        acme,plaine-commune,1,accepte
        acme,paris,2,en-attente
        carto-plus,plaine-commune,,

        """,
        "matinales/2015-10-15-usagers/availability.csv": """
        participant,from,to
        acme,10:00,11:00

        """,
        "pitches/acme-mobilite.md": """
        ---
        title: Acme et la mobilité
        supplier: acme
        matinale: 2015-10-15-usagers
        themes: [mobilite]
        video:
          provider: youtube
          id: abc123
          duration: "03:15"
          captions: assets/videos/acme.vtt
        ---
        Acme présente son offre.

        ## Transcription

        Bonjour à tous.

        """,
        "testimonials/paul-durand.md": """
        ---
        person: Paul Durand
        role: Acheteur
        organisation: Plaine Commune
        buyer: plaine-commune
        matinale: 2015-10-15-usagers
        date: 2015-10-15
        ---
        « Une rencontre utile. »

        """,
        "pages/a-propos.md": """
        ---
        title: À propos
        description: Qui sommes-nous
        order: 1
        draft: false
        ---
        Le programme OpenMap.

        """,
        "assets/logos/plaine-commune.svg": "<svg/>",
        "assets/videos/acme.vtt": "WEBVTT\n",
    ]

    /// Writes the base tree, with `changes` replacing (or, for nil, removing) files.
    init(_ changes: [String: String?] = [:]) throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("openmap-content-\(UUID().uuidString)")
        root = base.path
        var files = Self.files
        for (path, text) in changes { files[path] = text }
        for (path, text) in files {
            let url = base.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// The base file with `old` replaced by `new` (which must occur).
    static func edit(_ path: String, _ old: String, _ new: String) -> [String: String?] {
        let text = files[path] ?? ""
        precondition(text.contains(old), "fixture \(path) has no « \(old) »")
        return [path: text.replacingOccurrences(of: old, with: new)]
    }

    func file(_ relative: String) -> String { root + "/" + relative }

    /// Loads and validates: every diagnostic of both phases.
    func diagnostics() -> [Diagnostic] {
        let result = ContentLoader(contentDirectory: root).load()
        return result.diagnostics + ContentValidator.validate(result.content)
    }

    func load() -> LoadResult { ContentLoader(contentDirectory: root).load() }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

extension [Diagnostic] {
    func with(code: String) -> [Diagnostic] { filter { $0.code == code } }
    var summary: String { map { "\($0.file):\($0.line):\($0.column): \($0.severity)[\($0.code)]: \($0.message)" }.joined(separator: "\n") }
}
