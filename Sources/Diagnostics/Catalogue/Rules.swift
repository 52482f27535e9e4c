// Rules of roadmaps, Matinales and their CSV files.

extension Message {
    // MARK: Lists of themes and CPV codes

    public static func duplicateTheme(_ slug: String, firstLine: Int) -> Message {
        Message("duplicate-theme",
                fr: "le thème « \(slug) » est déjà listé ligne \(firstLine)",
                en: "the theme “\(slug)” is already listed on line \(firstLine)",
                hint: LocalizedText(fr: "supprimez l'un des deux", en: "remove one of them"))
    }

    public static func duplicateCPV(_ code: String, firstLine: Int) -> Message {
        Message("duplicate-cpv",
                fr: "le code CPV « \(code) » est déjà listé ligne \(firstLine)",
                en: "the CPV code “\(code)” is already listed on line \(firstLine)",
                hint: LocalizedText(fr: "supprimez l'un des deux", en: "remove one of them"))
    }

    // MARK: Roadmaps

    public static func publishedYearMismatch(published: Int, folder: Int) -> Message {
        Message("published-year-mismatch",
                fr: "publiée en \(published) mais rangée dans roadmaps/\(folder)/",
                en: "published in \(published) but filed under roadmaps/\(folder)/",
                hint: LocalizedText(fr: "déplacez le fichier dans roadmaps/\(published)/ ou corrigez la date",
                                    en: "move the file to roadmaps/\(published)/ or correct the date"))
    }

    public static func updatedBeforePublished(updated: String, published: String) -> Message {
        Message("updated-before-published",
                fr: "mise à jour le \(updated), avant sa publication le \(published)",
                en: "updated on \(updated), before its publication on \(published)",
                hint: LocalizedText(fr: "corrigez l'une des deux dates", en: "correct one of the two dates"))
    }

    public static func horizonBackwards(from: String, to: String) -> Message {
        Message("invalid-horizon",
                fr: "l'horizon finit (\(to)) avant de commencer (\(from))",
                en: "the horizon ends (\(to)) before it starts (\(from))",
                hint: LocalizedText(fr: "« from » est le premier mois couvert, « to » le dernier", en: "“from” is the first month covered, “to” the last"))
    }

    public static func horizonTooLong(months: Int) -> Message {
        Message("invalid-horizon",
                fr: "l'horizon couvre \(months) mois, plus de 24",
                en: "the horizon spans \(months) months, more than 24",
                hint: LocalizedText(fr: "une feuille de route couvre 12 à 18 mois", en: "a roadmap covers 12 to 18 months"))
    }

    public static func horizonLength(months: Int) -> Message {
        Message("horizon-length",
                fr: "l'horizon couvre \(months) mois ; le programme en demande 12 à 18",
                en: "the horizon spans \(months) months; the programme asks for 12 to 18")
    }

    public static func duplicateNeedID(_ id: String, firstLine: Int) -> Message {
        Message("duplicate-id",
                fr: "l'identifiant de besoin « \(id) » est déjà pris ligne \(firstLine)",
                en: "the need id “\(id)” is already used on line \(firstLine)",
                hint: LocalizedText(fr: "chaque besoin d'une feuille de route a son propre identifiant",
                                    en: "need ids are unique within a roadmap"))
    }

    public static func invalidBudget(_ text: String, corrected: Int?) -> Message {
        Message("invalid-budget",
                fr: "le budget s'écrit en chiffres, en euros HT, pas « \(text) »",
                en: "the budget is written in digits, in euros excluding VAT, not “\(text)”",
                hint: corrected.map {
                    LocalizedText(fr: "écrivez budget: \($0) (un montant estimé), budget: {min: …, max: …} ou budget: a-definir",
                                  en: "write budget: \($0) (an estimate), budget: {min: …, max: …} or budget: a-definir")
                } ?? LocalizedText(fr: "écrivez un montant (budget: 50000), une fourchette (budget: {min: 20000, max: 50000}) ou budget: a-definir",
                                   en: "write an amount (budget: 50000), a range (budget: {min: 20000, max: 50000}) or budget: a-definir"))
    }

    public static func invalidAmount(field: String, _ text: String, corrected: Int?) -> Message {
        Message("invalid-budget",
                fr: "« \(field) » s'écrit en chiffres, en euros HT, pas « \(text) »",
                en: "“\(field)” is written in digits, in euros excluding VAT, not “\(text)”",
                hint: LocalizedText(fr: "sans espace, ni « € », ni « HT » : \(field): \(corrected.map(String.init) ?? "50000")",
                                    en: "without spaces, “€” or “HT”: \(field): \(corrected.map(String.init) ?? "50000")"))
    }

