import Scheduling

struct InstanceShape {
    var suppliers: ClosedRange<Int>
    var buyers: ClosedRange<Int>
    var slots: ClosedRange<Int>
    var requestsPerSupplier: ClosedRange<Int>
    var windows = false
    var cap: Bool = false
    var mixedStatuses = false
}

func randomProblem(seed: UInt64, shape: InstanceShape) -> SchedulingProblem {
    var rng = SplitMix64(seed: seed)
    let suppliers = Int.random(in: shape.suppliers, using: &rng)
    let buyers = Int.random(in: shape.buyers, using: &rng)
    let slots = Int.random(in: shape.slots, using: &rng)
    var requests: [MeetingRequest] = []
    for supplier in 0..<suppliers {
        let wanted = min(Int.random(in: shape.requestsPerSupplier, using: &rng), buyers)
        var chosen = Array(0..<buyers)
        chosen.shuffle(using: &rng)
        for buyer in chosen.prefix(wanted) {
            var status = MeetingRequest.Status.accepted
            if shape.mixedStatuses {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: status = .refused
                case 1: status = .pending
                default: break
                }
            }
            requests.append(MeetingRequest(supplier: supplier, buyer: buyer,
                                           priority: Int.random(in: 1...3, using: &rng), status: status))
        }
    }
    requests.shuffle(using: &rng)
    func window() -> Set<Int>? {
        guard shape.windows, Int.random(in: 0..<3, using: &rng) == 0 else { return nil }
        let start = Int.random(in: 0..<slots, using: &rng)
        let end = Int.random(in: start..<slots, using: &rng)
        var set = Set(start...end)
        if Int.random(in: 0..<4, using: &rng) == 0 { set.remove(Int.random(in: 0..<slots, using: &rng)) }
        return set
    }
    let supplierAvailability = (0..<suppliers).map { _ in window() }
    let buyerAvailability = (0..<buyers).map { _ in window() }
    let cap = shape.cap ? Int.random(in: 1...max(1, slots), using: &rng) : nil
    return SchedulingProblem(slotCount: slots, supplierCount: suppliers, buyerCount: buyers,
                             requests: requests, supplierAvailability: supplierAvailability,
                             buyerAvailability: buyerAvailability, maxPerSupplier: cap)
}

func available(_ availability: [Set<Int>?], _ participant: Int, _ slot: Int) -> Bool {
    guard participant < availability.count, let set = availability[participant] else { return true }
    return set.contains(slot)
}

func seatsOf(_ problem: SchedulingProblem, _ supplier: Int) -> Int {
    supplier < problem.seats.count ? max(problem.seats[supplier], 1) : 1
}

