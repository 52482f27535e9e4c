import OpenMapContent

// The catalogue's index, /besoins/index.json (the format is ListIndex's): every need's card and
// its values for the filter form (every facet but CPV divisions, which have their pages only).

extension SiteBuilder {
    static let searchIndexPath = "besoins/index.json"

    /// The facts of a need's card (`needListCard`), as the index lists them.
    static let needColumns = [
        ListIndex.Column(term: "Acheteur", kind: .note, wide: true), ListIndex.Column(term: "Thème", kind: .text),
        ListIndex.Column(term: "Lancement", kind: .text), ListIndex.Column(term: "Budget", kind: .text),
        ListIndex.Column(term: "Procédure", kind: .text), ListIndex.Column(term: "CPV", kind: .items, wide: true),
    ]

    func searchIndex() -> [UInt8] {
        let kinds = catalogue.facets.filter { $0.kind != .cpv }
        var index = ListIndex(pathPrefix: NeedCatalogue.path, columns: Self.needColumns, filters: kinds.map { facet in
            ListIndex.Filter(name: facet.kind.segment, values: facet.values.map { ($0.value, typo($0.label)) })
        })
        for entry in catalogue.entries {
            let need = entry.need
            let card = Self.needListCard(entry, themes: themes, cpvByDigits: cpvByDigits)
            let values: [String: [String]] = [
                FacetKind.theme.segment: [need.theme],
                FacetKind.departement.segment: [entry.buyer.department],
                FacetKind.typeAcheteur.segment: [entry.buyer.kind.rawValue],
                FacetKind.lancement.segment: [NeedCatalogue.quarterKey(entry.quarter)],
                FacetKind.procedure.segment: [entry.procedure.rawValue],
                FacetKind.statut.segment: [need.status.rawValue],
            ]
            // The card says it all: title, buyer, theme, launch, budget, procedure, CPV codes.
            index.append(card, values: values)
        }
        return index.encoded()
    }
}