    public static func budgetMinAboveMax(min: Int, max: Int) -> Message {
        Message("invalid-budget",
                fr: "le minimum du budget (\(min)) dépasse son maximum (\(max))",
                en: "the budget's minimum (\(min)) is above its maximum (\(max))",
                hint: LocalizedText(fr: "échangez les deux montants", en: "swap the two amounts"))
    }

    public static func launchOutsideHorizon(_ launch: String, from: String, to: String) -> Message {
        Message("launch-outside-horizon",
                fr: "le lancement « \(launch) » tombe hors de l'horizon de la feuille de route (\(from) à \(to))",
                en: "the launch “\(launch)” falls outside the roadmap's horizon (\(from) to \(to))",
                hint: LocalizedText(fr: "ajustez l'horizon ou la date de lancement", en: "adjust the horizon or the launch"))
    }

    public static func invalidLaunch(_ text: String, corrected: String?) -> Message {
        Message("invalid-launch",
                fr: "« launch » doit être un trimestre AAAA-T1…T4 ou un mois AAAA-MM, pas « \(text) »",
                en: "“launch” must be a quarter YYYY-T1…T4 or a month YYYY-MM, found “\(text)”",
                hint: LocalizedText(fr: "par exemple\(correction(corrected ?? "2016-T4 ou 2016-10").fr)",
                                    en: "for example\(correction(corrected ?? "2016-T4 or 2016-10").en)"))
    }

    public static func missingTenderURL() -> Message {
        Message("missing-tender-url",
                fr: "le besoin est publié mais n'a pas de « tender_url »",
                en: "the need is published but has no “tender_url”",
                hint: LocalizedText(fr: "donnez l'adresse de la consultation pour que les entreprises puissent y répondre",
                                    en: "link the call for tenders so that suppliers can answer it"))
    }

    // MARK: Matinales

    public static func matinaleEndsBeforeStart(start: String, end: String) -> Message {
        Message("invalid-time-range",
                fr: "la Matinale finit (\(end)) avant de commencer (\(start))",
                en: "the Matinale ends (\(end)) before it starts (\(start))",
                hint: LocalizedText(fr: "les heures s'écrivent sur 24 heures : 12:30 et non 00:30", en: "times use the 24-hour clock: 12:30, not 00:30"))
    }

    public static func meetingsEndBeforeStart(start: String, end: String) -> Message {
        Message("invalid-time-range",
                fr: "les rendez-vous finissent (\(end)) avant de commencer (\(start))",
                en: "the meetings end (\(end)) before they start (\(start))")
    }

    public static func breakEndsBeforeStart(start: String, end: String) -> Message {
        Message("invalid-time-range",
                fr: "la pause finit (\(end)) avant de commencer (\(start))",
                en: "the break ends (\(end)) before it starts (\(start))")
    }

    public static func windowEndsBeforeStart(start: String, end: String) -> Message {
        Message("invalid-time-range",
                fr: "la plage finit (\(end)) avant de commencer (\(start))",
                en: "the window ends (\(end)) before it starts (\(start))")
    }

    public static func outsideHours(_ what: LocalizedText, time: String, start: String, end: String) -> Message {
        Message("outside-hours",
                fr: "\(what) (\(time)) tombe hors des horaires de la Matinale (\(start)–\(end))",
                en: "\(what) (\(time)) is outside the Matinale's hours (\(start)–\(end))",
                hint: LocalizedText(fr: "corrigez l'heure, ou les horaires « start » et « end » de la Matinale",
                                    en: "correct the time, or the Matinale's “start” and “end”"))
    }

    public static func breakOutsideMeetings(breakStart: String, breakEnd: String, start: String, end: String) -> Message {
        Message("outside-hours",
                fr: "la pause \(breakStart)–\(breakEnd) tombe hors des rendez-vous (\(start)–\(end))",
                en: "the break \(breakStart)–\(breakEnd) is outside the meetings (\(start)–\(end))")
    }

    public static func programmeOrder(time: String, previous: String) -> Message {
        Message("programme-order",
                fr: "la séquence de \(time) vient après celle de \(previous)",
                en: "the programme item at \(time) comes after one at \(previous)",
                hint: LocalizedText(fr: "rangez le programme dans l'ordre des heures", en: "list the programme in time order"))
    }

    public static func duplicateTable(_ number: Int, firstLine: Int) -> Message {
        Message("duplicate-table",
                fr: "la table \(number) est déjà listée ligne \(firstLine)",
                en: "table \(number) is already listed on line \(firstLine)",
                hint: LocalizedText(fr: "chaque table a son propre numéro", en: "each table has its own number"))
    }

