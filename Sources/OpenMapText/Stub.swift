// STUB: the real OpenMapText is written in parallel; this file is dropped on merge.
// Rough behaviour only, enough to exercise the renderer.

public enum FrenchTypography {
    public static func apply(_ text: String) -> String {
        var out = ""
        for c in text {
            if ":;!?".contains(c), out.hasSuffix(" ") { out.removeLast(); out.append("\u{00A0}") }
            out.append(c)
        }
        return out
    }
}

public enum FrenchFormat {
    static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                         "septembre", "octobre", "novembre", "décembre"]
    static func monthName(_ m: Int) -> String { (1...12).contains(m) ? months[m - 1] : "\(m)" }

    public static func date(year: Int, month: Int, day: Int) -> String { "\(dayAndMonth(month: month, day: day)) \(year)" }
    public static func dayAndMonth(month: Int, day: Int) -> String { "\(day == 1 ? "1er" : "\(day)") \(monthName(month))" }
    public static func weekdayDate(year: Int, month: Int, day: Int) -> String {
        // Zeller-like: Sakamoto's algorithm, 0 = Sunday.
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        let w = (y + y / 4 - y / 100 + y / 400 + t[max(0, min(11, month - 1))] + day) % 7
        let names = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
        return "\(names[w]) \(date(year: year, month: month, day: day))"
    }
    public static func month(year: Int, month: Int) -> String { "\(monthName(month)) \(year)" }
    public static func quarter(year: Int, quarter: Int) -> String { "\(quarter == 1 ? "1er" : "\(quarter)e") trimestre \(year)" }
    public static func time(hour: Int, minute: Int) -> String {
        minute == 0 ? "\(hour)\u{00A0}h" : "\(hour)\u{00A0}h\u{00A0}\(minute < 10 ? "0" : "")\(minute)"
    }
    public static func amount(_ euros: Int) -> String { "\(integer(euros))\u{00A0}€" }
    public static func amountHT(_ euros: Int) -> String { "\(amount(euros))\u{00A0}HT" }
    public static func integer(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append("\u{202F}") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
    public static func duration(seconds: Int) -> String {
        let m = seconds / 60, s = seconds % 60
        return s == 0 ? "\(m)\u{00A0}min" : "\(m)\u{00A0}min\u{00A0}\(s < 10 ? "0" : "")\(s)\u{00A0}s"
    }
    public static func slug(_ text: String) -> String {
        var out = ""
        for c in searchKey(text) {
            if c.isLetter || c.isNumber { out.append(c) } else if !out.isEmpty, !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
    public static func searchKey(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
    }
}

import Foundation
