// Fields: missing, unknown, of the wrong shape, or written the way people write on paper.

extension Message {
    static func correction(_ corrected: String?) -> (fr: French, en: English) {
        guard let corrected else { return ("", "") }
        return (" : \(corrected)", ": \(corrected)")
    }

    public static func missingField(_ key: String) -> Message {
        Message("missing-field",
                fr: "le champ obligatoire « \(key) » manque",
                en: "missing required field “\(key)”",
                hint: LocalizedText(fr: "ajoutez une ligne « \(key): … » (le guide de rédaction décrit chaque champ)",
                                    en: "add a line “\(key): …” (the writing guide describes every field)"))
    }

    public static func emptyField(_ key: String) -> Message {
        Message("missing-field",
                fr: "le champ « \(key) » est vide",
                en: "the field “\(key)” is empty",
                hint: LocalizedText(fr: "écrivez sa valeur après « \(key): »", en: "write its value after “\(key):”"))
    }

    public static func videoNeedsIdOrURL() -> Message {
        Message("missing-field",
                fr: "une vidéo a besoin d'un « id » ou d'une « url »",
                en: "a video needs an “id” or a “url”",
                hint: LocalizedText(fr: "« id » est l'identifiant chez l'hébergeur (youtube…), « url » l'adresse de la vidéo",
                                    en: "“id” is the identifier at the provider (youtube…), “url” the video's address"))
    }

    public static func emptyNeeds() -> Message {
        Message("missing-field",
                fr: "une feuille de route décrit au moins un besoin",
                en: "a roadmap lists at least one need",
                hint: LocalizedText(fr: "ajoutez sous « needs: » un élément « - id: … » ; « openmap new roadmap » en montre un",
                                    en: "add a “- id: …” item under “needs:”; “openmap new roadmap” shows one"))
    }

    public static func unknownKey(_ key: String, suggestion: String?, suggestionIsRequired: Bool, known: [String]) -> Message {
        let hint: LocalizedText
        if let suggestion {
            hint = suggestionIsRequired
                ? LocalizedText(fr: "voulez-vous dire « \(suggestion) » ? Ce champ est obligatoire",
                                en: "did you mean “\(suggestion)”? That field is required")
                : LocalizedText(fr: "voulez-vous dire « \(suggestion) » ?", en: "did you mean “\(suggestion)”?")
        } else {
            hint = LocalizedText(fr: "champs possibles ici : \(Phrase.plainList(known))", en: "known fields here: \(Phrase.plainList(known))")
        }
        return Message("unknown-key",
                       fr: "champ inconnu « \(key) »",
                       en: "unknown field “\(key)”",
                       hint: hint)
    }

    public static func nonTextKey(found: LocalizedText) -> Message {
        Message("invalid-type",
                fr: "un nom de champ était attendu, pas \(found)",
                en: "expected a field name, found \(found)",
                hint: LocalizedText(fr: "un nom de champ est un mot suivi de « : »", en: "a field name is a word followed by “:”"))
    }

    /// A block of fields was expected (a buyer, a horizon…); `field` is its key when it has one.
    public static func expectedMapping(_ what: LocalizedText, field: String?, found: LocalizedText, foundList: Bool,
                                       missingSpace: String?) -> Message {
        let hint: LocalizedText?
        if let missingSpace {
            hint = LocalizedText(fr: "il manque une espace après les deux-points : \(missingSpace)",
                                 en: "a space is missing after the colon: \(missingSpace)")
        } else if foundList {
            hint = LocalizedText(fr: "retirez les tirets « - » : les champs d'un bloc s'écrivent l'un sous l'autre, alignés",
                                 en: "remove the “-” dashes: the fields of a block are written one under the other, aligned")
        } else {
            hint = LocalizedText(fr: "écrivez les champs sous « \(field ?? "…"): », un par ligne, décalés de deux espaces",
                                 en: "write the fields under “\(field ?? "…"):”, one per line, two spaces further in")
        }
        let subjectFR: French = field.map { "« \($0) » doit être \(what)" } ?? "ce fichier doit décrire \(what)"
        let subjectEN: English = field.map { "“\($0)” must be \(what)" } ?? "expected \(what)"
        return Message("invalid-type",
                       fr: "\(subjectFR) (un bloc de champs), pas \(found)",
                       en: "\(subjectEN) (a block of fields), found \(found)",
                       hint: hint)
    }

