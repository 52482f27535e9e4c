import Foundation

/// Writes the same corpus as a plain Markdown site for Hugo: one page per roadmap, buyer,
/// supplier, Matinale (and its timetables), pitch, free page, and optionally per need, plus the
/// section lists — the page set openmap publishes, for a like-for-like timing.
public struct HugoWriter {
    let corpus: Corpus
    let output: URL
    let sample: URL
    let needPages: Bool

    public init(corpus: Corpus, output: URL, sample: URL, needPages: Bool) {
        self.corpus = corpus
        self.output = output
        self.sample = sample
        self.needPages = needPages
    }

    public func write() throws {
        let files = FileManager.default
        try? files.removeItem(at: output)
        let content = output.appendingPathComponent("content")
        for folder in ["feuilles-de-route", "acheteurs", "prestataires", "matinales", "pitchs", "temoignages", "besoins"] {
            try files.createDirectory(at: content.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try save("hugo.toml", """
            baseURL = "https://www.openmap-numeriques.fr/"
            languageCode = "fr"
            title = "OpenMap Numériques"
            theme = "hugo-theme"
            disableKinds = ["taxonomy", "RSS"]
            ignoreErrors = ["error-disable-taxonomy"]
            paginate = 50
            [taxonomies]
            theme = "theme"
            cpv = "cpv"
            departement = "departement"
            lancement = "lancement"
            procedure = "procedure"
            statut = "statut"
            typeacheteur = "typeacheteur"
            [markup.goldmark.renderer]
            unsafe = false

            """)
        try save("content/_index.md", page(title: "OpenMap Numériques", body: "Les feuilles de route achats numériques des acheteurs publics franciliens."))
        let sections = [("feuilles-de-route", "Feuilles de route"), ("acheteurs", "Acheteurs publics"), ("prestataires", "Prestataires"),
                        ("matinales", "Matinales"), ("pitchs", "Pitchs"), ("besoins", "Besoins")]
        for (folder, title) in sections where folder != "besoins" || needPages {
            try save("content/\(folder)/_index.md", page(title: title, body: "Tous les contenus de la rubrique « \(title) »."))
        }
        var testimonials = ""
        for testimonial in corpus.testimonials {
            testimonials += "## \(testimonial.person)\n\n> \(testimonial.body)\n"
        }
        try save("content/temoignages/_index.md", page(title: "Témoignages", body: testimonials))
        let pages = sample.appendingPathComponent("pages")
        for name in ((try? files.contentsOfDirectory(atPath: pages.path)) ?? []).sorted() where name.hasSuffix(".md") {
            try files.copyItem(at: pages.appendingPathComponent(name), to: content.appendingPathComponent(name))
        }

        for (buyerIndex, buyer) in corpus.buyers.enumerated() {
            var body = buyer.description + "\n\n## Feuilles de route\n\n"
            for (year, _) in (corpus.roadmapIndex[buyerIndex] ?? [:]).sorted(by: { $0.key < $1.key }) {
                body += "- [Feuille de route \(year)](/feuilles-de-route/\(year)/\(buyer.slug)/)\n"
            }
            try save("content/acheteurs/\(buyer.slug).md", page(title: buyer.name, body: body))
        }
        for supplier in corpus.suppliers {
            try save("content/prestataires/\(supplier.slug).md",
                     page(title: supplier.name, body: supplier.description + "\n\nThèmes : " + supplier.themes.joined(separator: ", ") + "\n"))
        }
        var years: Set<Int> = []
        for roadmap in corpus.roadmaps {
            let buyer = corpus.buyers[roadmap.buyer]
            if years.insert(roadmap.year).inserted {
                try files.createDirectory(at: content.appendingPathComponent("feuilles-de-route/\(roadmap.year)"), withIntermediateDirectories: true)
            }
            var body = "Acheteur : [\(buyer.name)](/acheteurs/\(buyer.slug)/)\n\n## Besoins\n\n"
            for need in roadmap.needs {
                body += "### \(need.title)\n\n\(need.summary)\n\n"
                body += "- Thème : \(need.theme)\n- Lancement : \(need.launch)\n- Procédure : \(need.procedure)\n- Statut : \(need.status)\n"
                if let budget = need.budget { body += "- Budget : \(budget.min) à \(budget.max) € HT\n" }
                body += "\n"
                if needPages {
                    // The catalogue's facets become Hugo taxonomies (paginated term pages).
                    let facets = "theme: [\(need.theme)]\ncpv: [\(need.cpv.map { "d" + $0.prefix(2) }.joined(separator: ", "))]\n"
                        + "departement: [\"d\(buyer.department)\"]\nlancement: [\(need.launch.lowercased())]\nprocedure: [\(need.procedure)]\n"
                        + "statut: [\(need.status)]\ntypeacheteur: [\(buyer.kind)]\n"
                    try save("content/besoins/\(buyer.slug)-\(roadmap.year)-\(need.id).md",
                             page(title: need.title, body: need.summary + "\n\n- Acheteur : \(buyer.name)\n- Lancement : \(need.launch)\n- Procédure : \(need.procedure)\n",
                                  extra: facets))
                }
            }
            body += hugoLinks(roadmap.body, year: roadmap.year)
            try save("content/feuilles-de-route/\(roadmap.year)/\(buyer.slug).md",
                     page(title: "\(buyer.name) — feuille de route achats numériques \(roadmap.year)", body: body))
        }
        for matinale in corpus.matinales {
            try save("content/matinales/\(matinale.slug).md", page(title: matinale.title, body: matinale.body))
            var overview = "| Table | Acheteur |\n|---|---|\n"
            for (index, buyer) in matinale.tables.enumerated() { overview += "| \(index + 1) | \(corpus.buyers[buyer].name) |\n" }
            try save("content/matinales/\(matinale.slug)-rendez-vous.md",
                     page(title: "Rendez-vous — \(matinale.title)", body: overview, url: "/matinales/\(matinale.slug)/rendez-vous/"))
            for (index, buyer) in matinale.tables.enumerated() {
                try save("content/matinales/\(matinale.slug)-table-\(index + 1).md",
                         page(title: "Table \(index + 1) — \(corpus.buyers[buyer].name)", body: overview,
                              url: "/matinales/\(matinale.slug)/rendez-vous/table-\(index + 1)/"))
            }
            for supplier in Set(matinale.requests.map(\.supplier)).sorted() {
                try save("content/matinales/\(matinale.slug)-\(corpus.suppliers[supplier].slug).md",
                         page(title: "Rendez-vous de \(corpus.suppliers[supplier].name)", body: overview,
                              url: "/matinales/\(matinale.slug)/rendez-vous/\(corpus.suppliers[supplier].slug)/"))
            }
        }
        for pitch in corpus.pitches {
            try save("content/pitchs/\(pitch.slug).md", page(title: pitch.title, body: pitch.body))
        }
    }

    /// Content-file links become site paths, as openmap rewrites them.
    private func hugoLinks(_ body: String, year: Int) -> String {
        var text = body.replacingOccurrences(of: "../../buyers/", with: "/acheteurs/").replacingOccurrences(of: ".yaml)", with: "/)")
        for delta in [0, 1] {
            let linked = year - delta
            text = text.replacingOccurrences(of: "../\(linked)/", with: "/feuilles-de-route/\(linked)/")
        }
        return text.replacingOccurrences(of: ".md#", with: "/#").replacingOccurrences(of: ".md)", with: "/)")
    }

    private func page(title: String, body: String, url: String? = nil, extra: String = "") -> String {
        "---\ntitle: \"\(title.replacingOccurrences(of: "\"", with: "\\\""))\"\n" + (url.map { "url: \"\($0)\"\n" } ?? "") + extra + "---\n" + body
    }

    private func save(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: output.appendingPathComponent(relative))
    }
}
