import Foundation

/// The slug an editor meant (« Ville de Bobigny » → « ville-de-bobigny »), for messages.
public enum SlugSuggestion {
    public static func `for`(_ text: String) -> String? { Formats.slugCorrection(text) }
}

// Values as people write them on paper (« 15/03/2017 », « 9h30 », « 50 000 € », « Publié »,
// « Seine-Saint-Denis »), turned into the form the content model asks for, so that a message can
// show the right form of that very value. Only ever used for hints: nothing is accepted this way.
extension Formats {
    /// Lowercase ASCII letters and digits, accents removed, every other run of characters one
    /// hyphen: « Appel d'offres ouvert » → « appel-d-offres-ouvert ».
    static func slugified(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae").lowercased()
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }

    /// The slug an editor meant, when it differs from what was written.
    static func slugCorrection(_ text: String) -> String? {
        let slug = slugified(text)
        return slug.isEmpty || slug == text ? nil : slug
    }

    /// The allowed value meant by « Publié », « En préparation », « Appel d'offres ouvert »…, else
    /// the closest by spelling.
    static func enumSuggestion(for text: String, among allowed: [String]) -> String? {
        let slug = slugified(text)
        if allowed.contains(slug) { return slug }
        // French elisions: « appel-d-offres-ouvert » → « appel-offres-ouvert ».
        let segments: [Substring] = slug.split(separator: "-" as Character)
        let withoutElisions = segments.filter { $0.count > 1 }.joined(separator: "-")
        if allowed.contains(withoutElisions) { return withoutElisions }
        return suggestion(for: slug, among: allowed) ?? suggestion(for: text, among: allowed)
    }

    /// A reference (theme, buyer…) written as a label: « Open data » → « opendata ».
    static func referenceSuggestion(for text: String, among known: [String]) -> String? {
        let slug = slugified(text)
        if slug != text, known.contains(slug) { return slug }
        let compact = slug.replacingOccurrences(of: "-", with: "")
        if let match = known.first(where: { $0.replacingOccurrences(of: "-", with: "") == compact }), match != text { return match }
        return suggestion(for: text, among: known) ?? (slug != text ? suggestion(for: slug, among: known) : nil)
    }