/// Every rule a timetable must satisfy, checked from the problem alone (none of the
/// scheduler's code): no double booking at a table, at most seats(s) meetings of a supplier per
/// slot, a pair once, windows, the cap, every imposed meeting met (at its slot when fixed)
/// unless reported unmet, excluded pairs never, count ≤ bound, and one true reason for each
/// request left out. Returns the broken rules (empty when valid).
func violations(of timetable: Timetable, for problem: SchedulingProblem) -> [String] {
    var problems: [String] = []
    let slots = problem.slotCount
    let cap = problem.maxPerSupplier ?? Int.max
    var tableSlots = Set<[Int]>(), pairs = Set<[Int]>()
    var seatsUsed = [[Int]: Int]()
    var supplierLoad = [Int: Int](), buyerLoad = [Int: Int]()
    let excluded = Set(problem.excluded.map { [$0.supplier, $0.buyer] })
    let unmet = Set(timetable.unmetImposed.map(\.imposed))
    var imposedMet = [[Int]: Int]()  // pair → imposed index, for the imposed meetings in force
    for (index, imposed) in problem.imposed.enumerated() where !unmet.contains(index) {
        imposedMet[[imposed.supplier, imposed.buyer]] = index
    }
    // The request a pair's meeting stands for: accepted first, then the highest weight, then the first.
    var representative = [[Int]: Int]()
    for (index, request) in problem.requests.enumerated() {
        let pair = [request.supplier, request.buyer]
        let eligible = imposedMet[pair] != nil || request.status == .accepted
        guard eligible else { continue }
        if let existing = representative[pair] {
            let e = problem.requests[existing]
            if (request.status == .accepted ? 0 : 1, -request.weight) < (e.status == .accepted ? 0 : 1, -e.weight) {
                representative[pair] = index
            }
        } else {
            representative[pair] = index
        }
    }
    var weight = 0
    for meeting in timetable.meetings {
        let pair = [meeting.supplier, meeting.buyer]
        if !(0..<slots).contains(meeting.slot) { problems.append("slot out of range \(meeting)") }
        if !tableSlots.insert([meeting.buyer, meeting.slot]).inserted { problems.append("table double-booked \(meeting)") }
        seatsUsed[[meeting.supplier, meeting.slot], default: 0] += 1
        if seatsUsed[[meeting.supplier, meeting.slot]]! > seatsOf(problem, meeting.supplier) {
            problems.append("supplier over its seats \(meeting)")
        }
        if !pairs.insert(pair).inserted { problems.append("pair twice \(meeting)") }
        if excluded.contains(pair) { problems.append("excluded pair met \(meeting)") }
        if let request = representative[pair] {
            weight += problem.requests[request].weight
        } else if imposedMet[pair] != nil {
            weight += 2
        } else {
            problems.append("neither requested nor imposed \(meeting)")
        }
        if !available(problem.supplierAvailability, meeting.supplier, meeting.slot)
            || !available(problem.buyerAvailability, meeting.buyer, meeting.slot) {
            problems.append("outside availability \(meeting)")
        }
        supplierLoad[meeting.supplier, default: 0] += 1
        buyerLoad[meeting.buyer, default: 0] += 1
    }
    if supplierLoad.values.contains(where: { $0 > cap }) { problems.append("cap exceeded") }
    for (index, imposed) in problem.imposed.enumerated() where !unmet.contains(index) {
        let met = timetable.meetings.first { $0.supplier == imposed.supplier && $0.buyer == imposed.buyer }
        if met == nil { problems.append("imposed \(index) not met") }
        if let met, let slot = imposed.slot, met.slot != slot { problems.append("imposed \(index) at \(met.slot), not \(slot)") }
    }
    if timetable.meetings != timetable.meetings.sorted() { problems.append("meetings not sorted") }
    if timetable.meetings.count > timetable.upperBound { problems.append("above the bound") }
    if timetable.isOptimal != (timetable.meetings.count == timetable.upperBound) { problems.append("isOptimal wrong") }
    if weight != timetable.totalWeight { problems.append("total weight \(timetable.totalWeight) != \(weight)") }
    if Set(timetable.meetings.map(\.supplier)).count != timetable.suppliersMet { problems.append("suppliersMet wrong") }

    // Each request: scheduled, or exactly one reason that is true.
    let unplacedIndices = timetable.unplaced.map(\.request)
    if unplacedIndices != unplacedIndices.sorted() || Set(unplacedIndices).count != unplacedIndices.count {
        problems.append("unplaced not sorted or repeated")
    }
    let reasonOf = Dictionary(timetable.unplaced.map { ($0.request, $0.reason) }, uniquingKeysWith: { first, _ in first })
    func availableSlots(_ availability: [Set<Int>?], _ participant: Int) -> [Int] {
        (0..<slots).filter { available(availability, participant, $0) }
    }
    for (index, request) in problem.requests.enumerated() {
        let pair = [request.supplier, request.buyer]
        let scheduled = pairs.contains(pair) && representative[pair] == index
        let reason = reasonOf[index]
        if scheduled == (reason != nil) { problems.append("request \(index): scheduled=\(scheduled) reason=\(String(describing: reason))"); continue }
        guard let reason else { continue }
        let supplierSlotsAvailable = availableSlots(problem.supplierAvailability, request.supplier)
        let buyerSlotsAvailable = availableSlots(problem.buyerAvailability, request.buyer)
        let common = Set(supplierSlotsAvailable).intersection(buyerSlotsAvailable)
        let seats = seatsOf(problem, request.supplier)
        func supplierFullAt(_ slot: Int) -> Bool { seatsUsed[[request.supplier, slot], default: 0] >= seats }
        let buyerFull = buyerSlotsAvailable.allSatisfy { tableSlots.contains([request.buyer, $0]) }
        let supplierFull = supplierLoad[request.supplier, default: 0] >= cap || supplierSlotsAvailable.allSatisfy(supplierFullAt)
        let accepted = request.status == .accepted
        let ok: Bool
        switch reason {
        case .refused: ok = request.status == .refused
        case .pending: ok = request.status == .pending
        case .invalid:
            ok = accepted && (!(0..<problem.supplierCount).contains(request.supplier) || !(0..<problem.buyerCount).contains(request.buyer))
        case .duplicate: ok = representative[pair] != nil && representative[pair] != index
        case .excluded: ok = accepted && excluded.contains(pair)
        case .noCommonSlot: ok = accepted && common.isEmpty
        case .buyerFull: ok = accepted && !common.isEmpty && buyerFull
        case .supplierFull: ok = accepted && !common.isEmpty && !buyerFull && supplierFull
        case .lostToConflicts:
            ok = accepted && !common.isEmpty && !buyerFull && !supplierFull
                && common.allSatisfy { tableSlots.contains([request.buyer, $0]) || supplierFullAt($0) }
        }
        if !ok { problems.append("request \(index): wrong reason \(reason)") }
    }
    return problems
}

