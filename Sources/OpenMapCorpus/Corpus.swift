// The generated corpus, planned in memory before it is written in either format.

public struct PlannedBuyer {
    var slug: String
    var name: String
    var kind: String
    var department: String
    var description: String
}

public struct PlannedSupplier {
    var slug: String
    var name: String
    var size: String
    var city: String
    var themes: [String]
    var description: String
    /// 5 digits; the department, when given, is written apart (else taken from the postcode).
    var postcode: String = "93100"
    var department: String?
    /// Codes of the corpus's list and two-digit divisions.
    var cpv: [String] = []
    var contact: (name: String, email: String)?
    var references: [(title: String, buyer: Int?, year: Int)] = []
}

public struct PlannedNeed {
    var id: String
    var title: String
    var theme: String
    var cpv: [String]
    var summary: String
    /// nil: « a-definir ».
    var budget: (min: Int, max: Int)?
    var launch: String
    var procedure: String
    var status: String
}

public struct PlannedRoadmap {
    var year: Int
    var buyer: Int
    var needs: [PlannedNeed]
    var body: String
}

public struct PlannedMatinale {
    var slug: String
    var number: Int
    var title: String
    var date: String
    var tables: [Int]
    var requests: [(supplier: Int, buyer: Int, priority: Int, status: String)]
    var body: String
}

public struct PlannedPitch {
    var slug: String
    var title: String
    var supplier: Int
    var matinale: Int
    var themes: [String]
    var videoID: String
    var body: String
}

public struct PlannedTestimonial {
    var slug: String
    var person: String
    var buyer: Int
    var matinale: Int
    var date: String
    var body: String
}

public struct Corpus {
    static let firstYear = 2015

    public internal(set) var buyers: [PlannedBuyer] = []
    public internal(set) var suppliers: [PlannedSupplier] = []
    public internal(set) var roadmaps: [PlannedRoadmap] = []
    public internal(set) var matinales: [PlannedMatinale] = []
    public internal(set) var pitches: [PlannedPitch] = []
    public internal(set) var testimonials: [PlannedTestimonial] = []
    var themeSlugs: [String]
    var cpvCodes: [String]

    /// Roadmap index by (buyer, year), for links between roadmaps.
    var roadmapIndex: [Int: [Int: Int]] = [:]

    public var needCount: Int { roadmaps.reduce(0) { $0 + $1.needs.count } }
    var years: Int

