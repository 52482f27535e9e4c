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
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return stemASCII(Array(word.utf8)) }
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

    /// `stem` for a word of ASCII letters and digits (most folded French words): on bytes.
    static func stemASCII(_ word: [UInt8]) -> String {
        var letters = word
        guard letters.count >= 4, !letters.contains(where: { $0 >= 48 && $0 <= 57 }) else {
            return String(decoding: word, as: UTF8.self)
        }
        func ends(_ suffix: StaticString) -> Bool {
            let tail = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
            return letters.count >= tail.count && letters.suffix(tail.count).elementsEqual(tail)
        }
        if ends("eaux") {
            letters.removeLast()
        } else if ends("aux"), letters.count > 5 {
            letters.removeLast(2)
            letters.append(UInt8(ascii: "l"))
        } else if ends("x"), letters.count > 4 {
            letters.removeLast()
        }
        for letter in [UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "e"), UInt8(ascii: "e")] where letters.count > 4 && letters.last == letter {
            letters.removeLast()
        }
        if letters.count > 4, let last = letters.last, letters[letters.count - 2] == last,
           (last >= 97 && last <= 122) || (last >= 65 && last <= 90) {
            letters.removeLast()
        }
        return String(decoding: letters, as: UTF8.self)
    }

    /// The text's words, folded (`FrenchFormat.searchKey`) and stemmed, in order, each once.
    public static func terms(_ text: String) -> [String] {
        if let terms = termsOfLatinText(text) { return terms }
        // Other letters: Foundation's folding, for the whole text.
        var seen: Set<String> = []
        var result: [String] = []
        for word in words(FrenchFormat.searchKey(text)) {
            let term = stem(word)
            if seen.insert(term).inserted { result.append(term) }
        }
        return result
    }

    /// `terms` in one pass over a text whose letters are ASCII or in `latinFolding` (French
    /// texts): `FrenchFormat.searchKey` without Foundation's normalisation, each word folded into
    /// bytes and stemmed there; nil for a text with other letters. (The site search's index takes the
    /// terms of every text of the site at each build.)
    static func termsOfLatinText(_ text: String) -> [String]? {
        var seen: Set<String> = []
        var result: [String] = []
        var word: [UInt8] = []
        func endWord() {
            guard !word.isEmpty else { return }
            let term = stemASCII(word)
            if seen.insert(term).inserted { result.append(term) }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                default: endWord()
                }
            } else if let replacement = latinFolding[scalar] {
                word.append(contentsOf: replacement.utf8)
            } else if scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark {
                return nil
            } else {
                endWord()
            }
        }
        endWord()
        return result
    }

    /// Latin letters with diacritics and ligatures, folded as `searchKey` folds them.
    static let latinFolding: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("àáâãäåÀÁÂÃÄÅāĀ", "a"), ("çÇćĆčČ", "c"), ("èéêëÈÉÊËēĒęĘěĚ", "e"), ("ìíîïÌÍÎÏīĪ", "i"), ("ñÑńŃ", "n"),
            ("òóôõöÒÓÔÕÖōŌ", "o"), ("ùúûüÙÚÛÜūŪůŮ", "u"), ("ýÿÝŸ", "y"), ("šŠ", "s"), ("žŽ", "z"),
            ("œŒ", "oe"), ("æÆ", "ae"), ("ß", "ss"), ("øØ", "o"),
        ]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = base }
        }
        return table
    }()

    /// Runs of letters and digits (an apostrophe or a hyphen separates words: « l’offre » is
    /// « l » and « offre »).
    static func words(_ folded: String) -> [String] {
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: letters and digits by byte.
            return folded.utf8.split { !(($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57)) }
                .map { String(decoding: $0, as: UTF8.self) }
        }
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
