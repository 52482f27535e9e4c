// Parsers and checks for the content's small formats: dates, slugs, URLs, registry numbers.

public enum Formats {
    static let departments = ["75", "77", "78", "91", "92", "93", "94", "95"]
    /// Every French department code, in order: 01…19, 2A, 2B, 21…95, 971…976.
    static let frenchDepartments: [String] = (1...19).map { $0 < 10 ? "0\($0)" : "\($0)" } + ["2A", "2B"]
        + (21...95).map { "\($0)" } + (971...976).map { "\($0)" }

    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    static func isDigits(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// `[a-z0-9]+(-[a-z0-9]+)*`
    static func isSlug(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    enum DateResult { case valid(LocalDate), malformed, notOnCalendar }

    static func date(_ text: String) -> DateResult {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = digits(parts[0]), let month = digits(parts[1]), let day = digits(parts[2])
        else { return .malformed }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return .notOnCalendar }
        return .valid(LocalDate(year: year, month: month, day: day))
    }

    static func month(_ text: String) -> YearMonth? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = digits(parts[0]), let month = digits(parts[1]), (1...12).contains(month)
        else { return nil }
        return YearMonth(year: year, month: month)
    }

    static func quarter(_ text: String) -> Quarter? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = digits(parts[0]),
              parts[1].count == 2, parts[1].first == "T", let quarter = digits(parts[1].dropFirst()),
              (1...4).contains(quarter)
        else { return nil }
        return Quarter(year: year, quarter: quarter)
    }

    static func launch(_ text: String) -> Launch? {
        if let quarter = quarter(text) { return .quarter(quarter) }
        if let month = month(text) { return .month(month) }
        return nil
    }

    /// `HH:MM`, 24 h.
    static func time(_ text: String) -> LocalTime? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = digits(parts[0]), let minute = digits(parts[1]), hour < 24, minute < 60
        else { return nil }
        return LocalTime(hour: hour, minute: minute)
    }

    /// `MM:SS` → seconds.
    static func duration(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...3).contains(parts[0].count), parts[1].count == 2,
              let minutes = digits(parts[0]), let seconds = digits(parts[1]), seconds < 60
        else { return nil }
        return minutes * 60 + seconds
    }

    /// An absolute http(s) URL with a host and no whitespace.
    static func isWebURL(_ text: String, httpsOnly: Bool = false) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://"), !httpsOnly {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !text.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }
    }

    static func luhn(_ text: String) -> Bool {
        var sum = 0
        for (index, byte) in text.utf8.reversed().enumerated() {
            var digit = Int(byte) - 48
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }

    /// 14 digits, Luhn; La Poste's establishments (SIREN 356000000) use a digit sum multiple of 5.
    static func isValidSIRET(_ text: String) -> Bool {
        guard isDigits(text, count: 14) else { return false }
        if text.hasPrefix("356000000") {
            return text.utf8.reduce(0) { $0 + Int($1) - 48 } % 5 == 0
        }
        return luhn(text)
    }

    static func isValidSIREN(_ text: String) -> Bool {
        isDigits(text, count: 9) && luhn(text)
    }

    /// A French department code as written (`93`, `"01"`, `2A`, `974`), or nil. Case is kept
    /// as the code is written officially: `2A`, not `2a` (a hint says so).
    static func frenchDepartment(_ text: String) -> String? {
        if text == "2A" || text == "2B" { return text }
        if isDigits(text, count: 2), let number = Int(text), (1...95).contains(number), number != 20 { return text }
        if isDigits(text, count: 3), let number = Int(text), (971...976).contains(number) { return text }
        return nil
    }

    /// « 1 » → « 01 », « 2a » → « 2A », « 93 – Seine-Saint-Denis » or « Seine-Saint-Denis » → « 93 »,
    /// « 93200 » (a postcode) → « 93 ».
    static func frenchDepartmentCorrection(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let fixed = frenchDepartment(trimmed.uppercased()) { return fixed }
        if isDigits(trimmed, count: 1), trimmed != "0" { return "0" + trimmed }
        if isDigits(trimmed, count: 5) { return department(ofPostcode: trimmed) }
        return departmentCorrection(text)
    }

    /// The department a postcode is in: its first two digits, three overseas (`974`), `2A` or
    /// `2B` in Corsica (20000–20199 and 20200–20999).
    static func department(ofPostcode postcode: String) -> String? {
        guard isDigits(postcode, count: 5) else { return nil }
        if postcode.hasPrefix("97") { return frenchDepartment(String(postcode.prefix(3))) }
        if postcode.hasPrefix("20") { return postcode < "20200" ? "2A" : "2B" }
        return frenchDepartment(String(postcode.prefix(2)))
    }

    /// Two digits: a CPV division (`72`), as a supplier may list one.
    static func isCPVDivision(_ text: String) -> Bool {
        isDigits(text, count: 2) && text != "00"
    }

    /// `72000000` or `72000000-5` → (digits, check digit).
    static func cpv(_ text: String) -> (digits: String, checkDigit: String?)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), isDigits(String(parts[0]), count: 8) else { return nil }
        if parts.count == 2 {
            guard isDigits(String(parts[1]), count: 1) else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
        return (String(parts[0]), nil)
    }

    // MARK: Suggestions

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidate when it is close enough to be a typo; ties go to the first.
    public static func suggestion(for text: String, among candidates: [String]) -> String? {
        let limit = max(1, min(3, text.unicodeScalars.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != text {
            let distance = editDistance(text.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    static func quoted(_ values: [String]) -> String {
        values.map { "« \($0) »" }.joined(separator: ", ")
    }
}
