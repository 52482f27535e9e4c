// Benchmark of the meeting scheduler against greedy first-fit on generated Matinales.
// Run in release mode: `swift run -c release schedule-bench`. Instances come from fixed seeds.
//   --export DIR       writes each instance as JSON (for bench/schedule_reference.py)
//   --reference FILE   reads the best-known values found by CP-SAT on those instances
//   --moves N          the tabu search's move budget (SchedulingEffort.searchMoves)
import Foundation
import Scheduling

enum Kind: String, CaseIterable {
    /// Every buyer equally wanted, no cap.
    case dense
    /// A few popular buyers get most requests; at most 4 meetings per supplier.
    case skewed
    /// A third of the participants come late or leave early; at most 6 meetings per supplier.
    case windowed
    /// Windows for half the participants, 8–16 requests per supplier, at most 8 meetings each:
    /// both sides saturated, the hardest case for the colouring.
    case crowded
    /// As many suppliers as buyers, every participant of degree equal to the number of slots,
    /// a third of them with a window (one or two stretches of the morning): the flow bound is
    /// loose there, and only an exact solver knows the optimum.
    case regular
    /// `regular`, but each window misses only one to three slots: every participant stays
    /// nearly saturated, the hardest case we know for the colouring.
    case saturated
    /// `windowed`, plus the organisers' decisions: one supplier in four with two seats, one
    /// pair in fifteen excluded, one meeting in eight of a first timetable imposed (half of them
    /// at their slot).
    case overrides
}

func makeProblem(kind: Kind, participants: Int, seed: UInt64) -> SchedulingProblem {
    switch kind {
    case .regular: return regularProblem(participants: participants, seed: seed)
    case .saturated: return regularProblem(participants: participants, seed: seed, shortAbsences: true)
    case .overrides: return withOverrides(makeProblem(kind: .windowed, participants: participants, seed: seed), seed: seed)
    default: return basicProblem(kind: kind, participants: participants, seed: seed)
    }
}

func basicProblem(kind: Kind, participants: Int, seed: UInt64) -> SchedulingProblem {
    var rng = SplitMix64(seed: seed)
    let buyers = max(kind == .crowded ? participants / 2 : participants / 4, 2)
    let suppliers = participants - buyers
    let slots = Int.random(in: 12...16, using: &rng)
    // Skewed: buyer i is chosen with weight 1/(i+1) (Zipf-like).
    let buyerWeights: [Double] = (0..<buyers).map { kind == .skewed ? 1.0 / Double($0 + 1) : 1.0 }
    let totalWeight = buyerWeights.reduce(0, +)
    func pickBuyer() -> Int {
        var target = Double.random(in: 0..<totalWeight, using: &rng)
        for (buyer, weight) in buyerWeights.enumerated() {
            target -= weight
            if target < 0 { return buyer }
        }
        return buyers - 1
    }
    var requests: [MeetingRequest] = []
    for supplier in 0..<suppliers {
        let wanted = kind == .crowded ? Int.random(in: 8...16, using: &rng) : Int.random(in: 3...8, using: &rng)
        var chosen: [Int] = []
        while chosen.count < min(wanted, buyers) {
            let buyer = pickBuyer()
            if !chosen.contains(buyer) { chosen.append(buyer) }
        }
        for buyer in chosen {
            let roll = Int.random(in: 0..<20, using: &rng)
            let status: MeetingRequest.Status = roll == 0 ? .refused : roll == 1 ? .pending : .accepted
            requests.append(MeetingRequest(supplier: supplier, buyer: buyer,
                                           priority: Int.random(in: 1...3, using: &rng), status: status))
        }
    }
    func window() -> Set<Int>? {
        guard kind == .windowed || kind == .crowded,
              Int.random(in: 0..<(kind == .crowded ? 2 : 3), using: &rng) == 0 else { return nil }
        let length = Int.random(in: slots / 3...slots - 1, using: &rng)
        let start = Bool.random(using: &rng) ? 0 : slots - length
        return Set(start..<start + length)
    }
    return SchedulingProblem(
        slotCount: slots, supplierCount: suppliers, buyerCount: buyers, requests: requests,
        supplierAvailability: (0..<suppliers).map { _ in window() },
        buyerAvailability: (0..<buyers).map { _ in window() },
        maxPerSupplier: kind == .skewed ? 4 : kind == .windowed ? 6 : kind == .crowded ? 8 : nil)
}