    public init(needs total: Int, seed: UInt64, themeSlugs: [String], cpvCodes: [String]) {
        var random = SeededRandom(seed: seed)
        self.themeSlugs = themeSlugs
        self.cpvCodes = cpvCodes
        let roadmapCount = max(1, (total * 2 + 8) / 9)  // about 4.5 needs per roadmap
        years = min(10, max(1, roadmapCount / 4))
        let buyerCount = (roadmapCount + years - 1) / years

        for index in 0..<buyerCount {
            let town = Vocabulary.towns[index % Vocabulary.towns.count]
            let kind = Vocabulary.buyerKinds[(index / Vocabulary.towns.count) % Vocabulary.buyerKinds.count]
            let round = index / (Vocabulary.towns.count * Vocabulary.buyerKinds.count)
            let elided = kind.prefix.hasSuffix(" de") && "AEÉIOUY".contains(town.first ?? "x")
            let name = (elided ? "\(kind.prefix.dropLast(3)) d’\(town)" : "\(kind.prefix) \(town)") + (round > 0 ? " \(round + 1)" : "")
            let slug = Self.slug(name)
            let sentences = (0..<2).map { _ in random.pick(Vocabulary.contextSentences) }.joined(separator: " ")
            buyers.append(PlannedBuyer(slug: slug, name: name, kind: kind.kind,
                                       department: random.pick(Vocabulary.departments),
                                       description: "\(name) publie sa feuille de route achats numériques. \(sentences)"))
        }

        let supplierCount = max(20, total / 20)
        for index in 0..<supplierCount {
            let stem = Vocabulary.supplierStems[index % Vocabulary.supplierStems.count]
            let suffix = Vocabulary.supplierSuffixes[(index / Vocabulary.supplierStems.count) % Vocabulary.supplierSuffixes.count]
            let round = index / (Vocabulary.supplierStems.count * Vocabulary.supplierSuffixes.count)
            let name = stem + suffix.capitalized + (round > 0 ? " \(round + 1)" : "")
            let themes = random.distinct(2, of: themeSlugs.count).sorted().map { themeSlugs[$0] }
            suppliers.append(PlannedSupplier(
                slug: Self.slug(name), name: name, size: random.pick(Vocabulary.sizes),
                city: random.pick(Vocabulary.towns), themes: themes,
                description: "Éditeur et intégrateur francilien, **\(name)** accompagne les collectivités : "
                    + random.pick(Vocabulary.listItems) + ", " + random.pick(Vocabulary.listItems) + "."))
        }

        // The contract's other supplier fields, drawn apart so that the rest of the corpus stays as it was.
        var details = SeededRandom(seed: seed &+ 18)
        let divisions = Array(Set(cpvCodes.map { String($0.prefix(2)) })).sorted()
        for index in suppliers.indices {
            let department = details.pick(Vocabulary.departments + ["69", "59"])
            let number = details.between(0, 99) * 10
            suppliers[index].postcode = department + (number < 10 ? "00" : number < 100 ? "0" : "") + String(number)
            if details.chance(30) { suppliers[index].department = department }
            suppliers[index].cpv = cpvCodes.isEmpty ? [] : details.distinct(details.between(0, 2), of: cpvCodes.count).map { cpvCodes[$0] }
                + (details.chance(40) && !divisions.isEmpty ? [details.pick(divisions)] : [])
            if details.chance(50) {
                suppliers[index].contact = ("\(details.pick(Vocabulary.firstNames)) \(details.pick(Vocabulary.lastNames))",
                                            "contact@\(suppliers[index].slug).example")
            }
            for _ in 0..<details.below(3) {
                suppliers[index].references.append((title: details.pick(Vocabulary.needs).title,
                                                    buyer: details.chance(70) ? details.below(buyerCount) : nil,
                                                    year: details.between(2011, 2014)))
            }
        }

        var remaining = total
        var roadmapNumber = 0
        while remaining > 0 {
            let buyer = roadmapNumber % buyerCount
            let year = Self.firstYear + roadmapNumber / buyerCount
            let count = min(remaining, random.between(4, 5))
            remaining -= count
            var needs: [PlannedNeed] = []
            for (position, template) in random.distinct(count, of: Vocabulary.needs.count).enumerated() {
                let need = Vocabulary.needs[template]
                let theme = themeSlugs.contains(need.theme) ? need.theme : themeSlugs[0]
                let cpv = cpvCodes.isEmpty ? [] : random.distinct(random.between(1, 2), of: cpvCodes.count).map { cpvCodes[$0] }
                let minimum = random.between(1, 60) * 5_000
                let quarter = position % 2 == 0 ? "\(year)-T\(random.between(3, 4))" : "\(year + 1)-T\(random.between(1, 4))"
                var status = random.pick(Vocabulary.statuses)
                if status == "publie" { status = "en-preparation" }  // published needs want a tender URL
                needs.append(PlannedNeed(
                    id: need.id, title: need.title, theme: theme, cpv: cpv, summary: need.summary,
                    budget: random.chance(85) ? (minimum, minimum * random.between(1, 3)) : nil,
                    launch: quarter, procedure: random.pick(Vocabulary.procedures), status: status))
            }
            roadmaps.append(PlannedRoadmap(year: year, buyer: buyer, needs: needs, body: ""))
            roadmapIndex[buyer, default: [:]][year] = roadmaps.count - 1
            roadmapNumber += 1
        }
        for index in roadmaps.indices {
            roadmaps[index].body = roadmapBody(roadmaps[index], random: &random)
        }

        let matinaleCount = max(2, total / 2500)
        for index in 0..<matinaleCount {
            let year = Self.firstYear + index * years / matinaleCount
            let month = [4, 6, 10, 12][index % 4]
            let date = "\(year)-\(Self.two(month))-\(Self.two(10 + index % 15))"
            let title = Vocabulary.matinaleTitles[index % Vocabulary.matinaleTitles.count]
            let slug = "\(date)-matinale-\(index + 1)"
            let tables = random.distinct(min(10, buyerCount), of: buyerCount)
            var requests: [(Int, Int, Int, String)] = []
            for supplier in random.distinct(min(30, supplierCount), of: supplierCount).sorted() {
                for tableIndex in random.distinct(min(2, tables.count), of: tables.count).sorted() {
                    requests.append((supplier, tables[tableIndex], random.between(1, 3), random.chance(90) ? "accepte" : "en-attente"))
                }
            }
            matinales.append(PlannedMatinale(
                slug: slug, number: index + 1, title: title, date: date, tables: tables, requests: requests,
                body: "Rendez-vous le **\(date)** pour la Rencontre de l’Achat Public Numérique consacrée au thème « \(title) ».\n\n"
                    + "## Les rendez-vous bilatéraux\n\n" + (0..<3).map { _ in "- " + random.pick(Vocabulary.listItems) }.joined(separator: "\n")
                    + "\n\n" + random.pick(Vocabulary.contextSentences) + "\n"))
        }

        let pitchCount = max(3, total / 250)
        for index in 0..<pitchCount {
            let supplier = random.below(supplierCount)
            let name = suppliers[supplier].name
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            let videoID = String((0..<11).map { _ in random.pick(alphabet) })
            pitches.append(PlannedPitch(
                slug: "pitch-\(index + 1)-\(suppliers[supplier].slug)", title: "\(name) : \(Vocabulary.needs[index % Vocabulary.needs.count].title.lowercased())",
                supplier: supplier, matinale: index % matinaleCount, themes: suppliers[supplier].themes, videoID: videoID,
                body: "\(name) présente une réalisation récente pour une collectivité francilienne.\n\n"
                    + random.pick(Vocabulary.contextSentences) + "\n\n## Transcription\n\n"
                    + "Bonjour, je suis \(random.pick(Vocabulary.firstNames)) \(random.pick(Vocabulary.lastNames)), de \(name). "
                    + random.pick(Vocabulary.contextSentences) + "\n"))
        }

        let testimonialCount = max(2, total / 5000)
        for index in 0..<testimonialCount {
            let person = "\(Vocabulary.firstNames[index % Vocabulary.firstNames.count]) \(Vocabulary.lastNames[(index * 5) % Vocabulary.lastNames.count])"
            let matinale = index % matinaleCount
            testimonials.append(PlannedTestimonial(
                slug: Self.slug(person) + "-\(index + 1)", person: person, buyer: matinales[matinale].tables[0],
                matinale: matinale, date: matinales[matinale].date,
                body: "La Matinale nous a permis de rencontrer des entreprises que nous ne connaissions pas. "
                    + random.pick(Vocabulary.contextSentences) + "\n"))
        }
    }

