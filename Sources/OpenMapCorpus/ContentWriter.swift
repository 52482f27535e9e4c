import Foundation

/// Writes a corpus in openmap's content format (content-model.md).
public struct ContentWriter {
    let corpus: Corpus
    let output: URL
    /// The sample content folder: site.yaml, themes.yaml, cpv.yaml and pages/ come from it.
    let sample: URL

    public init(corpus: Corpus, output: URL, sample: URL) {
        self.corpus = corpus
        self.output = output
        self.sample = sample
    }

    public func write() throws {
        let files = FileManager.default
        for folder in ["buyers", "suppliers", "roadmaps", "matinales", "pitches", "testimonials", "pages"] {
            try files.createDirectory(at: output.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for name in ["site.yaml", "themes.yaml", "cpv.yaml"] {
            try copy(sample.appendingPathComponent(name), to: output.appendingPathComponent(name))
        }
        // The sample's audit grid names the sample's pages; a generated site, never audited, says so.
        if files.fileExists(atPath: sample.appendingPathComponent("accessibilite.yaml").path) {
            let site = output.appendingPathComponent("site.yaml")
            let text = try String(contentsOf: site, encoding: .utf8)
            try Data((text + "accessibility:\n  status: non-conforme\n").utf8).write(to: site)
        }
        let pages = sample.appendingPathComponent("pages")
        for name in ((try? files.contentsOfDirectory(atPath: pages.path)) ?? []).sorted() where name.hasSuffix(".md") {
            try copy(pages.appendingPathComponent(name), to: output.appendingPathComponent("pages/" + name))
        }

        for buyer in corpus.buyers {
            try save("buyers/\(buyer.slug).yaml", """
                name: \(quote(buyer.name))
                kind: \(buyer.kind)
                department: "\(buyer.department)"
                website: https://www.\(buyer.slug).example.fr
                description: \(quote(buyer.description))

                """)
        }
        for supplier in corpus.suppliers {
            var text = """
                name: \(quote(supplier.name))
                size: \(supplier.size)
                website: https://www.\(supplier.slug).example
                city: \(quote(supplier.city))
                postcode: "\(supplier.postcode)"

                """
            if let department = supplier.department { text += "department: \"\(department)\"\n" }
            text += """
                themes: [\(supplier.themes.joined(separator: ", "))]
                cpv: [\(supplier.cpv.map { "\"\($0)\"" }.joined(separator: ", "))]
                description: \(quote(supplier.description))

                """
            if let contact = supplier.contact {
                text += "contact:\n  name: \(quote(contact.name))\n  email: \(contact.email)\n"
            }
            if !supplier.references.isEmpty {
                text += "references:\n"
                for reference in supplier.references {
                    text += "  - title: \(quote(reference.title))\n"
                    if let buyer = reference.buyer { text += "    buyer: \(corpus.buyers[buyer].slug)\n" }
                    text += "    year: \(reference.year)\n"
                }
            }
            try save("suppliers/\(supplier.slug).yaml", text)
        }
        var yearFolders: Set<Int> = []
        for roadmap in corpus.roadmaps {
            if yearFolders.insert(roadmap.year).inserted {
                try files.createDirectory(at: output.appendingPathComponent("roadmaps/\(roadmap.year)"), withIntermediateDirectories: true)
            }
            try save("roadmaps/\(roadmap.year)/\(corpus.buyers[roadmap.buyer].slug).md", roadmapFile(roadmap))
        }
        for matinale in corpus.matinales {
            try files.createDirectory(at: output.appendingPathComponent("matinales/\(matinale.slug)"), withIntermediateDirectories: true)
            try save("matinales/\(matinale.slug)/index.md", matinaleFile(matinale))
            var csv = "supplier,buyer,priority,status\n"
            for request in matinale.requests {
                csv += "\(corpus.suppliers[request.supplier].slug),\(corpus.buyers[request.buyer].slug),\(request.priority),\(request.status)\n"
            }
            try save("matinales/\(matinale.slug)/requests.csv", csv)
        }
        for pitch in corpus.pitches {
            try save("pitches/\(pitch.slug).md", """
                ---
                title: \(quote(pitch.title))
                supplier: \(corpus.suppliers[pitch.supplier].slug)
                matinale: \(corpus.matinales[pitch.matinale].slug)
                themes: [\(pitch.themes.joined(separator: ", "))]
                video:
                  provider: youtube
                  id: "\(pitch.videoID)"
                  duration: "03:\(Corpus.two(pitch.slug.count % 60))"
                ---
                \(pitch.body)
                """)
        }
        for testimonial in corpus.testimonials {
            try save("testimonials/\(testimonial.slug).md", """
                ---
                person: \(quote(testimonial.person))
                role: Directeur de la commande publique
                organisation: \(quote(corpus.buyers[testimonial.buyer].name))
                buyer: \(corpus.buyers[testimonial.buyer].slug)
                matinale: \(corpus.matinales[testimonial.matinale].slug)
                date: \(testimonial.date)
                ---
                \(testimonial.body)
                """)
        }
    }

    private func roadmapFile(_ roadmap: PlannedRoadmap) -> String {
        let buyer = corpus.buyers[roadmap.buyer]
        var text = """
            ---
            title: \(quote("\(buyer.name) — feuille de route achats numériques \(roadmap.year)"))
            published: \(roadmap.year)-06-15
            horizon:
              from: \(roadmap.year)-07
              to: \(roadmap.year + 1)-12
            contact:
              name: \(quote("\(Vocabulary.firstNames[roadmap.buyer % 12]) \(Vocabulary.lastNames[roadmap.year % 12])"))
              role: Responsable des achats numériques
              email: achats@\(buyer.slug).example.fr
            needs:

            """
        for need in roadmap.needs {
            text += "  - id: \(need.id)\n"
            text += "    title: \(quote(need.title))\n"
            text += "    theme: \(need.theme)\n"
            if !need.cpv.isEmpty { text += "    cpv: [\(need.cpv.map { "\"\($0)\"" }.joined(separator: ", "))]\n" }
            text += "    summary: \(quote(need.summary))\n"
            if let budget = need.budget {
                text += "    budget: {min: \(budget.min), max: \(budget.max)}\n"
            } else {
                text += "    budget: a-definir\n"
            }
            text += "    launch: \(need.launch)\n"
            text += "    procedure: \(need.procedure)\n"
            text += "    status: \(need.status)\n"
        }
        return text + "---\n" + roadmap.body
    }

