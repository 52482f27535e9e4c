import OpenMapContent
import OpenMapText

// The Matinales' figures as bars: meeting requests, requests accepted, meetings, from the same
// figures the pages' text and matinales.json give (`matinaleFigures`, the published timetable's
// accepted requests). A table whose number cells carry a bar: the picture and its data at once.
// Each Matinale's page shows its own; the Matinales' page shows every Matinale on one scale.

/// What a Matinale published of its meetings: each nil when unknown.
struct MatinaleMeetingFigures: Equatable {
    var requests: Int?
    var accepted: Int?
    var meetings: Int?

    var isEmpty: Bool { requests == nil && accepted == nil && meetings == nil }
    var largest: Int { [requests, accepted, meetings].compactMap { $0 }.max() ?? 0 }
}

extension SiteBuilder {
    /// Requests and meetings as the text shows them; requests accepted from the published timetable.
    func meetingFigures(_ matinale: Matinale) -> MatinaleMeetingFigures {
        let figures = matinaleFigures(matinale)
        return MatinaleMeetingFigures(requests: figures.requests, accepted: publishedTimetable(matinale)?.acceptedCount,
                                      meetings: figures.meetings)
    }

    /// The bars of `matinales` (nil when none published a figure). `single`: one Matinale's page.
    func matinaleFiguresView(_ matinales: [Matinale], single: Bool) -> View? {
        let published = matinales.map { ($0, meetingFigures($0)) }.filter { !$0.1.isEmpty }
        guard !published.isEmpty else { return nil }
        let largest = published.map(\.1.largest).max() ?? 0
        let groups = published.map { matinale, figures -> View in
            let steps: [(label: String, kind: String, value: Int?)] = [
                ("Demandes reçues", "requests", figures.requests),
                ("Demandes acceptées", "accepted", figures.accepted),
                ("Rendez-vous", "meetings", figures.meetings),
            ]
            return [
                "name": typo("\(Labels.ordinalFeminine(matinale.number)) Matinale"),
                "date": typo(Labels.date(matinale.date)),
                "steps": steps.map { step -> View in
                    makeView([
                        "label": step.label,
                        "kind": step.kind,
                        "value": step.value.map(FrenchFormat.integer),
                        "width": step.value.map { ChartNumber.percent($0, of: largest) },
                    ])
                },
            ] as View
        }
        let subject = single ? "de cette matinale" : "par matinale, à la même échelle"
        return [
            "headingId": single ? "chiffres" : "chiffres-matinales",
            "title": single ? "Les rendez-vous en chiffres" : "Les matinales en chiffres",
            "lead": typo("Demandes de rendez-vous des prestataires, demandes acceptées par les organisateurs et rendez-vous obtenus, \(subject)."),
            "caption": typo(single ? "Demandes et rendez-vous" : "Demandes et rendez-vous par matinale"),
            "grouped": !single,
            "groups": groups,
            "note": published.contains { $0.1.accepted == nil }
                ? typo("« Non publié » : la matinale n’a pas publié ce chiffre (les demandes acceptées viennent du planning publié sur ce site).")
                : false,
        ]
    }
}