    private func roadmapBody(_ roadmap: PlannedRoadmap, random: inout SeededRandom) -> String {
        let buyer = buyers[roadmap.buyer]
        var body = "## Contexte\n\n"
        body += (0..<3).map { _ in random.pick(Vocabulary.contextSentences) }.joined(separator: " ") + "\n\n"
        body += "Nos attentes envers les prestataires :\n\n"
        body += random.distinct(3, of: Vocabulary.listItems.count).map { "- " + Vocabulary.listItems[$0] }.joined(separator: "\n") + "\n\n"
        body += "## Calendrier\n\n| Besoin | Lancement | Procédure |\n|---|---|---|\n"
        for need in roadmap.needs {
            body += "| \(need.title) | \(need.launch) | \(need.procedure.replacingOccurrences(of: "-", with: " ")) |\n"
        }
        body += "\n## Pour aller plus loin\n\n"
        if let previous = roadmapIndex[roadmap.buyer]?[roadmap.year - 1], previous >= 0 {
            body += "- La [feuille de route \(roadmap.year - 1)](../\(roadmap.year - 1)/\(buyer.slug).md#calendrier) de \(buyer.name).\n"
        }
        let other = random.below(buyers.count)
        if other != roadmap.buyer, let otherRoadmap = roadmapIndex[other]?[roadmap.year] {
            body += "- La feuille de route de [\(buyers[other].name)](../\(roadmaps[otherRoadmap].year)/\(buyers[other].slug).md), qui porte des besoins voisins.\n"
        }
        body += "- La fiche de l’acheteur : [\(buyer.name)](../../buyers/\(buyer.slug).yaml).\n"
        body += "- Le portail national : <https://www.marches-publics.gouv.fr>.\n"
        return body
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// ASCII slug: accents folded, non-alphanumerics → "-".
    static func slug(_ text: String) -> String {
        let folded = text.applyingFoldingASCII()
        var result = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !result.isEmpty { result += "-" }
                result.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value)).properties.lowercaseMapping.unicodeScalars.first ?? scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return result
    }
}

extension String {
    func applyingFoldingASCII() -> String {
        let map: [Character: String] = [
            "à": "a", "â": "a", "ä": "a", "é": "e", "è": "e", "ê": "e", "ë": "e", "î": "i", "ï": "i", "ô": "o",
            "ö": "o", "ù": "u", "û": "u", "ü": "u", "ç": "c", "É": "E", "È": "E", "Î": "I", "Ô": "O", "’": "-", "œ": "oe",
        ]
        return String(flatMap { map[$0] ?? String($0) })
    }
}
