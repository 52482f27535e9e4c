import Testing
@testable import OpenMapText

private let nbsp = "\u{A0}"
private let nnbsp = "\u{202F}"

@Suite struct FrenchFormatTests {
    @Test func dates() {
        #expect(FrenchFormat.date(year: 2015, month: 4, day: 17) == "17 avril 2015")
        #expect(FrenchFormat.date(year: 2016, month: 5, day: 1) == "1er mai 2016")
        #expect(FrenchFormat.date(year: 2015, month: 8, day: 2) == "2 août 2015")
        #expect(FrenchFormat.date(year: 2015, month: 12, day: 31) == "31 décembre 2015")
    }

    @Test(arguments: Array(1...12))
    func everyMonthHasAFrenchName(month: Int) {
        let expected = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                        "septembre", "octobre", "novembre", "décembre"][month - 1]
        #expect(FrenchFormat.month(year: 2015, month: month) == "\(expected) 2015")
    }

    @Test func outOfRangeMonthDoesNotCrash() {
        #expect(FrenchFormat.month(year: 2015, month: 13) == "13 2015")
        #expect(FrenchFormat.dayAndMonth(month: 0, day: 3) == "3 0")
    }

    @Test func dayAndMonth() {
        #expect(FrenchFormat.dayAndMonth(month: 4, day: 17) == "17 avril")
        #expect(FrenchFormat.dayAndMonth(month: 5, day: 1) == "1er mai")
    }

    @Test func weekdayDates() {
        #expect(FrenchFormat.weekdayDate(year: 2015, month: 4, day: 17) == "vendredi 17 avril 2015")
        #expect(FrenchFormat.weekdayDate(year: 2016, month: 5, day: 1) == "dimanche 1er mai 2016")
        #expect(FrenchFormat.weekdayDate(year: 1970, month: 1, day: 1) == "jeudi 1er janvier 1970")
        #expect(FrenchFormat.weekdayDate(year: 2000, month: 2, day: 29) == "mardi 29 février 2000")
        #expect(FrenchFormat.weekdayDate(year: 2015, month: 10, day: 15) == "jeudi 15 octobre 2015")
        #expect(FrenchFormat.weekdayDate(year: 1969, month: 12, day: 29) == "lundi 29 décembre 1969")
        #expect(FrenchFormat.weekdayDate(year: 2024, month: 3, day: 2) == "samedi 2 mars 2024")
    }

    @Test func absurdDatesDoNotCrash() {
        _ = FrenchFormat.weekdayDate(year: Int.max, month: Int.max, day: Int.min)
        _ = FrenchFormat.weekdayDate(year: Int.min, month: -5, day: 0)
    }

    @Test func quarters() {
        #expect(FrenchFormat.quarter(year: 2015, quarter: 1) == "1er trimestre 2015")
        #expect(FrenchFormat.quarter(year: 2015, quarter: 2) == "2e trimestre 2015")
        #expect(FrenchFormat.quarter(year: 2016, quarter: 4) == "4e trimestre 2016")
    }

    @Test func times() {
        #expect(FrenchFormat.time(hour: 9, minute: 30) == "9\(nbsp)h\(nbsp)30")
        #expect(FrenchFormat.time(hour: 12, minute: 0) == "12\(nbsp)h")
        #expect(FrenchFormat.time(hour: 9, minute: 5) == "9\(nbsp)h\(nbsp)05")
        #expect(FrenchFormat.time(hour: 0, minute: 0) == "0\(nbsp)h")
    }

    @Test func amounts() {
        #expect(FrenchFormat.amount(216_000) == "216\(nnbsp)000\(nbsp)€")
        #expect(FrenchFormat.amount(0) == "0\(nbsp)€")
        #expect(FrenchFormat.amount(999) == "999\(nbsp)€")
        #expect(FrenchFormat.amount(1_000) == "1\(nnbsp)000\(nbsp)€")
        #expect(FrenchFormat.amount(2_500_000) == "2\(nnbsp)500\(nnbsp)000\(nbsp)€")
        #expect(FrenchFormat.amountHT(216_000) == "216\(nnbsp)000\(nbsp)€\(nbsp)HT")
        #expect(FrenchFormat.amountHT(0) == "0\(nbsp)€\(nbsp)HT")
    }

    @Test func integers() {
        #expect(FrenchFormat.integer(1_500) == "1\(nnbsp)500")
        #expect(FrenchFormat.integer(0) == "0")
        #expect(FrenchFormat.integer(12) == "12")
        #expect(FrenchFormat.integer(123_456_789) == "123\(nnbsp)456\(nnbsp)789")
        #expect(FrenchFormat.integer(-1_500) == "-1\(nnbsp)500")
        #expect(FrenchFormat.integer(Int.min).hasPrefix("-9\(nnbsp)223"))
    }

    @Test func durations() {
        #expect(FrenchFormat.duration(seconds: 0) == "0\(nbsp)s")
        #expect(FrenchFormat.duration(seconds: 45) == "45\(nbsp)s")
        #expect(FrenchFormat.duration(seconds: 185) == "3\(nbsp)min\(nbsp)05\(nbsp)s")
        #expect(FrenchFormat.duration(seconds: 180) == "3\(nbsp)min")
        #expect(FrenchFormat.duration(seconds: 3_725) == "1\(nbsp)h\(nbsp)02\(nbsp)min\(nbsp)05\(nbsp)s")
        #expect(FrenchFormat.duration(seconds: 7_200) == "2\(nbsp)h")
        #expect(FrenchFormat.duration(seconds: -4) == "0\(nbsp)s")
    }

    @Test func slugs() {
        #expect(FrenchFormat.slug("Île-de-France") == "ile-de-france")
        #expect(FrenchFormat.slug("Calendrier prévisionnel") == "calendrier-previsionnel")
        #expect(FrenchFormat.slug("  L’œuvre : «  Été 2015 » !  ") == "l-oeuvre-ete-2015")
        #expect(FrenchFormat.slug("Plaine Commune") == "plaine-commune")
        #expect(FrenchFormat.slug("Ça coûte 216\u{202F}000\u{A0}€") == "ca-coute-216-000")
        #expect(FrenchFormat.slug("---") == "")
        #expect(FrenchFormat.slug("") == "")
        #expect(FrenchFormat.slug("日本") == "")
        #expect(FrenchFormat.slug("Straße Ærø") == "strasse-aero")
    }

    @Test func slugsMatchTheContentModelPattern() {
        let samples = ["Île-de-France", "a--b", "-x-", "Ça va ? Oui !", "2e trimestre 2015", "ÀÉÎÕÜ ñ ç"]
        for sample in samples {
            let slug = FrenchFormat.slug(sample)
            let pieces = slug.split(separator: "-", omittingEmptySubsequences: false)
            #expect(pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } },
                    "bad slug \(slug) for \(sample)")
        }
    }

    /// The shortcuts for Latin-1 texts give what Unicode's tables give, letter by letter.
    @Test func latinShortcutsAgreeWithUnicode() {
        let letters = (0xC0...0xFF).compactMap(Unicode.Scalar.init).map(String.init) + ["Œ", "œ", "A", "z", "É"]
        for letter in letters {
            let word = "Ab" + letter + "cD"
            #expect(FrenchFormat.lowercased(word) == word.lowercased(), "\(word)")
            if let shortcut = FrenchFormat.latinSearchKey(word) {
                var slow = ""
                for scalar in word.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars
                where scalar.properties.generalCategory != .nonspacingMark {
                    slow += ["œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ð": "d", "þ": "th"][scalar] ?? String(scalar)
                }
                #expect(shortcut == slow.precomposedStringWithCanonicalMapping, "\(word)")
            }
        }
        #expect(FrenchFormat.latinSearchKey("Système d’information") == nil)
        #expect(FrenchFormat.lowercased("ÉTÉ À L’ŒUVRE") == "été à l’œuvre")
    }

    @Test func searchKeys() {
        #expect(FrenchFormat.searchKey("Œuvre Éclairée") == "oeuvre eclairee")
        #expect(FrenchFormat.searchKey("MOBILITÉ") == "mobilite")
        #expect(FrenchFormat.searchKey("Dématérialisation") == "dematerialisation")
        #expect(FrenchFormat.searchKey("cœur") == FrenchFormat.searchKey("COEUR"))
    }
}
