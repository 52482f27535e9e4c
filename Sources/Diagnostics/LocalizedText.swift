/// One text in every language openmap speaks. Diagnostics carry both, so that the language is
/// chosen where they are printed, not where they are found.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var fr: String
    public var en: String

    public init(fr: French, en: English) {
        self.fr = fr.text
        self.en = en.text
    }

    /// The same text in both languages: a proper noun, a path, or a message not yet in the
    /// catalogue.
    public init(verbatim text: String) {
        fr = text
        en = text
    }

    public subscript(_ language: Language) -> String {
        switch language {
        case .fr: fr
        case .en: en
        }
    }
}

/// French text written as a string literal, with French typography: a no-break space U+00A0
/// before « : », a narrow no-break space U+202F before « ; ! ? » and inside « ». The whole text
/// is set, values included (a quoted value looks the same; literals nested in interpolations,
/// which Swift types as `String`, are set too).
public struct French: Sendable, Hashable, ExpressibleByStringInterpolation {
    public private(set) var text: String

    public init(stringLiteral value: String) {
        text = French.typography(French.apostrophes(value))
    }

    public init(stringInterpolation: StringInterpolation) {
        text = French.typography(stringInterpolation.text)
    }

    public init(verbatim text: String) {
        self.text = text
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        // The apostrophes of the text as written (« l'image » → « l’image »), not of the values
        // put in it, which are quoted as the editor wrote them.
        public mutating func appendLiteral(_ literal: String) { text += French.apostrophes(literal) }
        public mutating func appendInterpolation(_ value: String) { text += value }
        public mutating func appendInterpolation(_ value: Substring) { text += value }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ value: LocalizedText) { text += value.fr }
        public mutating func appendInterpolation(_ value: French) { text += value.text }
        public mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) { text += value.description }
    }

    /// Spaces before « : ; ! ? » and inside « » become the no-break spaces French typography
    /// asks for; an ASCII space before « : » would let a line break there.
    /// A straight apostrophe between two letters as the typographic one (U+2019); quotes
    /// around a value (' after a space, before a space) stay as they are.
    public static func apostrophes(_ text: String) -> String {
        guard text.contains("'") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "'", index > 0, index + 1 < scalars.count,
               scalars[index - 1].properties.isAlphabetic, scalars[index + 1].properties.isAlphabetic {
                out.append("\u{2019}")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    public static func typography(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == " ", let next, next == ":" {
                out.unicodeScalars.append("\u{A0}")
            } else if scalar == " ", let next, [";", "!", "?", "»"].contains(next) {
                out.unicodeScalars.append("\u{202F}")
            } else if scalar == "«", next == " " {
                out.unicodeScalars.append(scalar)
                out.unicodeScalars.append("\u{202F}")
                index += 1
            } else {
                out.unicodeScalars.append(scalar)
            }
            index += 1
        }
        scalars.removeAll()
        return out
    }
}

/// English text written as a string literal; interpolating a `LocalizedText` takes its English.
public struct English: Sendable, Hashable, ExpressibleByStringInterpolation {
    public private(set) var text: String

    public init(stringLiteral value: String) {
        text = value
    }

    public init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
    }

    public init(verbatim text: String) {
        self.text = text
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        public mutating func appendInterpolation(_ value: String) { text += value }
        public mutating func appendInterpolation(_ value: Substring) { text += value }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ value: LocalizedText) { text += value.en }
        public mutating func appendInterpolation(_ value: English) { text += value.text }
        public mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) { text += value.description }
    }
}

/// A diagnostic's words: its stable code, its message and its hint, in both languages. Every
/// `Message` is made by a function of the catalogue (`Catalogue*.swift`), so that the French and
/// the English are written side by side and cannot drift.
public struct Message: Sendable, Hashable, Codable {
    public var code: String
    public var text: LocalizedText
    public var hint: LocalizedText?

    public init(_ code: String, fr: French, en: English, hint: LocalizedText? = nil) {
        self.code = code
        text = LocalizedText(fr: fr, en: en)
        self.hint = hint
    }

    /// The same message with its hint replaced (nil keeps none).
    public func hinted(_ hint: LocalizedText?) -> Message {
        var copy = self
        copy.hint = hint
        return copy
    }
}

extension LocalizedText {
    /// Two texts one after the other, with a space (or `separator`) between them.
    public static func + (lhs: LocalizedText, rhs: LocalizedText) -> LocalizedText {
        var joined = lhs
        joined.fr += " " + rhs.fr
        joined.en += " " + rhs.en
        return joined
    }

    /// Both texts joined, nil when both are nil.
    public static func joined(_ parts: [LocalizedText?]) -> LocalizedText? {
        let present = parts.compactMap { $0 }
        guard var first = present.first else { return nil }
        for part in present.dropFirst() { first = first + part }
        return first
    }
}
