// The problem in the flat form the algorithms work on: availability as a slot grid, suppliers
// split into one vertex per seat, accepted requests and imposed meetings reduced to distinct
// valid pairs ("candidates"), and the reasons already known for the requests and imposed
// meetings that will never be scheduled.

struct Candidate {
    /// Index into `SchedulingProblem.requests`, or -1 for an imposed pair nobody requested.
    var request: Int
    var supplier: Int
    var buyer: Int
    var weight: Int
    /// Number of slots in A(s) ∩ A(b).
    var commonSlots: Int
    /// Index into `SchedulingProblem.imposed` while the pair is imposed, else -1: an imposed
    /// meeting is never taken out of the timetable.
    var imposed: Int = -1
    /// The slot an imposed meeting must keep, else -1.
    var fixedSlot: Int = -1
    /// Never placed: an imposed pair without an accepted request whose imposition failed.
    var blocked = false

    var isImposed: Bool { imposed >= 0 }
}

struct PreparedProblem {
    let slotCount: Int
    let supplierCount: Int
    let buyerCount: Int
    /// `supplierAvailable[s * slotCount + t]`.
    let supplierAvailable: [Bool]
    let buyerAvailable: [Bool]
    let buyerAvailableCount: [Int]
    /// Seats of each supplier (≥ 1): how many meetings it holds in one slot.
    let seats: [Int]
    /// First seat vertex of each supplier: supplier s owns vertices `seatBase[s] ..< seatBase[s] + seats[s]`;
    /// buyer b is vertex `seatCount + b`.
    let seatBase: [Int]
    let seatCount: Int
    /// The supplier that owns each seat vertex.
    let supplierOfSeat: [Int]
    /// min(maxPerSupplier, seats × |A(s)|): the most meetings supplier s can have.
    let supplierCapacity: [Int]
    var candidates: [Candidate]
    /// Candidate indices touching each participant (suppliers, then buyers), in index order.
    let candidatesOf: [[Int]]
    /// Per request: the reason fixed before scheduling (status, invalid, duplicate, excluded), if any.
    var presetReasons: [UnplacedReason?]
    /// Per imposed meeting: why it is left out, when known before placing it.
    var unmetImposed: [UnmetImposedReason?]

