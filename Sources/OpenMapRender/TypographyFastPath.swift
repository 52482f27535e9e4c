import OpenMapText

/// `FrenchTypography.apply`, skipped for the many texts it cannot change: it only acts around
/// « : ; ! ? « » », so a text without any of them comes back as it is. The check reads UTF-8
/// bytes (« and » end in 0xAB and 0xBB; other characters with such a byte just take the slow
/// path). Typography was a top cost of the profile: titles and names go through it on every page.
func frenchTypography(_ text: String) -> String {
    let mayChange = text.utf8.contains { byte in
        byte == 0x3A || byte == 0x3B || byte == 0x21 || byte == 0x3F || byte == 0xAB || byte == 0xBB
    }
    return mayChange ? FrenchTypography.apply(text) : text
}