    public static func expectedList(field: String?, of what: LocalizedText?, found: LocalizedText, foundMapping: Bool) -> Message {
        let itemsFR: French = what.map { " de \($0)" } ?? ""
        let itemsEN: English = what.map { " of \($0)" } ?? ""
        let subjectFR: French = field.map { "« \($0) » doit être une liste\(itemsFR)" } ?? "une liste\(itemsFR) était attendue"
        let subjectEN: English = field.map { "“\($0)” must be a list\(itemsEN)" } ?? "expected a list\(itemsEN)"
        return Message("invalid-type",
                       fr: "\(subjectFR), pas \(found)",
                       en: "\(subjectEN), found \(found)",
                       hint: foundMapping
                           ? LocalizedText(fr: "chaque élément d'une liste commence par « - » : « - id: … »",
                                           en: "each list item starts with “-”: “- id: …”")
                           : LocalizedText(fr: "une liste s'écrit [a, b] ou un élément « - » par ligne",
                                           en: "a list is written [a, b] or one “-” item per line"))
    }

    /// A text (or number, date…) was expected where a block or a list was written.
    public static func expectedScalar(_ expected: LocalizedText, field: String?, found: LocalizedText, foundMapping: Bool) -> Message {
        let subjectFR: French = field.map { "« \($0) » doit être \(expected)" } ?? "\(expected) était attendu"
        let subjectEN: English = field.map { "“\($0)” must be \(expected)" } ?? "expected \(expected)"
        return Message("invalid-type",
                       fr: "\(subjectFR), pas \(found)",
                       en: "\(subjectEN), found \(found)",
                       hint: foundMapping
                           ? LocalizedText(fr: "un texte qui contient « : » ou commence par « { » s'écrit entre guillemets",
                                           en: "a text that contains “:” or starts with “{” is written in quotes")
                           : LocalizedText(fr: "un texte qui commence par « [ » ou « - » s'écrit entre guillemets",
                                           en: "a text that starts with “[” or “-” is written in quotes"))
    }

    public static func invalidInteger(field: String?, found: LocalizedText, quoted: Bool, corrected: String?) -> Message {
        let subjectFR: French = field.map { "« \($0) » doit être un nombre entier" } ?? "un nombre entier était attendu"
        let subjectEN: English = field.map { "“\($0)” must be an integer" } ?? "expected an integer"
        let fix = correction(corrected)
        return Message("invalid-type",
                       fr: "\(subjectFR), pas \(found)",
                       en: "\(subjectEN), found \(found)",
                       hint: quoted
                           ? LocalizedText(fr: "retirez les guillemets\(fix.fr)", en: "remove the quotes\(fix.en)")
                           : LocalizedText(fr: "écrivez le nombre en chiffres, sans espace ni unité\(fix.fr)",
                                           en: "write the number in digits, without spaces or unit\(fix.en)"))
    }

    public static func integerTooSmall(field: String?, minimum: Int, found: Int) -> Message {
        Message("out-of-range",
                fr: "\(field.map { "« \($0) » vaut" } ?? "la valeur vaut") au moins \(minimum), pas \(found)",
                en: "\(field.map { "“\($0)” is" } ?? "the value is") at least \(minimum), found \(found)")
    }

    public static func invalidBoolean(field: String, found: LocalizedText, corrected: String?) -> Message {
        Message("invalid-type",
                fr: "« \(field) » vaut true ou false, pas \(found)",
                en: "“\(field)” is true or false, found \(found)",
                hint: LocalizedText(fr: "écrivez true (oui) ou false (non), sans guillemets\(correction(corrected).fr)",
                                    en: "write true (yes) or false (no), without quotes\(correction(corrected).en)"))
    }

