// The problem in the flat form the algorithms work on: availability as a slot grid, accepted
// requests reduced to distinct valid pairs ("candidates"), and the reasons already known for
// the requests that will never be scheduled.

struct Candidate {
    var request: Int
    var supplier: Int
    var buyer: Int
    var weight: Int
    /// Number of slots in A(s) ∩ A(b).
    var commonSlots: Int
}

struct PreparedProblem {
    let slotCount: Int
    let supplierCount: Int
    let buyerCount: Int
    /// `supplierAvailable[s * slotCount + t]`.
    let supplierAvailable: [Bool]
    let buyerAvailable: [Bool]
    let buyerAvailableCount: [Int]
    /// min(maxPerSupplier, |A(s)|): the most meetings supplier s can have.
    let supplierCapacity: [Int]
    let candidates: [Candidate]
    /// Candidate indices touching each vertex (suppliers, then buyers), in index order.
    let candidatesOf: [[Int]]
    /// Per request: the reason fixed before scheduling (status, invalid, duplicate), if any.
    let presetReasons: [UnplacedReason?]

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
        let cap = max(problem.maxPerSupplier ?? slots, 0)
        supplierCapacity = countAvailable(supplierGrid, participants: suppliers).map { min($0, cap) }

        var reasons = [UnplacedReason?](repeating: nil, count: problem.requests.count)
        var accepted: [Int] = []
        for (index, request) in problem.requests.enumerated() {
            switch request.status {
            case .refused: reasons[index] = .refused
            case .pending: reasons[index] = .pending
            case .accepted:
                if (0..<suppliers).contains(request.supplier), (0..<buyers).contains(request.buyer) {
                    accepted.append(index)
                } else {
                    reasons[index] = .invalid
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
            var common = 0
            for slot in 0..<slots
            where supplierGrid[request.supplier * slots + slot] && buyerGrid[request.buyer * slots + slot] {
                common += 1
            }
            kept.append(Candidate(request: index, supplier: request.supplier, buyer: request.buyer,
                                  weight: request.weight, commonSlots: common))
        }
        kept.sort { $0.request < $1.request }
        candidates = kept
        var incidence = [[Int]](repeating: [], count: suppliers + buyers)
        for (index, candidate) in kept.enumerated() {
            incidence[candidate.supplier].append(index)
            incidence[suppliers + candidate.buyer].append(index)
        }
        candidatesOf = incidence
        presetReasons = reasons
    }

    @inline(__always)
    func allows(_ candidate: Candidate, slot: Int) -> Bool {
        supplierAvailable[candidate.supplier * slotCount + slot]
            && buyerAvailable[candidate.buyer * slotCount + slot]
    }
}
