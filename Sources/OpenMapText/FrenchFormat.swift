import Foundation

/// French renderings of dates, times, amounts and identifiers.
///
/// Out-of-range inputs (month 13, quarter 0…) never crash: the number is printed as it is.
public enum FrenchFormat {
    static let noBreakSpace = "\u{A0}"
    static let narrowNoBreakSpace = "\u{202F}"

    static let monthNames = ["janvier", "février", "mars", "avril", "mai", "juin",
                             "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    /// Starting on Monday, as French calendars do.
    static let weekdayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// "17 avril 2015", "1er mai 2016".
    public static func date(year: Int, month: Int, day: Int) -> String {
        "\(dayAndMonth(month: month, day: day)) \(year)"
    }

    /// "17 avril", "1er mai".
    public static func dayAndMonth(month: Int, day: Int) -> String {
        "\(ordinalDay(day)) \(monthName(month))"
    }

    /// "vendredi 17 avril 2015".
    public static func weekdayDate(year: Int, month: Int, day: Int) -> String {
        "\(weekdayName(year: year, month: month, day: day)) \(date(year: year, month: month, day: day))"
    }

    /// "avril 2015".
    public static func month(year: Int, month: Int) -> String {
        "\(monthName(month)) \(year)"
    }

    /// "avr. 2015", "mai 2015": the abbreviations of the Imprimerie nationale, where room is short.
    public static func shortMonth(year: Int, month: Int) -> String {
        let abbreviations = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
        return "\((1...12).contains(month) ? abbreviations[month - 1] : monthName(month)) \(year)"
    }

    /// "1er trimestre 2015", "2e trimestre 2015".
    public static func quarter(year: Int, quarter: Int) -> String {
        let ordinal = quarter == 1 ? "1er" : "\(quarter)e"
        return "\(ordinal) trimestre \(year)"
    }

    /// "9 h 30", "12 h", "9 h 05" (U+00A0 around "h").
    public static func time(hour: Int, minute: Int) -> String {
        let hourPart = "\(hour)\(noBreakSpace)h"
        guard minute != 0 else { return hourPart }
        return "\(hourPart)\(noBreakSpace)\(twoDigits(minute))"
    }

    /// "216 000 €" (U+202F between thousands, U+00A0 before €).
    public static func amount(_ euros: Int) -> String {
        "\(integer(euros))\(noBreakSpace)€"
    }

    /// "216 000 € HT" (U+00A0 before "HT" too, so that it never starts a line).
    public static func amountHT(_ euros: Int) -> String {
        "\(amount(euros))\(noBreakSpace)HT"
    }

    /// "1 500", "-2 000 000" (U+202F between thousands).
    public static func integer(_ n: Int) -> String {
        // `magnitude` is safe for Int.min, where negation would overflow.
        let digits = Array(String(n.magnitude))
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped += narrowNoBreakSpace }
            grouped.append(digit)
        }
        return n < 0 ? "-" + grouped : grouped
    }

    /// "45 s", "3 min 05 s", "3 min", "1 h 02 min 05 s" (U+00A0 between numbers and units).
    /// Negative durations count as zero.
    public static func duration(seconds: Int) -> String {
        let total = max(0, seconds)
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let secs = total % 60
        var parts: [String] = []
        if hours > 0 {
            parts.append("\(hours)\(noBreakSpace)h")
            if minutes > 0 || secs > 0 { parts.append("\(twoDigits(minutes))\(noBreakSpace)min") }
            if secs > 0 { parts.append("\(twoDigits(secs))\(noBreakSpace)s") }
        } else if minutes > 0 {
            parts.append("\(minutes)\(noBreakSpace)min")
            if secs > 0 { parts.append("\(twoDigits(secs))\(noBreakSpace)s") }
        } else {
            parts.append("\(secs)\(noBreakSpace)s")
        }
        return parts.joined(separator: noBreakSpace)
    }

    /// ASCII slug: lowercase, accents folded, non-alphanumerics → "-", trimmed ("Île-de-France" → "ile-de-france").
    /// The result matches `[a-z0-9]+(-[a-z0-9]+)*`, or is empty when the text has no ASCII letter or digit.
    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in searchKey(text).unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug
    }

    /// Lowercase, accents folded (for accent-insensitive search keys): "Œuvre Éclairée" → "oeuvre eclairee".
    /// Compatibility forms are folded too (no-break spaces become spaces, "ﬁ" becomes "fi").
    public static func searchKey(_ text: String) -> String {
        if let folded = latinSearchKey(text) { return folded }
        var folded = ""
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let replacement = ligatureFolding[scalar] {
                folded += replacement
            } else {
                folded.unicodeScalars.append(scalar)
            }
        }
        // Decomposition leaves strings in NFD; recompose what remains (e.g. non-Latin scripts).
        return folded.precomposedStringWithCanonicalMapping
    }

    /// `text.lowercased()`, for the texts French titles are made of (ASCII and the Latin-1
    /// letters) without Unicode's tables: tens of thousands of titles are compared, case aside,
    /// at every build. Other texts go through `lowercased()`.
    public static func lowercased(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte < 0x80 {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            } else if byte == 0xC3, let next = iterator.next(), next >= 0x80, next <= 0xBF {
                // À–Þ (but ×) are the capitals of à–þ, 0x20 further.
                bytes.append(byte)
                bytes.append(next <= 0x9E && next != 0x97 ? next + 0x20 : next)
            } else {
                return text.lowercased()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `searchKey` for texts of ASCII and Latin-1 letters (and œ, Œ), without Foundation's
    /// decomposition; nil for others.
    static func latinSearchKey(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte < 0x80 {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                continue
            }
            guard let next = iterator.next() else { return nil }
            let folded: String?
            switch (byte, next) {
            case (0xC3, 0x80...0xBF): folded = latinFolding[Int(next - 0x80)]
            case (0xC5, 0x92), (0xC5, 0x93): folded = "oe"
            default: folded = nil
            }
            guard let folded else { return nil }
            bytes.append(contentsOf: folded.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// U+00C0 to U+00FF as `searchKey` folds them (nil: × and ÷, left to the general case).
    private static let latinFolding: [String?] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "y",
    ]

    /// Letters that Unicode does not decompose but that readers expect folded.
    private static let ligatureFolding: [Unicode.Scalar: String] = [
        "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ð": "d", "þ": "th", "ı": "i",
    ]

    // MARK: - Helpers

    static func ordinalDay(_ day: Int) -> String {
        day == 1 ? "1er" : String(day)
    }

    static func monthName(_ month: Int) -> String {
        (1...12).contains(month) ? monthNames[month - 1] : String(month)
    }

    static func twoDigits(_ value: Int) -> String {
        (0...9).contains(value) ? "0\(value)" : String(value)
    }

    static func weekdayName(year: Int, month: Int, day: Int) -> String {
        let days = daysFromCivil(year: year, month: month, day: day)
        // 1970-01-01 was a Thursday (index 3 when Monday is 0).
        let index = ((days % 7) + 7 + 3) % 7  // `%` keeps the sign: bring it back to 0…6
        return weekdayNames[index]
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    /// Wrapping arithmetic: absurd inputs give a wrong weekday, never a crash.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year &- 1 : year
        let era = (y >= 0 ? y : y &- 399) / 400
        let yearOfEra = y &- era &* 400
        let shiftedMonth = month > 2 ? month &- 3 : month &+ 9
        let dayOfYear = (153 &* shiftedMonth &+ 2) / 5 &+ day &- 1
        let dayOfEra = yearOfEra &* 365 &+ yearOfEra / 4 &- yearOfEra / 100 &+ dayOfYear
        return era &* 146_097 &+ dayOfEra &- 719_468
    }
}
