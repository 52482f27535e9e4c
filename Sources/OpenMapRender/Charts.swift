import OpenMapContent
import OpenMapText

// Pictures written by the build (issue 21): the launch calendar, the map of Île-de-France, a
// roadmap's timeline, the Matinales' figures. Each is HTML and CSS, or inline SVG, made from the
// same values as the lists and open data it sits beside, with its numbers written out (colour is
// never the only cue) and its data as a table. What they share is here.

/// How dark a count is drawn among the counts of one picture: 0 for none, then 1 to `levels` in
/// equal steps from the smallest count shown to the largest, so that eight departments of 94 to
/// 166 needs are told apart as well as quarters of 1 to 3. Every count is written beside its
/// shade, and the legend gives each shade's counts.
struct ChartShading: Equatable {
    static let levels = 4

    let smallest: Int
    let largest: Int

    init(counts: some Sequence<Int>) {
        let shown = counts.filter { $0 > 0 }
        smallest = shown.min() ?? 0
        largest = shown.max() ?? 0
    }

    func level(_ count: Int) -> Int {
        guard count > 0, largest > 0 else { return 0 }
        return min(Self.levels, max(1, 1 + (count - smallest) * Self.levels / (largest - smallest + 1)))
    }

    /// The counts each level stands for, lowest first (levels no count reaches left out).
    var ranges: [(level: Int, low: Int, high: Int)] {
        guard largest > 0 else { return [] }
        var ranges: [(level: Int, low: Int, high: Int)] = []
        for count in smallest...largest {
            let level = level(count)
            if let last = ranges.last, last.level == level {
                ranges[ranges.count - 1].high = count
            } else {
                ranges.append((level, count, count))
            }
        }
        return ranges
    }

    /// The legend's swatches: « 1 », « 2 à 3 »…
    func legend(unit: (Int) -> String) -> [View] {
        ranges.map { range in
            let text = range.low == range.high ? unit(range.low)
                : "\(FrenchFormat.integer(range.low)) à \(unit(range.high))"
            return ["level": String(range.level), "label": text]
        }
    }
}

/// Numbers written into SVG and style attributes: one decimal at most, a point, never a locale's
/// comma, the same bytes on every machine.
enum ChartNumber {
    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// `part` of `whole` as a percentage, for a width.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0" }
        return format(Double(part) * 100 / Double(whole))
    }
}
