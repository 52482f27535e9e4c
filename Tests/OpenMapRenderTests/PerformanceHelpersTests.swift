import OpenMapContent
import OpenMapText
import Testing
@testable import OpenMapRender

@Suite struct PerformanceHelpersTests {
    @Test(arguments: [
        "Plaine Commune", "Portail open data", "Attention : délai", "Quoi ?", "« citation »", "«mot»",
        "10:30", "https://example.fr", "Été – hiver", "", "Ligne\n: début", "Trois ; quatre ! ",
        "Señor ÿ ǻ", "\u{A0}:", "abc\u{202F}?",
    ])
    func typographyFastPathMatchesTheFullRule(text: String) {
        #expect(frenchTypography(text) == FrenchTypography.apply(text))
        #expect(Array(frenchTypography(text).utf8) == Array(FrenchTypography.apply(text).utf8))
    }

    @Test func parallelMapKeepsTheSequentialOrder() {
        let count = 10_007
        let expected = (0..<count).map { $0 * 31 % 977 }
        #expect(parallelMap(count: count) { $0 * 31 % 977 } == expected)
        #expect(parallelMap(count: count, workers: 1) { $0 * 31 % 977 } == expected)
        #expect(parallelMap(count: 0) { $0 }.isEmpty)
        #expect(parallelMap(count: 3) { $0 } == [0, 1, 2])
    }
}