    init(_ problem: SchedulingProblem) {
        let slots = max(problem.slotCount, 0)
        let suppliers = max(problem.supplierCount, 0)
        let buyers = max(problem.buyerCount, 0)
        slotCount = slots
        supplierCount = suppliers
        buyerCount = buyers

        func grid(_ availability: [Set<Int>?], count: Int) -> [Bool] {
            var cells = [Bool](repeating: true, count: count * slots)
            for participant in 0..<min(count, availability.count) {
                guard let allowed = availability[participant] else { continue }
                for slot in 0..<slots {
                    cells[participant * slots + slot] = allowed.contains(slot)
                }
            }
            return cells
        }
        let supplierGrid = grid(problem.supplierAvailability, count: suppliers)
        let buyerGrid = grid(problem.buyerAvailability, count: buyers)
        supplierAvailable = supplierGrid
        buyerAvailable = buyerGrid

        func countAvailable(_ cells: [Bool], participants: Int) -> [Int] {
            (0..<participants).map { participant in
                (0..<slots).reduce(0) { $0 + (cells[participant * slots + $1] ? 1 : 0) }
            }
        }
        buyerAvailableCount = countAvailable(buyerGrid, participants: buyers)
        // A supplier with more seats than tables could never fill them: cap the seats there.
        let seatList = (0..<suppliers).map { min(problem.seats(of: $0), max(buyers, 1)) }
        seats = seatList
        var base: [Int] = [], owner: [Int] = []
        for (supplier, count) in seatList.enumerated() {
            base.append(owner.count)
            owner += [Int](repeating: supplier, count: count)
        }
        seatBase = base
        supplierOfSeat = owner
        seatCount = owner.count
        let cap = max(problem.maxPerSupplier ?? slots * (seatList.max() ?? 1), 0)
        let capacity = zip(countAvailable(supplierGrid, participants: suppliers), seatList).map { min($0 * $1, cap) }
        supplierCapacity = capacity

        func commonSlots(_ supplier: Int, _ buyer: Int) -> Int {
            (0..<slots).reduce(0) { $0 + (supplierGrid[supplier * slots + $1] && buyerGrid[buyer * slots + $1] ? 1 : 0) }
        }
        func isValid(_ supplier: Int, _ buyer: Int) -> Bool {
            (0..<suppliers).contains(supplier) && (0..<buyers).contains(buyer)
        }
        let excludedPairs = Set(problem.excluded.filter { isValid($0.supplier, $0.buyer) })

        // Imposed meetings, checked in file order: each must be possible on its own and, with
        // the earlier ones, within capacities and free of fixed-slot clashes.
        var imposedReasons = [UnmetImposedReason?](repeating: nil, count: problem.imposed.count)
        var imposedPair: [MeetingPair: Int] = [:]
        var imposedLoad = [Int](repeating: 0, count: suppliers + buyers)
        var fixedSeatsUsed: [Int: Int] = [:], fixedTableUsed = Set<Int>()
        for (index, meeting) in problem.imposed.enumerated() {
            let pair = MeetingPair(supplier: meeting.supplier, buyer: meeting.buyer)
            guard isValid(meeting.supplier, meeting.buyer), meeting.slot.map({ (0..<slots).contains($0) }) ?? true else {
                imposedReasons[index] = .invalid; continue
            }
            guard imposedPair[pair] == nil else { imposedReasons[index] = .duplicate; continue }
            guard !excludedPairs.contains(pair) else { imposedReasons[index] = .excluded; continue }
            let (s, b) = (meeting.supplier, meeting.buyer)
            if let slot = meeting.slot {
                guard supplierGrid[s * slots + slot], buyerGrid[b * slots + slot] else { imposedReasons[index] = .unavailable; continue }
            } else if commonSlots(s, b) == 0 {
                imposedReasons[index] = .unavailable; continue
            }
            guard imposedLoad[s] < capacity[s], imposedLoad[suppliers + b] < buyerAvailableCount[b] else {
                imposedReasons[index] = .overCapacity; continue
            }
            if let slot = meeting.slot {
                guard !fixedTableUsed.contains(b * slots + slot), fixedSeatsUsed[s * slots + slot, default: 0] < seatList[s] else {
                    imposedReasons[index] = .conflict; continue
                }
                fixedTableUsed.insert(b * slots + slot)
                fixedSeatsUsed[s * slots + slot, default: 0] += 1
            }
            imposedLoad[s] += 1
            imposedLoad[suppliers + b] += 1
            imposedPair[pair] = index
        }
        unmetImposed = imposedReasons

        var reasons = [UnplacedReason?](repeating: nil, count: problem.requests.count)
        // Requests of an imposed pair: the best one (accepted first, then weight, then index)
        // is met by the imposed meeting, whatever its status; the others are duplicates.
        var pairRequest: [MeetingPair: Int] = [:]
        var accepted: [Int] = []
        for (index, request) in problem.requests.enumerated() {
            let pair = MeetingPair(supplier: request.supplier, buyer: request.buyer)
            if imposedPair[pair] != nil {
                if let other = pairRequest[pair] {
                    let o = problem.requests[other]
                    let better = (request.status == .accepted ? 0 : 1, -request.weight) < (o.status == .accepted ? 0 : 1, -o.weight)
                    reasons[better ? other : index] = .duplicate
                    if better { pairRequest[pair] = index }
                } else {
                    pairRequest[pair] = index
                }
                continue
            }
            switch request.status {
            case .refused: reasons[index] = .refused
            case .pending: reasons[index] = .pending
            case .accepted:
                if !isValid(request.supplier, request.buyer) {
                    reasons[index] = .invalid
                } else if excludedPairs.contains(pair) {
                    reasons[index] = .excluded
                } else {
                    accepted.append(index)
                }
            }
        }
        // A pair meets once: keep its highest-priority (then earliest) accepted request.
        let requests = problem.requests
        accepted.sort { left, right in
            let l = requests[left], r = requests[right]
            return (l.supplier, l.buyer, -l.weight, left) < (r.supplier, r.buyer, -r.weight, right)
        }
        var kept: [Candidate] = []
        var previousPair: (Int, Int)? = nil
        for index in accepted {
            let request = requests[index]
            if let previousPair, previousPair == (request.supplier, request.buyer) {
                reasons[index] = .duplicate
                continue
            }
            previousPair = (request.supplier, request.buyer)
            kept.append(Candidate(request: index, supplier: request.supplier, buyer: request.buyer,
                                  weight: request.weight, commonSlots: commonSlots(request.supplier, request.buyer)))
        }
        // Imposed pairs after the requests, in the order they were imposed.
        for (pair, index) in imposedPair.sorted(by: { $0.value < $1.value }) {
            let request = pairRequest[pair] ?? -1
            let weight = request >= 0 ? requests[request].weight : MeetingRequest(supplier: 0, buyer: 0).weight
            kept.append(Candidate(request: request, supplier: pair.supplier, buyer: pair.buyer, weight: weight,
                                  commonSlots: commonSlots(pair.supplier, pair.buyer), imposed: index,
                                  fixedSlot: problem.imposed[index].slot ?? -1))
        }
        candidates = kept
        var incidence = [[Int]](repeating: [], count: suppliers + buyers)
        for (index, candidate) in kept.enumerated() {
            incidence[candidate.supplier].append(index)
            incidence[suppliers + candidate.buyer].append(index)
        }
        candidatesOf = incidence
        presetReasons = reasons
    }

    /// An imposed meeting that could not be placed with the others: its pair goes on as an
    /// ordinary request when it has an accepted one, and is never placed otherwise.
    mutating func dropImposition(_ candidate: Int, reason: UnmetImposedReason, requests: [MeetingRequest]) {
        let info = candidates[candidate]
        guard info.isImposed else { return }
        unmetImposed[info.imposed] = reason
        candidates[candidate].imposed = -1
        candidates[candidate].fixedSlot = -1
        if info.request < 0 || requests[info.request].status != .accepted {
            candidates[candidate].blocked = true
            if info.request >= 0 {
                presetReasons[info.request] = requests[info.request].status == .refused ? .refused : .pending
            }
        }
    }

    @inline(__always)
    func allows(_ candidate: Candidate, slot: Int) -> Bool {
        supplierAvailable[candidate.supplier * slotCount + slot]
            && buyerAvailable[candidate.buyer * slotCount + slot]
    }

    var imposedCount: Int { candidates.reduce(0) { $0 + ($1.isImposed ? 1 : 0) } }
}
