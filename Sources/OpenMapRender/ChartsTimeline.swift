import OpenMapContent
import OpenMapText

// A roadmap's timeline: its needs along its horizon, each placed at its launch month or quarter,
// drawn by status (a shape and a colour, and the status in words), each linking to the need on
// the page. HTML and CSS: positions are percentages of the horizon, set on each mark. The table
// « Calendrier prévisionnel » under it gives the same needs, launches and statuses.

extension SiteBuilder {
    /// An axis longer than this (launches years outside the horizon) is cut to the horizon.
    static let timelineMaximumMonths = 60

    /// The month the timelines mark as « today » (nil without a date: no mark).
    var timelineMonth: YearMonth? {
        options.today.map { YearMonth(year: $0.year, month: $0.month) }
    }

    func roadmapTimelineView(_ roadmap: Roadmap) -> View? {
        guard !roadmap.needs.isEmpty else { return nil }
        var first = roadmap.horizonFrom, last = roadmap.horizonTo
        for need in roadmap.needs {
            first = min(first, need.launch.firstMonth)
            last = max(last, need.launch.lastMonth)
        }
        if last.ordinal - first.ordinal >= Self.timelineMaximumMonths || last < first {
            first = roadmap.horizonFrom
            last = max(roadmap.horizonTo, roadmap.horizonFrom)
        }
        let months = last.ordinal - first.ordinal + 1
        func percent(_ monthsFromStart: Double) -> String { ChartNumber.format(monthsFromStart * 100 / Double(months)) }

        // Years above, quarters below: each as wide as its months on the axis.
        var years: [View] = []
        var quarters: [View] = []
        var ordinal = first.ordinal
        while ordinal <= last.ordinal {
            let year = ordinal / 12, quarter = (ordinal % 12) / 3 + 1
            let quarterEnd = min(last.ordinal, year * 12 + quarter * 3 - 1)
            let span = quarterEnd - ordinal + 1
            quarters.append(["label": span >= 2 ? "T\(quarter)" : "", "width": percent(Double(span))])
            ordinal = quarterEnd + 1
        }
        for year in first.year...last.year {
            let from = max(first.ordinal, year * 12), to = min(last.ordinal, year * 12 + 11)
            years.append(["label": to - from >= 2 ? String(year) : "", "width": percent(Double(to - from + 1))])
        }

        let sorted = roadmap.needs.sorted { ($0.launch, $0.id) < ($1.launch, $1.id) }
        let rows = sorted.map { need -> View in
            let start = max(0, min(months - 1, need.launch.firstMonth.ordinal - first.ordinal))
            let end = max(start, min(months - 1, need.launch.lastMonth.ordinal - first.ordinal))
            let outside = need.launch.firstMonth < roadmap.horizonFrom || need.launch.lastMonth > roadmap.horizonTo
            return makeView([
                "id": need.id,
                "title": typo(need.title),
                "left": percent(Double(start)),
                "width": percent(Double(end - start + 1)),
                "status": Labels.status(need.status),
                "statusClass": need.status.rawValue,
                "statusSymbol": Labels.statusSymbol(need.status),
                "launch": typo(Labels.launch(need.launch)),
                "outside": outside ? "hors horizon" : nil,
            ])
        }
        // Quarter lines behind the marks: a 1 px line every three months, shifted to the first
        // quarter's start (a repeated background's position is a share of the room it leaves).
        let lead = (3 - (first.month - 1) % 3) % 3
        var view: View = [
            "caption": typo("Lancements prévus \(Labels.horizon(from: first, to: last)), par besoin"),
            "years": years,
            "quarters": quarters,
            "rows": rows,
            "gridSize": percent(3),
            "gridShift": months > 3 ? ChartNumber.format(Double(lead) * 100 / Double(months - 3)) : "0",
            "statuses": NeedStatus.allCases.filter { status in roadmap.needs.contains { $0.status == status } }.map { status -> View in
                ["label": Labels.status(status), "statusClass": status.rawValue, "statusSymbol": Labels.statusSymbol(status)]
            },
        ]
        if let today = timelineMonth, today >= first, today <= last {
            view["today"] = ["left": percent(Double(today.ordinal - first.ordinal) + 0.5),
                             "label": typo("Aujourd’hui (\(Labels.month(today)))")] as View
        }
        return view
    }
}
