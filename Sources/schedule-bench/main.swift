// Benchmark of the meeting scheduler against greedy first-fit on generated Matinales.
// Run in release mode: `swift run -c release schedule-bench`. Instances come from fixed seeds.
import Scheduling

struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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
}

func makeProblem(kind: Kind, participants: Int, seed: UInt64) -> SchedulingProblem {
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

let header = ["kind", "participants", "slots", "requests", "accepted", "scheduled", "bound", "optimal",
              "seconds", "greedy", "greedy s"]
let widths = [9, 12, 5, 8, 8, 9, 6, 7, 8, 7, 8]
print(zip(header, widths).map { pad($0, $1) }.joined(separator: " "))
let clock = ContinuousClock()
var worst = 0.0
for participants in [150, 500, 2_000] {
    for (kindIndex, kind) in Kind.allCases.enumerated() {
        let problem = makeProblem(kind: kind, participants: participants,
                                  seed: UInt64(participants * 10 + kindIndex))
        var timetable: Timetable?
        let elapsed = clock.measure { timetable = Scheduler.schedule(problem) }
        var greedy: Timetable?
        let greedyElapsed = clock.measure { greedy = GreedyScheduler.schedule(problem) }
        guard let timetable, let greedy else { continue }
        worst = max(worst, seconds(elapsed))
        let accepted = problem.requests.filter { $0.status == .accepted }.count
        let row = [kind.rawValue, String(participants), String(problem.slotCount),
                   String(problem.requests.count), String(accepted),
                   String(timetable.scheduledCount), String(timetable.upperBound),
                   timetable.isOptimal ? "yes" : "no", format(seconds(elapsed)),
                   String(greedy.scheduledCount), format(seconds(greedyElapsed))]
        print(zip(row, widths).map { pad($0, $1) }.joined(separator: " "))
    }
}
print("slowest scheduler run: \(format(worst)) s (greedy seconds include computing its bound)")