    public static func buyerAtTwoTables(_ buyer: String, firstLine: Int) -> Message {
        Message("buyer-at-two-tables",
                fr: "l'acheteur « \(buyer) » a déjà une table ligne \(firstLine)",
                en: "the buyer “\(buyer)” already has a table on line \(firstLine)",
                hint: LocalizedText(fr: "un acheteur occupe une seule table ; listez-y tous ses représentants",
                                    en: "a buyer sits at one table; list all its representatives there"))
    }

    public static func missingMeetings() -> Message {
        Message("missing-meetings",
                fr: "cette Matinale a un fichier requests.csv mais pas de réglages « meetings »",
                en: "this Matinale has a requests.csv but no “meetings” settings",
                hint: LocalizedText(fr: "ajoutez meetings: {start, end, slot_minutes} pour planifier les demandes",
                                    en: "add meetings: {start, end, slot_minutes} to schedule the requests"))
    }

    public static func registrationClosesBeforeOpening(opens: String, closes: String) -> Message {
        Message("invalid-date-range",
                fr: "les inscriptions ferment (\(closes)) avant d'ouvrir (\(opens))",
                en: "registration closes (\(closes)) before it opens (\(opens))")
    }

    // MARK: CSV files

    public static func csvUnclosedQuote() -> Message {
        Message("csv-syntax",
                fr: "le champ entre guillemets ouvert ici n'est pas refermé",
                en: "a quoted field is not closed",
                hint: LocalizedText(fr: "ajoutez le guillemet de fin ; un guillemet dans un champ s'écrit \"\"",
                                    en: "add the closing quote; a quote inside a field is written \"\""))
    }

    public static func csvEmpty(header: [String]) -> Message {
        Message("csv-header",
                fr: "le fichier est vide : la première ligne doit être \(header.joined(separator: ","))",
                en: "the file is empty: expected the header \(header.joined(separator: ","))")
    }

    public static func csvUnknownColumn(_ name: String, suggestion: String?, header: [String]) -> Message {
        Message("csv-header",
                fr: "colonne inconnue « \(name) »",
                en: "unknown column “\(name)”",
                hint: suggestion.map { LocalizedText(fr: "voulez-vous dire « \($0) » ?", en: "did you mean “\($0)”?") }
                    ?? LocalizedText(fr: "colonnes attendues : \(header.joined(separator: ","))", en: "expected the columns \(header.joined(separator: ","))"))
    }

    public static func csvMissingColumn(_ name: String, header: [String]) -> Message {
        Message("csv-header",
                fr: "l'en-tête n'a pas de colonne « \(name) »",
                en: "the header has no “\(name)” column",
                hint: LocalizedText(fr: "colonnes attendues : \(header.joined(separator: ","))", en: "expected the columns \(header.joined(separator: ","))"))
    }

    public static func csvFieldCount(expected: Int, found: Int) -> Message {
        Message("csv-columns",
                fr: "\(expected) champs attendus sur cette ligne, \(found) trouvés",
                en: "expected \(expected) fields, found \(found)",
                hint: LocalizedText(fr: "une virgule (ou un point-virgule) de trop ou de moins ; un champ qui contient le séparateur s'écrit entre guillemets",
                                    en: "one separator too many or too few; a field that contains the separator is written in quotes"))
    }

    public static func csvEmptyValue(_ column: String) -> Message {
        Message("missing-field",
                fr: "la colonne « \(column) » est vide sur cette ligne",
                en: "the \(column) is empty",
                hint: LocalizedText(fr: "complétez la valeur ou supprimez la ligne", en: "fill in the value or remove the line"))
    }

    public static func invalidPriority(_ text: String) -> Message {
        Message("invalid-priority",
                fr: "la priorité vaut 1, 2 ou 3, pas « \(text) »",
                en: "the priority is 1, 2 or 3, found “\(text)”",
                hint: LocalizedText(fr: "1 est la plus haute ; une case vide vaut 2", en: "1 is the highest; an empty cell means 2"))
    }

    public static func duplicateRequest(supplier: String, buyer: String, firstLine: Int, line: Int) -> Message {
        Message("duplicate-request",
                fr: "la demande \(supplier) → \(buyer) figure déjà ligne \(firstLine)",
                en: "the request \(supplier) → \(buyer) is already on line \(firstLine)",
                hint: LocalizedText(fr: "gardez une seule des deux lignes (\(firstLine) et \(line))",
                                    en: "keep only one of the two lines (\(firstLine) and \(line))"))
    }
}