/// Lexicographic best (meetings, weight, suppliers met) over every subset of accepted pairs
/// whose degrees fit: exact for problems without windows (König), for tiny inputs only.
func bruteForceWithoutWindows(_ problem: SchedulingProblem) -> (count: Int, weight: Int, suppliers: Int) {
    let accepted = problem.requests.filter { $0.status == .accepted }
    let cap = min(problem.maxPerSupplier ?? problem.slotCount, problem.slotCount)
    var best = (0, 0, 0)
    for mask in 0..<(1 << accepted.count) {
        var supplierLoad = [Int](repeating: 0, count: problem.supplierCount)
        var buyerLoad = [Int](repeating: 0, count: problem.buyerCount)
        var weight = 0
        for (bit, request) in accepted.enumerated() where mask & (1 << bit) != 0 {
            supplierLoad[request.supplier] += 1
            buyerLoad[request.buyer] += 1
            weight += request.weight
        }
        guard supplierLoad.allSatisfy({ $0 <= cap }), buyerLoad.allSatisfy({ $0 <= problem.slotCount }) else { continue }
        let value = (mask.nonzeroBitCount, weight, supplierLoad.filter { $0 > 0 }.count)
        if value > best { best = value }
    }
    return best
}

/// The true maximum number of meetings, by trying every slot (or none) for each accepted or
/// imposed pair, with seats, imposed meetings (always met, at their slot when fixed) and
/// exclusions; -1 when the imposed meetings cannot all be met.
func bruteForceCount(_ problem: SchedulingProblem) -> Int {
    let excluded = Set(problem.excluded.map { [$0.supplier, $0.buyer] })
    var pairs: [(s: Int, b: Int, imposed: Bool, slot: Int?)] = []
    var seen = Set<[Int]>()
    for imposed in problem.imposed where seen.insert([imposed.supplier, imposed.buyer]).inserted {
        pairs.append((imposed.supplier, imposed.buyer, true, imposed.slot))
    }
    for request in problem.requests where request.status == .accepted && !excluded.contains([request.supplier, request.buyer])
        && seen.insert([request.supplier, request.buyer]).inserted {
        pairs.append((request.supplier, request.buyer, false, nil))
    }
    let cap = problem.maxPerSupplier ?? Int.max
    var best = -1
    var seatsBusy = [[Int]: Int](), buyerBusy = Set<[Int]>()
    var supplierLoad = [Int](repeating: 0, count: problem.supplierCount)
    func search(_ index: Int, _ count: Int) {
        if count + (pairs.count - index) <= best { return }
        guard index < pairs.count else { best = max(best, count); return }
        let pair = pairs[index]
        if supplierLoad[pair.s] < cap {
            for slot in 0..<problem.slotCount
            where (pair.slot == nil || pair.slot == slot)
                && available(problem.supplierAvailability, pair.s, slot) && available(problem.buyerAvailability, pair.b, slot)
                && seatsBusy[[pair.s, slot], default: 0] < seatsOf(problem, pair.s) && !buyerBusy.contains([pair.b, slot]) {
                seatsBusy[[pair.s, slot], default: 0] += 1; buyerBusy.insert([pair.b, slot])
                supplierLoad[pair.s] += 1
                search(index + 1, count + 1)
                supplierLoad[pair.s] -= 1
                seatsBusy[[pair.s, slot], default: 0] -= 1; buyerBusy.remove([pair.b, slot])
            }
        }
        if !pair.imposed { search(index + 1, count) }
    }
    search(0, 0)
    return best
}
