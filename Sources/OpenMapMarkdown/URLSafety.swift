/// Which link destinations may reach the HTML.
enum URLSafety {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// Relative paths, `#anchors`, `//host/…` and the allowed schemes pass; every other scheme is refused.
    ///
    /// Browsers ignore tabs, line breaks and leading controls or spaces in URLs, so `java\tscript:` and
    /// ` javascript:` are schemes too: whitespace and controls are removed before looking. Anything before
    /// the first colon that is not a path, query or fragment counts as a scheme, even one browsers would
    /// not accept: refusing too much is safer than guessing.
    static func isAllowed(_ destination: String) -> Bool {
        var cleaned = String.UnicodeScalarView()
        for scalar in destination.unicodeScalars where !isIgnoredByBrowsers(scalar) {
            cleaned.append(scalar)
        }
        guard let colon = cleaned.firstIndex(of: ":") else { return true }
        let beforeColon = cleaned[..<colon]
        if beforeColon.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        return allowedSchemes.contains(String(beforeColon).lowercased())
    }

    private static func isIgnoredByBrowsers(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x21 || (0x7F...0x9F).contains(scalar.value)
            || scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint
    }
}