    public static func invalidDate(field: String?, found: LocalizedText, corrected: String?) -> Message {
        Message("invalid-date",
                fr: "\(field.map { "« \($0) » doit être" } ?? "attendu :") une date AAAA-MM-JJ, pas \(found)",
                en: "\(field.map { "“\($0)” must be" } ?? "expected") a date YYYY-MM-DD, found \(found)",
                hint: corrected.map { LocalizedText(fr: "écrivez l'année, le mois puis le jour : \($0)", en: "write the year, the month, then the day: \($0)") }
                    ?? LocalizedText(fr: "l'année, le mois et le jour séparés par des tirets : 2015-04-17",
                                     en: "the year, the month and the day separated by hyphens: 2015-04-17"))
    }

    public static func dateNotOnCalendar(_ text: String) -> Message {
        Message("invalid-date",
                fr: "« \(text) » n'est pas une date du calendrier",
                en: "“\(text)” is not a date of the calendar",
                hint: LocalizedText(fr: "vérifiez le jour et le mois (un mois a 28 à 31 jours)", en: "check the day and the month (a month has 28 to 31 days)"))
    }

    public static func invalidMonth(field: String, found: LocalizedText, corrected: String?) -> Message {
        Message("invalid-month",
                fr: "« \(field) » doit être un mois AAAA-MM, pas \(found)",
                en: "“\(field)” must be a month YYYY-MM, found \(found)",
                hint: LocalizedText(fr: "l'année puis le mois sur deux chiffres\(correction(corrected ?? "2016-03").fr)",
                                    en: "the year then the month in two digits\(correction(corrected ?? "2016-03").en)"))
    }

    public static func invalidTime(field: String?, found: LocalizedText, corrected: String?) -> Message {
        Message("invalid-time",
                fr: "\(field.map { "« \($0) » doit être" } ?? "attendu :") une heure HH:MM, pas \(found)",
                en: "\(field.map { "“\($0)” must be" } ?? "expected") a time HH:MM, found \(found)",
                hint: LocalizedText(fr: "les heures et les minutes sur deux chiffres, sur 24 heures\(correction(corrected ?? "09:30").fr)",
                                    en: "hours and minutes in two digits, 24-hour clock\(correction(corrected ?? "09:30").en)"))
    }