/// A T-regular bipartite graph (a circulant, then random degree-preserving switches), a third
/// of the participants with windows.
func regularProblem(participants: Int, seed: UInt64, shortAbsences: Bool = false) -> SchedulingProblem {
    var rng = SplitMix64(seed: seed)
    let side = max(participants / 2, 2)
    let slots = min(Int.random(in: 10...14, using: &rng), side)
    var edges: [(Int, Int)] = []
    var present = Set<Int>()
    for supplier in 0..<side {
        for shift in 0..<slots {
            let buyer = (supplier + shift) % side
            edges.append((supplier, buyer)); present.insert(supplier * side + buyer)
        }
    }
    for _ in 0..<(edges.count * 8) {
        let i = Int.random(in: 0..<edges.count, using: &rng), j = Int.random(in: 0..<edges.count, using: &rng)
        let (a, b) = edges[i], (c, d) = edges[j]
        guard a != c, b != d, !present.contains(a * side + d), !present.contains(c * side + b) else { continue }
        present.remove(a * side + b); present.remove(c * side + d)
        present.insert(a * side + d); present.insert(c * side + b)
        edges[i] = (a, d); edges[j] = (c, b)
    }
    edges.sort { $0 < $1 }
    let requests = edges.map { MeetingRequest(supplier: $0.0, buyer: $0.1, priority: Int.random(in: 1...3, using: &rng)) }
    func window() -> Set<Int>? {
        guard Int.random(in: 0..<3, using: &rng) == 0 else { return nil }
        let length = Int.random(in: shortAbsences ? slots - 3...slots - 1 : slots / 2...slots - 1, using: &rng)
        let start = Int.random(in: 0...(slots - length), using: &rng)
        var window = Set(start..<start + length)
        // One in four leaves for a while in the middle of its window.
        if length >= 5, Int.random(in: 0..<4, using: &rng) == 0 { window.remove(start + length / 2) }
        return window
    }
    return SchedulingProblem(slotCount: slots, supplierCount: side, buyerCount: side, requests: requests,
                             supplierAvailability: (0..<side).map { _ in window() },
                             buyerAvailability: (0..<side).map { _ in window() })
}

func withOverrides(_ base: SchedulingProblem, seed: UInt64) -> SchedulingProblem {
    var rng = SplitMix64(seed: seed ^ 0x5EA7)
    var problem = base
    problem.seats = (0..<problem.supplierCount).map { _ in Int.random(in: 0..<4, using: &rng) == 0 ? 2 : 1 }
    let first = Scheduler.schedule(problem)
    problem.imposed = first.meetings.compactMap { meeting in
        guard Int.random(in: 0..<8, using: &rng) == 0 else { return nil }
        return ImposedMeeting(supplier: meeting.supplier, buyer: meeting.buyer,
                              slot: Bool.random(using: &rng) ? meeting.slot : nil)
    }
    let imposedPairs = Set(problem.imposed.map { MeetingPair(supplier: $0.supplier, buyer: $0.buyer) })
    problem.excluded = problem.requests.compactMap { request in
        let pair = MeetingPair(supplier: request.supplier, buyer: request.buyer)
        return Int.random(in: 0..<15, using: &rng) == 0 && !imposedPairs.contains(pair) ? pair : nil
    }
    return problem
}

/// The instance as JSON, for the reference solver: accepted pairs only (one per pair), and the
/// scheduler's timetable as a starting point (CP-SAT's solution hint).
func exportJSON(_ problem: SchedulingProblem, name: String, hint: [Meeting]) -> String {
    var seen = Set<[Int]>()
    let pairs = problem.requests.filter { $0.status == .accepted && seen.insert([$0.supplier, $0.buyer]).inserted }
    func availability(_ list: [Set<Int>?]) -> String {
        "[" + list.map { $0.map { "[" + $0.sorted().map(String.init).joined(separator: ",") + "]" } ?? "null" }
            .joined(separator: ",") + "]"
    }
    return """
        {"name": "\(name)", "slots": \(problem.slotCount), "suppliers": \(problem.supplierCount), \
        "buyers": \(problem.buyerCount), "cap": \(problem.maxPerSupplier.map(String.init) ?? "null"), \
        "seats": [\((0..<problem.supplierCount).map { String(problem.seats(of: $0)) }.joined(separator: ","))], \
        "pairs": [\(pairs.map { "[\($0.supplier),\($0.buyer)]" }.joined(separator: ","))], \
        "supplier_availability": \(availability(problem.supplierAvailability)), \
        "buyer_availability": \(availability(problem.buyerAvailability)), \
        "imposed": [\(problem.imposed.map { "[\($0.supplier),\($0.buyer),\($0.slot ?? -1)]" }.joined(separator: ","))], \
        "excluded": [\(problem.excluded.map { "[\($0.supplier),\($0.buyer)]" }.joined(separator: ","))], \
        "hint": [\(hint.map { "[\($0.supplier),\($0.buyer),\($0.slot)]" }.joined(separator: ","))]}

        """
}

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

