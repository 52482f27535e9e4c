@testable import OpenMapText
import Testing

@Suite struct FrenchSearchTests {
    /// Forms a visitor types and forms the texts hold meet on one term.
    @Test(arguments: [
        ("marchés", "marché"), ("marché", "marche"), ("Données", "donnée"), ("mobilités", "Mobilité"),
        ("réseaux", "réseau"), ("territoriaux", "territorial"), ("numériques", "NUMÉRIQUE"), ("services", "service"),
        ("cartes", "carte"), ("prestataires", "prestataire"),
    ])
    func formsMeet(_ typed: String, _ written: String) {
        #expect(FrenchSearch.terms(typed) == FrenchSearch.terms(written), "\(typed) / \(written)")
    }

    @Test func shortWordsCodesAndDistinctWordsStayApart() {
        #expect(FrenchSearch.stem("dont") == "dont")
        #expect(FrenchSearch.stem("prix") == "prix")
        #expect(FrenchSearch.stem("72000000") == "72000000")
        #expect(FrenchSearch.stem("2015") == "2015")
        #expect(FrenchSearch.terms("données") != FrenchSearch.terms("dont"))
        #expect(FrenchSearch.terms("carte") != FrenchSearch.terms("cartographie"))
    }

    @Test func termsAreFoldedSplitAndEachOnce() {
        #expect(FrenchSearch.terms("L’offre numérique : l’offre, 93 – Seine-Saint-Denis") ==
                ["l", "offr", "numeriqu", "93", "sein", "saint", "deni"])
        #expect(FrenchSearch.terms("") == [])
    }
}

@Suite struct FrenchSearchFoldingTests {
    /// What `FrenchFormat.searchKey` (Foundation's folding) gives, split, stemmed, each once.
    static func reference(_ text: String) -> [String] {
        FrenchSearch.words(FrenchFormat.searchKey(text)).map(FrenchSearch.stem).reduce(into: [String]()) { terms, term in
            if !terms.contains(term) { terms.append(term) }
        }
    }

    /// The one-pass terms of a French text are searchKey's words, stemmed; a text with other
    /// letters is left to searchKey.
    @Test(arguments: ["Œuvre Éclairée, à l’Hôtel de Ville : 93 – Seine-Saint-Denis !", "ÇA COÛTE 216 000 € HT ; déjà ?",
                      "Réseaux territoriaux, marchés publics et MARCHÉ, l'offre\u{A0}: cœur-de-cible_2016/été",
                      "Citation « entre guillemets » et tiret — long", "", "  ,;  ", "Straße, Ærø, Škoda"])
    func oneTermsPassAgreesWithSearchKey(_ text: String) throws {
        let onePass = try #require(FrenchSearch.termsOfLatinText(text))
        #expect(onePass == Self.reference(text), "\(text)")
        #expect(FrenchSearch.terms(text) == Self.reference(text))
    }

    @Test func otherLettersTakeTheFullPath() {
        #expect(FrenchSearch.termsOfLatinText("Ελληνικά et Ǆ") == nil)
        #expect(FrenchSearch.terms("Ελληνικά et Ǆ") == Self.reference("Ελληνικά et Ǆ"))
    }
}