    static let frenchMonths = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
                               "octobre", "novembre", "decembre"]

    /// Numbers and words of a date or time as written: « 15/03/2017 » → [15, 3, 2017].
    private static func parts(_ text: String) -> [Substring] {
        slugified(text).split(separator: "-" as Character)
    }

    private static func monthNumber(_ word: Substring) -> Int? {
        if let number = Int(word), (1...12).contains(number) { return number }
        return frenchMonths.firstIndex { $0 == word || ($0.hasPrefix(word) && word.count >= 3) }.map { $0 + 1 }
    }

    private static func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    /// « 15/03/2017 », « 15-03-2017 », « 15.03.2017 », « 2017/03/15 », « 2017-3-15 », « 15 mars 2017 »,
    /// « 1er mars 2017 » → « 2017-03-15 » (when it is a day of the calendar).
    static func dateCorrection(_ text: String) -> String? {
        var words = parts(text).map { $0.hasSuffix("er") && Int($0.dropLast(2)) != nil ? $0.dropLast(2) : $0 }
        words.removeAll { $0 == "le" }
        guard words.count == 3 else { return nil }
        var year: Int?, month: Int?, day: Int?
        if words[0].count == 4, let y = Int(words[0]) {
            year = y; month = monthNumber(words[1]); day = Int(words[2])
        } else if words[2].count == 4, let y = Int(words[2]) {
            year = y; month = monthNumber(words[1]); day = Int(words[0])
        }
        guard let year, let month, let day, (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        let corrected = "\(year)-\(two(month))-\(two(day))"
        return corrected == text ? nil : corrected
    }

    /// « 2015-4 », « 04/2015 », « avril 2015 » → « 2015-04 ».
    static func monthCorrection(_ text: String) -> String? {
        let words = parts(text)
        guard words.count == 2 else { return nil }
        let (yearWord, monthWord) = words[0].count == 4 ? (words[0], words[1]) : (words[1], words[0])
        guard yearWord.count == 4, let year = Int(yearWord), let month = monthNumber(monthWord) else { return nil }
        return "\(year)-\(two(month))"
    }

    /// « T4 2016 », « 2016 T4 », « 2016-Q4 », « 4e trimestre 2016 » → « 2016-T4 »; months as above.
    static func launchCorrection(_ text: String) -> String? {
        let words = parts(text)
        if let yearWord = words.first(where: { $0.count == 4 && Int($0) != nil }) {
            let rest = words.filter { $0 != yearWord && $0 != "trimestre" }
            if rest.count == 1, let word = rest.first {
                let digits = word.filter(\.isNumber)
                if (word.hasPrefix("t") || word.hasPrefix("q") || word.hasSuffix("e") || word.hasSuffix("er")),
                   let quarter = Int(digits), (1...4).contains(quarter), words.count <= 3 {
                    return "\(yearWord)-T\(quarter)"
                }
            }
        }
        return monthCorrection(text)
    }

    /// « 9h30 », « 9h », « 09h30 », « 9 h 30 », « 9:30 », « 9.30 » → « 09:30 ».
    static func timeCorrection(_ text: String) -> String? {
        let lower = text.lowercased().filter { !$0.isWhitespace }
        let pieces = lower.split(omittingEmptySubsequences: false) { $0 == "h" || $0 == ":" || $0 == "." }
        guard (1...2).contains(pieces.count), let hour = Int(pieces[0]), (0...23).contains(hour) else { return nil }
        var minute = 0
        if pieces.count == 2, !pieces[1].isEmpty {
            guard let value = Int(pieces[1]), (0...59).contains(value), pieces[1].count == 2 else { return nil }
            minute = value
        } else if pieces.count == 1, !lower.hasSuffix("h") {
            return nil
        }
        let corrected = "\(two(hour)):\(two(minute))"
        return corrected == text ? nil : corrected
    }

    /// « 4 min » → « 04:00 », « 4'30 » → « 04:30 ».
    static func durationCorrection(_ text: String) -> String? {
        let lower = text.lowercased().replacingOccurrences(of: " ", with: "")
        if lower.hasSuffix("min"), let minutes = Int(lower.dropLast(3)) { return "\"\(two(minutes)):00\"" }
        let pieces = lower.split { $0 == "'" || $0 == "’" || $0 == "m" }
        if pieces.count == 2, let minutes = Int(pieces[0]), let seconds = Int(pieces[1].filter(\.isNumber)), seconds < 60 {
            return "\"\(two(minutes)):\(two(seconds))\""
        }
        return nil
    }

    /// « 50 000 € », « 50000€ », « 50 000 euros HT », « 50k€ », « 1,5 M€ », « 50.000 » → 50000.
    static func amount(_ text: String) -> Int? {
        var lower = text.lowercased()
        for unit in ["euros", "euro", "eur", "€", "ht", "ttc"] { lower = lower.replacingOccurrences(of: unit, with: " ") }
        var multiplier = 1.0
        var compact = lower.filter { !$0.isWhitespace }
        if compact.hasSuffix("k") { multiplier = 1_000; compact.removeLast() }
        else if compact.hasSuffix("m") { multiplier = 1_000_000; compact.removeLast() }
        guard !compact.isEmpty, compact.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return nil }
        // « 50.000 » and « 50,000 »: thousands separators; « 1,5 »: a decimal comma.
        let groups = compact.split(whereSeparator: { $0 == "." || $0 == "," })
        let number: Double?
        if groups.count > 1, groups.dropFirst().allSatisfy({ $0.count == 3 }), multiplier == 1 {
            number = Double(groups.joined())
        } else {
            number = Double(compact.replacingOccurrences(of: ",", with: "."))
        }
        guard let number, number >= 0, number < 1e15 else { return nil }
        let result = Int((number * multiplier).rounded())
        return String(result) == text ? nil : result
    }

    static let departmentNames: [(String, String)] = [
        ("paris", "75"), ("seine-et-marne", "77"), ("yvelines", "78"), ("essonne", "91"), ("hauts-de-seine", "92"),
        ("seine-saint-denis", "93"), ("val-de-marne", "94"), ("val-d-oise", "95"),
    ]

    /// « Seine-Saint-Denis », « seine saint denis », « 93000 », « 093 », « 93 - Seine-Saint-Denis »
    /// → « 93 »; nil for a department outside Île-de-France.
    static func departmentCorrection(_ text: String) -> String? {
        let slug = slugified(text)
        let compact = slug.replacingOccurrences(of: "-", with: "")
        if let (_, code) = departmentNames.first(where: { $0.0.replacingOccurrences(of: "-", with: "") == compact }) { return code }
        for (name, code) in departmentNames where slug.hasSuffix(name) || slug.hasPrefix(code + "-") { return code }
        let digits = text.filter(\.isNumber)
        if digits.count == 5, departments.contains(String(digits.prefix(2))) { return String(digits.prefix(2)) }
        if digits.count == 3, digits.hasPrefix("0"), departments.contains(String(digits.dropFirst())) { return String(digits.dropFirst()) }
        if let closest = suggestion(for: slug, among: departmentNames.map(\.0)) {
            return departmentNames.first { $0.0 == closest }?.1
        }
        return nil
    }

    /// « oui », « vrai », « yes » → true; « non », « faux », « no » → false.
    static func booleanCorrection(_ text: String) -> String? {
        switch slugified(text) {
        case "oui", "vrai", "yes", "y", "o", "on", "1", "true": "true"
        case "non", "faux", "no", "n", "off", "0", "false": "false"
        default: nil
        }
    }

    /// « www.exemple.fr » → « https://www.exemple.fr »; « http://… » where https is required.
    static func urlCorrection(_ text: String, httpsOnly: Bool) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("http://"), httpsOnly { return "https://" + trimmed.dropFirst(7) }
        if !trimmed.contains("://"), trimmed.contains("."), !trimmed.contains(" ") { return "https://" + trimmed }
        return nil
    }

    /// The `:` glued to a word at the start of a text (« from:2015-01 »), when it looks like a
    /// field written without the space YAML needs.
    static func gluedColon(in text: String) -> String.Index? {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return nil }
        let word = text[..<colon]
        guard word.allSatisfy({ $0.isLetter || $0 == "_" }), text.index(after: colon) < text.endIndex,
              !text[text.index(after: colon)].isWhitespace, !text[colon...].hasPrefix("://") else { return nil }
        return colon
    }
}