func format(_ value: Double, _ decimals: Int = 3) -> String {
    var scaled = value
    for _ in 0..<decimals { scaled *= 10 }
    let rounded = Int(scaled + 0.5) // values are non-negative
    var unit = 1
    for _ in 0..<decimals { unit *= 10 }
    let fraction = String(rounded % unit)
    return "\(rounded / unit).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
}

var arguments = CommandLine.arguments.dropFirst()
var exportFolder: String?, referenceFile: String?
var effort = SchedulingEffort.standard
while let argument = arguments.popFirst() {
    switch argument {
    case "--export": exportFolder = arguments.popFirst()
    case "--reference": referenceFile = arguments.popFirst()
    case "--moves": effort.searchMoves = arguments.popFirst().flatMap { Int($0) } ?? effort.searchMoves
    default: FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8)); exit(2)
    }
}
/// name → (best known, proven optimal) from the reference file.
var reference: [String: (best: Int, optimal: Bool)] = [:]
if let referenceFile, let data = FileManager.default.contents(atPath: referenceFile),
   let object = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] {
    for (name, entry) in object {
        if let best = entry["best"] as? Int { reference[name] = (best, entry["optimal"] as? Bool ?? false) }
    }
}

let sizes = [150, 500, 2_000]
// Only the instances the scheduler leaves below the bound need a reference: elsewhere the
// bound is the optimum.
if let exportFolder {
    try? FileManager.default.createDirectory(atPath: exportFolder, withIntermediateDirectories: true)
    for participants in sizes {
        for (kindIndex, kind) in Kind.allCases.enumerated() {
            let problem = makeProblem(kind: kind, participants: participants, seed: UInt64(participants * 10 + kindIndex))
            let timetable = Scheduler.schedule(problem, effort: effort)
            guard !timetable.isOptimal else { continue }
            let name = "\(kind.rawValue)-\(participants)"
            _ = FileManager.default.createFile(atPath: exportFolder + "/" + name + ".json",
                                               contents: Data(exportJSON(problem, name: name, hint: timetable.meetings).utf8))
        }
    }
    exit(0)
}

let header = ["kind", "participants", "slots", "requests", "imposed", "scheduled", "bound", "gap", "best known",
              "vs best", "seconds", "no search", "greedy", "greedy s"]
let widths = [9, 12, 5, 8, 7, 9, 6, 5, 10, 7, 8, 9, 7, 8]
print(zip(header, widths).map { pad($0, $1) }.joined(separator: " "))
let clock = ContinuousClock()
var worst = 0.0
var totalScheduled = 0, totalBest = 0, atBest = 0, compared = 0
for participants in sizes {
    for (kindIndex, kind) in Kind.allCases.enumerated() {
        let problem = makeProblem(kind: kind, participants: participants,
                                  seed: UInt64(participants * 10 + kindIndex))
        var timetable: Timetable?
        let elapsed = clock.measure { timetable = Scheduler.schedule(problem, effort: effort) }
        // The same scheduler without the tabu search: what it placed before it.
        var withoutSearch = effort
        withoutSearch.searchMoves = 0
        let before = Scheduler.schedule(problem, effort: withoutSearch).scheduledCount
        var greedy: Timetable?
        let greedyElapsed = clock.measure { greedy = GreedyScheduler.schedule(problem) }
        guard let timetable, let greedy else { continue }
        worst = max(worst, seconds(elapsed))
        let name = "\(kind.rawValue)-\(participants)"
        // Without windows or fixed slots the bound is the optimum: it is the best known.
        let best = reference[name].map { max($0.best, timetable.scheduledCount) }
            ?? (timetable.isOptimal ? timetable.scheduledCount : nil)
        let bestText = best.map { String($0) + (reference[name]?.optimal == true || timetable.isOptimal ? "*" : "") } ?? "?"
        if let best {
            totalScheduled += timetable.scheduledCount; totalBest += best; compared += 1
            if timetable.scheduledCount >= best { atBest += 1 }
        }
        let row = [kind.rawValue, String(participants), String(problem.slotCount),
                   String(problem.requests.count), String(problem.imposed.count),
                   String(timetable.scheduledCount), String(timetable.upperBound),
                   String(timetable.upperBound - timetable.scheduledCount), bestText,
                   best.map { String(timetable.scheduledCount - $0) } ?? "?", format(seconds(elapsed)), String(before),
                   String(greedy.scheduledCount), format(seconds(greedyElapsed))]
        print(zip(row, widths).map { pad($0, $1) }.joined(separator: " "))
    }
}
print("gap: bound − scheduled; best known: the better of CP-SAT's best (--reference) and ours, * when proven optimal")
print("no search: the same scheduler without its tabu search (ejection chains only)")
print("at the best known on \(atBest) of \(compared) instances; \(totalScheduled) of \(totalBest) best-known meetings")
print("slowest scheduler run: \(format(worst)) s (greedy seconds include computing its bound)")
