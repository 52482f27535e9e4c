// overrides.csv and meetings.seats: the organisers' imposed and excluded meetings.

extension Message {
    public static func overrideTimeOnExclusion() -> Message {
        Message("override-time-on-exclusion",
                fr: "une exclusion n'a pas d'heure",
                en: "an exclusion has no time",
                hint: LocalizedText(fr: "laissez la colonne « time » vide, ou écrivez « imposer » pour fixer ce rendez-vous",
                                    en: "leave the “time” column empty, or write “imposer” to fix this meeting"))
    }

    public static func duplicateOverride(supplier: String, buyer: String, firstLine: Int) -> Message {
        Message("duplicate-override",
                fr: "la paire \(supplier) → \(buyer) figure déjà ligne \(firstLine)",
                en: "the pair \(supplier) → \(buyer) is already on line \(firstLine)",
                hint: LocalizedText(fr: "une seule décision par paire : gardez « imposer » ou « exclure »",
                                    en: "one decision per pair: keep “imposer” or “exclure”"))
    }

    public static func seatsNotAMapping(found: LocalizedText) -> Message {
        Message("invalid-type",
                fr: "« seats » associe un prestataire à son nombre de représentants (« acme: 2 »), pas \(found)",
                en: "“seats” maps a supplier to its number of representatives (“acme: 2”), found \(found)")
    }

    public static func seatsKeyNotASlug(found: LocalizedText) -> Message {
        Message("invalid-type",
                fr: "un identifiant de prestataire était attendu, pas \(found)",
                en: "expected a supplier slug, found \(found)")
    }

    public static func duplicateSeats(_ supplier: String) -> Message {
        Message("duplicate-key",
                fr: "le prestataire « \(supplier) » figure deux fois dans « seats »",
                en: "the supplier “\(supplier)” is twice in “seats”",
                hint: LocalizedText(fr: "gardez une seule ligne pour lui", en: "keep one line for it"))
    }

    public static func overrideNotASlot(_ time: LocalizedText, slots: LocalizedText) -> Message {
        Message("override-not-a-slot",
                fr: "\(time) n'est le début d'aucun créneau",
                en: "\(time) is not the start of a slot",
                hint: LocalizedText(fr: "créneaux : \(slots)", en: "slots: \(slots)"))
    }

    /// `who` did not say it is available at `time` (availability.csv).
    public static func overrideUnavailable(supplier: String?, buyer: String?, time: LocalizedText) -> Message {
        let who: LocalizedText = supplier.map { LocalizedText(fr: "le prestataire « \($0) »", en: "the supplier “\($0)”") }
            ?? LocalizedText(fr: "l'acheteur « \(buyer ?? "") »", en: "the buyer “\(buyer ?? "")”")
        return Message("override-unavailable",
                       fr: "\(who) n'est pas disponible à \(time) (availability.csv)",
                       en: "\(who) is not available at \(time) (availability.csv)",
                       hint: LocalizedText(fr: "choisissez un créneau où les deux sont présents, ou laissez l'heure vide",
                                           en: "choose a slot when both are there, or leave the time empty"))
    }

    public static func overrideNoCommonSlot(supplier: String, buyer: String) -> Message {
        Message("override-unavailable",
                fr: "« \(supplier) » et « \(buyer) » n'ont aucun créneau commun (availability.csv)",
                en: "“\(supplier)” and “\(buyer)” have no slot in common (availability.csv)",
                hint: LocalizedText(fr: "élargissez leurs disponibilités, ou retirez ce rendez-vous imposé",
                                    en: "widen their availability, or remove this imposed meeting"))
    }

    public static func overrideTableTaken(buyer: String, time: LocalizedText, otherLine: Int) -> Message {
        Message("override-conflict",
                fr: "la table de « \(buyer) » a déjà un rendez-vous imposé à \(time) (ligne \(otherLine))",
                en: "the table of “\(buyer)” already has an imposed meeting at \(time) (line \(otherLine))",
                hint: LocalizedText(fr: "changez l'heure de l'un des deux", en: "change the time of one of them"))
    }

    public static func overrideSeatsTaken(supplier: String, count: Int, time: LocalizedText, lines: String) -> Message {
        Message("override-conflict",
                fr: "« \(supplier) » a déjà \(count == 1 ? "un rendez-vous imposé" : "\(count) rendez-vous imposés") à \(time) (ligne \(lines))",
                en: "“\(supplier)” already has \(count == 1 ? "an imposed meeting" : "\(count) imposed meetings") at \(time) (line \(lines))",
                hint: LocalizedText(fr: "changez l'heure, ou donnez plus de représentants au prestataire (meetings.seats)",
                                    en: "change the time, or give the supplier more representatives (meetings.seats)"))
    }

    public static func overrideTableOverCapacity(buyer: String, count: Int, slots: Int) -> Message {
        Message("override-over-capacity",
                fr: "\(count) rendez-vous imposés à la table de « \(buyer) », qui n'a que \(slots) créneaux",
                en: "\(count) imposed meetings at the table of “\(buyer)”, which has only \(slots) slots",
                hint: LocalizedText(fr: "retirez des rendez-vous imposés à cette table", en: "remove imposed meetings from this table"))
    }

    public static func overrideSupplierOverCapacity(supplier: String, count: Int, room: Int, byMaxPerSupplier: Bool) -> Message {
        Message("override-over-capacity",
                fr: "\(count) rendez-vous imposés à « \(supplier) », pour \(byMaxPerSupplier ? "au plus \(room) rendez-vous par prestataire (max_per_supplier)" : "\(room) rendez-vous possibles")",
                en: "\(count) imposed meetings for “\(supplier)”, who can have \(byMaxPerSupplier ? "at most \(room) meetings (max_per_supplier)" : "\(room) meetings")",
                hint: LocalizedText(fr: "retirez des rendez-vous imposés à ce prestataire", en: "remove imposed meetings from this supplier"))
    }

    public static func overrideTableUnplaceable(buyer: String) -> Message {
        Message("override-conflict",
                fr: "les rendez-vous imposés à la table de « \(buyer) » ne tiennent pas dans ses créneaux disponibles",
                en: "the imposed meetings at the table of “\(buyer)” do not fit in its available slots",
                hint: LocalizedText(fr: "leurs disponibilités se recouvrent trop : fixez des heures, ou retirez l'un d'eux",
                                    en: "their availability overlaps too much: fix times, or remove one of them"))
    }

    public static func overrideSupplierUnplaceable(supplier: String) -> Message {
        Message("override-conflict",
                fr: "les rendez-vous imposés à « \(supplier) » ne tiennent pas dans ses créneaux disponibles",
                en: "the imposed meetings of “\(supplier)” do not fit in its available slots",
                hint: LocalizedText(fr: "fixez des heures, ajoutez des représentants (meetings.seats) ou retirez l'un d'eux",
                                    en: "fix times, add representatives (meetings.seats) or remove one of them"))
    }
}
