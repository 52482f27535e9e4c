/// Search terms for the site's list filters and site search: accents and case folded, French
/// word forms brought together (« marchés », « marché » and « marche » give « march »).
///
/// The same rules run in the browser (templates/static/listes.js, `stem`), which stems what a
/// visitor types and looks for it at the start of the indexed terms: the two must stay in step
/// (the browser tests search the built site with words whose forms differ).
public enum FrenchSearch {
    /// A light French stemmer (after Savoy's « minimal » stemmer, on folded words): plurals
    /// `-eaux` → `-eau` and `-aux` → `-al`, then a final `x`, `s`, `r`, `e`, `e` (« é » folded), and a doubled last
    /// letter, never below four letters. Words with digits (codes, years) are kept whole.
    public static func stem(_ word: String) -> String {
        var letters = Array(word.unicodeScalars)
        guard letters.count >= 4, !letters.contains(where: { ("0"..."9").contains($0) }) else { return word }
        func ends(_ suffix: String) -> Bool {
            let tail = Array(suffix.unicodeScalars)
            return letters.count >= tail.count && Array(letters.suffix(tail.count)) == tail
        }
        if ends("eaux") {
            letters.removeLast()  // réseaux → réseau
        } else if ends("aux"), letters.count > 5 {
            letters.removeLast(2)  // territoriaux → territorial
            letters.append("l")
        } else if ends("x"), letters.count > 4 {
            letters.removeLast()
        }
        for letter in ["s", "r", "e", "e"] as [Unicode.Scalar] where letters.count > 4 && letters.last == letter {
            letters.removeLast()
        }
        if letters.count > 4, let last = letters.last, letters[letters.count - 2] == last, last.properties.isAlphabetic {
            letters.removeLast()
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: letters)
        return result
    }

    /// The text's words, folded (`FrenchFormat.searchKey`) and stemmed, in order, each once.
    public static func terms(_ text: String) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for word in words(FrenchFormat.searchKey(text)) {
            let term = stem(word)
            if seen.insert(term).inserted { result.append(term) }
        }
        return result
    }

    /// Runs of letters and digits (an apostrophe or a hyphen separates words: « l’offre » is
    /// « l » and « offre »).
    static func words(_ folded: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
