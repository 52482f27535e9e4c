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
    /// The fast folding gives `searchKey`'s words, for French texts and others.
    @Test(arguments: ["Œuvre Éclairée, à l’Hôtel de Ville : 93 – Seine-Saint-Denis !", "ÇA COÛTE 216 000 € HT ; déjà ?",
                      "Straße, Ærø, Škoda", "Ελληνικά et Ǆ", "Citation « entre guillemets » et tiret — long"])
    func foldingAgreesWithSearchKey(_ text: String) {
        #expect(FrenchSearch.words(FrenchSearch.fold(text)) == FrenchSearch.words(FrenchFormat.searchKey(text)), "\(text)")
    }
}
