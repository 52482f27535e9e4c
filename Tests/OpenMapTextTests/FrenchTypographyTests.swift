import Testing
import OpenMapText

private let nbsp = "\u{A0}"
private let nnbsp = "\u{202F}"

@Suite struct FrenchTypographyTests {
    @Test func colonGetsNoBreakSpace() {
        #expect(FrenchTypography.apply("Date : 12 mai") == "Date\(nbsp): 12 mai")
    }

    @Test func severalSpacesBeforeColonCollapse() {
        #expect(FrenchTypography.apply("Date   : 12 mai") == "Date\(nbsp): 12 mai")
    }

    @Test func semicolonExclamationQuestionGetNarrowSpace() {
        #expect(FrenchTypography.apply("un ; deux") == "un\(nnbsp); deux")
        #expect(FrenchTypography.apply("Attention !") == "Attention\(nnbsp)!")
        #expect(FrenchTypography.apply("Vraiment ?") == "Vraiment\(nnbsp)?")
    }

    @Test func noBreakSpaceBeforeExclamationBecomesNarrow() {
        #expect(FrenchTypography.apply("Attention\(nbsp)!") == "Attention\(nnbsp)!")
    }

    @Test func punctuationWithoutSpaceIsLeftAlone() {
        #expect(FrenchTypography.apply("Quoi?!") == "Quoi?!")
        #expect(FrenchTypography.apply("a;b") == "a;b")
    }

    @Test func guillemetsGetNarrowSpacesInside() {
        #expect(FrenchTypography.apply("« Bonjour »") == "«\(nnbsp)Bonjour\(nnbsp)»")
        #expect(FrenchTypography.apply("«Bonjour»") == "«\(nnbsp)Bonjour\(nnbsp)»")
        #expect(FrenchTypography.apply("«  Bonjour  »") == "«\(nnbsp)Bonjour\(nnbsp)»")
        #expect(FrenchTypography.apply("«\(nbsp)Bonjour\(nbsp)»") == "«\(nnbsp)Bonjour\(nnbsp)»")
    }

    @Test func guillemetsSplitByMarkdownEmphasis() {
        // "«*mot*»" reaches the transform as three text nodes.
        #expect(FrenchTypography.apply("«") == "«\(nnbsp)")
        #expect(FrenchTypography.apply("»") == "\(nnbsp)»")
        #expect(FrenchTypography.apply(" »") == "\(nnbsp)»")
        #expect(FrenchTypography.apply(" !") == "\(nnbsp)!")
        #expect(FrenchTypography.apply(" : suite") == "\(nbsp): suite")
    }

    @Test func urlsAndTimesAreUntouched() {
        let text = "Voir https://example.fr/page?id=1#a:b à 10:30, ratio 3:2, mailto:x@y.fr"
        #expect(FrenchTypography.apply(text) == text)
    }

    @Test func punctuationOpeningALineKeepsItsIndentation() {
        #expect(FrenchTypography.apply("ligne\n  ! note") == "ligne\n  ! note")
    }

    @Test func applyingTwiceEqualsOnce() {
        let samples = [
            "Date : 12 mai ; lieu : Paris ! Vraiment ? « Oui » et «non».",
            "«", "»", " !", "«  a  »", "Quoi ?!", "https://x.fr : ici", "« \n suite »",
            "Heure : 10:30 ; « Bienvenue ! »",
        ]
        for sample in samples {
            let once = FrenchTypography.apply(sample)
            #expect(FrenchTypography.apply(once) == once, "not idempotent for \(sample.debugDescription)")
        }
    }

    @Test func emptyAndPlainTextUnchanged() {
        #expect(FrenchTypography.apply("") == "")
        #expect(FrenchTypography.apply("Rien à changer.") == "Rien à changer.")
    }

    @Test func fullSentence() {
        let input = "La Matinale a lieu le 15 octobre : inscrivez-vous ! Questions ? « OpenMap » répond."
        let expected = "La Matinale a lieu le 15 octobre\(nbsp): inscrivez-vous\(nnbsp)! Questions\(nnbsp)? «\(nnbsp)OpenMap\(nnbsp)» répond."
        #expect(FrenchTypography.apply(input) == expected)
    }
}