    public static func invalidDuration(_ text: String, corrected: String?) -> Message {
        Message("invalid-duration",
                fr: "une durée MM:SS était attendue, pas « \(text) »",
                en: "expected a duration MM:SS, found “\(text)”",
                hint: LocalizedText(fr: "les minutes puis les secondes, entre guillemets\(correction(corrected ?? "\"04:30\"").fr)",
                                    en: "minutes then seconds, in quotes\(correction(corrected ?? "\"04:30\"").en)"))
    }

    public static func invalidURL(field: String, _ text: String, httpsOnly: Bool, corrected: String?) -> Message {
        Message("invalid-url",
                fr: "« \(field) » doit être une adresse web complète en \(httpsOnly ? "https" : "http(s)"), pas « \(text) »",
                en: "“\(field)” must be an absolute \(httpsOnly ? "https" : "http(s)") URL, found “\(text)”",
                hint: LocalizedText(fr: "recopiez l'adresse depuis la barre du navigateur\(correction(corrected).fr)",
                                    en: "copy the address from the browser's address bar\(correction(corrected).en)"))
    }

    public static func invalidSitePath(_ text: String) -> Message {
        Message("invalid-url",
                fr: "un chemin du site commençant par « / » ou une adresse http(s) était attendu, pas « \(text) »",
                en: "expected a site path starting with “/” or an http(s) URL, found “\(text)”",
                hint: LocalizedText(fr: "par exemple /feuilles-de-route/", en: "for example /feuilles-de-route/"))
    }

    public static func invalidEmail(_ text: String) -> Message {
        Message("invalid-email",
                fr: "« \(text) » n'est pas une adresse électronique",
                en: "“\(text)” is not an email address",
                hint: LocalizedText(fr: "une adresse s'écrit nom@domaine.fr, sans espace", en: "an address is written name@domain.fr, without spaces"))
    }

    public static func invalidSlug(_ text: String, corrected: String?) -> Message {
        Message("invalid-slug",
                fr: "« \(text) » n'est pas un identifiant",
                en: "“\(text)” is not a slug",
                hint: LocalizedText(fr: "un identifiant s'écrit en minuscules sans accents, chiffres et tirets simples\(correction(corrected ?? "plaine-commune").fr)",
                                    en: "a slug is lowercase letters and digits separated by single hyphens\(correction(corrected ?? "plaine-commune").en)"))
    }

    public static func invalidEnum(field: String, _ text: String, allowed: [String], suggestion: String?) -> Message {
        let listFR = "valeurs possibles : \(Phrase.plainList(allowed))"
        let listEN = "allowed values: \(Phrase.plainList(allowed))"
        return Message("invalid-enum",
                       fr: "« \(text) » n'est pas une valeur possible de « \(field) »",
                       en: "“\(text)” is not a valid \(field)",
                       hint: suggestion.map {
                           LocalizedText(fr: "écrivez « \($0) » (sans accents ni majuscules) ; \(listFR)", en: "write “\($0)”; \(listEN)")
                       } ?? LocalizedText(fr: French(verbatim: French.typography(listFR)), en: English(verbatim: listEN)))
    }

    public static func expectedEnum(field: String, allowed: [String], found: LocalizedText) -> Message {
        Message("invalid-type",
                fr: "« \(field) » vaut \(Phrase.alternatives(allowed)), pas \(found)",
                en: "“\(field)” is one of \(Phrase.alternatives(allowed)), found \(found)")
    }

    public static func unsupportedLanguage(_ text: String) -> Message {
        Message("invalid-enum",
                fr: "« \(text) » n'est pas une langue prise en charge",
                en: "“\(text)” is not a supported language",
                hint: LocalizedText(fr: "le site est en français : « fr »", en: "the site is in French: “fr”"))
    }

    public static func invalidDepartment(_ text: String, suggestion: String?, outsideRegion: Bool) -> Message {
        let codes = "75, 77, 78, 91, 92, 93, 94 ou 95"
        let codesEN = "75, 77, 78, 91, 92, 93, 94 or 95"
        let message: (French, English) = outsideRegion
            ? ("« \(text) » n'est pas un département d'Île-de-France", "“\(text)” is not a department of Île-de-France")
            : ("le département s'écrit avec son numéro, pas « \(text) »", "the department is written as its number, not “\(text)”")
        return Message("invalid-department", fr: message.0, en: message.1,
                       hint: suggestion.map {
                           LocalizedText(fr: "écrivez department: \($0)", en: "write department: \($0)")
                       } ?? LocalizedText(fr: "l'un de \(codes)", en: "one of \(codesEN)"))
    }

    public static func invalidSIRET(_ text: String, checkDigitWrong: Bool) -> Message {
        Message("invalid-siret",
                fr: checkDigitWrong ? "« \(text) » n'est pas un numéro SIRET valable : sa clé de contrôle est fausse"
                    : "« \(text) » n'est pas un numéro SIRET valable : un SIRET a 14 chiffres",
                en: checkDigitWrong ? "“\(text)” is not a valid SIRET number: its check digit is wrong (Luhn)"
                    : "“\(text)” is not a valid SIRET number: a SIRET is 14 digits",
                hint: LocalizedText(fr: "recopiez le numéro depuis l'annuaire des entreprises (annuaire-entreprises.data.gouv.fr)",
                                    en: "copy the number from the French business directory (annuaire-entreprises.data.gouv.fr)"))
    }

    public static func invalidPostcode(_ text: String, corrected: String?) -> Message {
        Message("invalid-postcode",
                fr: "« \(text) » n'est pas un code postal : un code postal a 5 chiffres",
                en: "“\(text)” is not a postcode: a French postcode is 5 digits",
                hint: LocalizedText(fr: "les 5 chiffres, entre guillemets\(correction(corrected ?? "postcode: \"93400\"").fr)",
                                    en: "the 5 digits, in quotes\(correction(corrected ?? "postcode: \"93400\"").en)"))
    }

    public static func invalidSIREN(_ text: String, checkDigitWrong: Bool) -> Message {
        Message("invalid-siren",
                fr: checkDigitWrong ? "« \(text) » n'est pas un numéro SIREN valable : sa clé de contrôle est fausse"
                    : "« \(text) » n'est pas un numéro SIREN valable : un SIREN a 9 chiffres",
                en: checkDigitWrong ? "“\(text)” is not a valid SIREN number: its check digit is wrong (Luhn)"
                    : "“\(text)” is not a valid SIREN number: a SIREN is 9 digits",
                hint: LocalizedText(fr: "recopiez le numéro depuis l'annuaire des entreprises (annuaire-entreprises.data.gouv.fr)",
                                    en: "copy the number from the French business directory (annuaire-entreprises.data.gouv.fr)"))
    }

    /// `divisionAllowed`: a supplier's list, where a two-digit division (`72`) may stand for its codes.
    public static func invalidCPV(_ text: String, divisionAllowed: Bool = false) -> Message {
        Message("invalid-cpv",
                fr: divisionAllowed ? "« \(text) » n'est ni un code CPV ni une division CPV" : "« \(text) » n'est pas un code CPV",
                en: divisionAllowed ? "“\(text)” is neither a CPV code nor a CPV division" : "“\(text)” is not a CPV code",
                hint: divisionAllowed
                    ? LocalizedText(fr: "un code de 8 chiffres (72000000-5) ou les 2 chiffres d'une division, entre guillemets (\"72\")",
                                    en: "an 8-digit code (72000000-5) or the 2 digits of a division, in quotes (\"72\")")
                    : LocalizedText(fr: "un code CPV a 8 chiffres, éventuellement suivis de « - » et de la clé : 72000000-5",
                                    en: "a CPV code is 8 digits, optionally followed by “-” and the check digit: 72000000-5"))
    }

    /// A supplier's department: any French department, not only those of Île-de-France.
    public static func invalidFrenchDepartment(_ text: String, suggestion: String?) -> Message {
        Message("invalid-french-department",
                fr: "« \(text) » n'est pas un numéro de département français",
                en: "“\(text)” is not a French department number",
                hint: suggestion.map { LocalizedText(fr: "écrivez department: \"\($0)\"", en: "write department: \"\($0)\"") }
                    ?? LocalizedText(fr: "01 à 95, 2A, 2B ou 971 à 976, entre guillemets ; ou seulement postcode, dont le département est déduit",
                                     en: "01 to 95, 2A, 2B or 971 to 976, in quotes; or postcode alone, from which the department is taken"))
    }

    public static func postcodeDepartmentMismatch(postcode: String, department: String, postcodeDepartment: String) -> Message {
        Message("postcode-department-mismatch",
                fr: "le code postal \(postcode) est celui du département \(postcodeDepartment), pas du \(department)",
                en: "postcode \(postcode) belongs to department \(postcodeDepartment), not \(department)",
                hint: LocalizedText(fr: "corrigez l'un des deux, ou retirez department : il est déduit du code postal",
                                    en: "correct one of them, or remove department: it is taken from the postcode"))
    }

    public static func invalidYear(_ text: String) -> Message {
        Message("invalid-year",
                fr: "« \(text) » n'est pas une année",
                en: "“\(text)” is not a year",
                hint: LocalizedText(fr: "une année sur 4 chiffres, sans guillemets : year: 2014",
                                    en: "a 4-digit year, without quotes: year: 2014"))
    }
}