    private func matinaleFile(_ matinale: PlannedMatinale) -> String {
        var text = """
            ---
            number: \(matinale.number)
            title: \(quote(matinale.title))
            date: \(matinale.date)
            start: "08:30"
            end: "12:30"
            venue:
              name: Hôtel de ville
              address: 1 place de la Mairie
              postcode: "93200"
              city: Saint-Denis
              host: \(quote(corpus.buyers[matinale.tables[0]].name))
            programme:
              - time: "08:30"
                kind: accueil
                title: Accueil des participants
              - time: "09:00"
                kind: table-ronde
                title: \(quote(matinale.title))
              - time: "09:45"
                kind: rendez-vous
                title: Rendez-vous bilatéraux
              - time: "12:25"
                kind: cloture
                title: Clôture
            tables:

            """
        for (index, buyer) in matinale.tables.enumerated() {
            text += "  - number: \(index + 1)\n    buyer: \(corpus.buyers[buyer].slug)\n"
            text += "    representatives: [\(quote("\(Vocabulary.firstNames[index % 12]) \(Vocabulary.lastNames[(index + 3) % 12])"))]\n"
        }
        text += """
            meetings:
              start: "09:45"
              end: "12:25"
              slot_minutes: 15
              gap_minutes: 5
              max_per_supplier: 4
              breaks:
                - start: "11:00"
                  end: "11:20"
              publish: true
            ---

            """
        return text + matinale.body
    }

    private func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func save(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: output.appendingPathComponent(relative))
    }

    private func copy(_ source: URL, to destination: URL) throws {
        try? FileManager.default.removeItem(at: destination)
        try FileManager.default.copyItem(at: source, to: destination)
    }
}
