import Scheduling

/// SplitMix64: a tiny deterministic generator so every random instance comes from a seed.
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

/// Every rule a timetable must satisfy; returns the broken ones (empty when valid).
func violations(of timetable: Timetable, for problem: SchedulingProblem) -> [String] {
    var problems: [String] = []
    let slots = problem.slotCount
    let cap = problem.maxPerSupplier ?? slots
    var supplierSlots = Set<[Int]>(), buyerSlots = Set<[Int]>(), pairs = Set<[Int]>()
    var supplierLoad = [Int: Int](), buyerLoad = [Int: Int]()
    var acceptedPairs = [[Int]: Int]()
    for (index, request) in problem.requests.enumerated() where request.status == .accepted {
        let pair = [request.supplier, request.buyer]
        if let existing = acceptedPairs[pair] {
            if request.weight > problem.requests[existing].weight { acceptedPairs[pair] = index }
        } else {
            acceptedPairs[pair] = index
        }
    }
    var weight = 0
    for meeting in timetable.meetings {
        if !(0..<slots).contains(meeting.slot) { problems.append("slot out of range \(meeting)") }
        if !supplierSlots.insert([meeting.supplier, meeting.slot]).inserted { problems.append("supplier double-booked \(meeting)") }
        if !buyerSlots.insert([meeting.buyer, meeting.slot]).inserted { problems.append("table double-booked \(meeting)") }
        if !pairs.insert([meeting.supplier, meeting.buyer]).inserted { problems.append("pair twice \(meeting)") }
        if let request = acceptedPairs[[meeting.supplier, meeting.buyer]] {
            weight += problem.requests[request].weight
        } else {
            problems.append("not an accepted request \(meeting)")
        }
        if !available(problem.supplierAvailability, meeting.supplier, meeting.slot)
            || !available(problem.buyerAvailability, meeting.buyer, meeting.slot) {
            problems.append("outside availability \(meeting)")
        }
        supplierLoad[meeting.supplier, default: 0] += 1
        buyerLoad[meeting.buyer, default: 0] += 1
    }
    if supplierLoad.values.contains(where: { $0 > cap }) { problems.append("cap exceeded") }
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
        let scheduled = pairs.contains([request.supplier, request.buyer]) && acceptedPairs[[request.supplier, request.buyer]] == index
        let reason = reasonOf[index]
        if scheduled == (reason != nil) { problems.append("request \(index): scheduled=\(scheduled) reason=\(String(describing: reason))"); continue }
        guard let reason else { continue }
        let supplierSlotsAvailable = availableSlots(problem.supplierAvailability, request.supplier)
        let buyerSlotsAvailable = availableSlots(problem.buyerAvailability, request.buyer)
        let common = Set(supplierSlotsAvailable).intersection(buyerSlotsAvailable)
        let buyerFull = buyerSlotsAvailable.allSatisfy { buyerSlots.contains([request.buyer, $0]) }
        let supplierFull = supplierLoad[request.supplier, default: 0] >= cap
            || supplierSlotsAvailable.allSatisfy { supplierSlots.contains([request.supplier, $0]) }
        let ok: Bool
        switch reason {
        case .refused: ok = request.status == .refused
        case .pending: ok = request.status == .pending
        case .invalid:
            ok = request.status == .accepted
                && (!(0..<problem.supplierCount).contains(request.supplier) || !(0..<problem.buyerCount).contains(request.buyer))
        case .duplicate: ok = request.status == .accepted && acceptedPairs[[request.supplier, request.buyer]] != index
        case .noCommonSlot: ok = request.status == .accepted && common.isEmpty
        case .buyerFull: ok = request.status == .accepted && !common.isEmpty && buyerFull
        case .supplierFull: ok = request.status == .accepted && !common.isEmpty && !buyerFull && supplierFull
        case .lostToConflicts:
            ok = request.status == .accepted && !common.isEmpty && !buyerFull && !supplierFull
                && common.allSatisfy { buyerSlots.contains([request.buyer, $0]) || supplierSlots.contains([request.supplier, $0]) }
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

/// The true maximum number of meetings, by trying every slot (or none) for each accepted request.
func bruteForceCount(_ problem: SchedulingProblem) -> Int {
    let accepted = problem.requests.filter { $0.status == .accepted }
    let cap = problem.maxPerSupplier ?? problem.slotCount
    var best = 0
    var supplierBusy = Set<[Int]>(), buyerBusy = Set<[Int]>()
    var supplierLoad = [Int](repeating: 0, count: problem.supplierCount)
    func search(_ index: Int, _ count: Int) {
        if count + (accepted.count - index) <= best { return }
        guard index < accepted.count else { best = max(best, count); return }
        let request = accepted[index]
        if supplierLoad[request.supplier] < cap {
            for slot in 0..<problem.slotCount
            where available(problem.supplierAvailability, request.supplier, slot)
                && available(problem.buyerAvailability, request.buyer, slot)
                && !supplierBusy.contains([request.supplier, slot]) && !buyerBusy.contains([request.buyer, slot]) {
                supplierBusy.insert([request.supplier, slot]); buyerBusy.insert([request.buyer, slot])
                supplierLoad[request.supplier] += 1
                search(index + 1, count + 1)
                supplierLoad[request.supplier] -= 1
                supplierBusy.remove([request.supplier, slot]); buyerBusy.remove([request.buyer, slot])
            }
        }
        search(index + 1, count)
    }
    search(0, 0)
    return best
}
