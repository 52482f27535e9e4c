// The global scheduler.
//
// 1. A min-cost max-flow on suppliers → buyers (capacities min(cap, |A(s)|), 1 per request with
//    a common slot, |A(b)|) gives the upper bound and a best set of pairs: its costs rank, in
//    order, meetings kept from a previous timetable, priority weight, and a first meeting for
//    each supplier (the first unit of a supplier's source arc is cheaper).
// 2. Those pairs are coloured with slots, most constrained first, directly or through an
//    alternating-path (Kempe chain) recolouring. Without windows this is König's theorem:
//    every pair of the flow gets a slot, so the result is exactly optimal.
// 3. With windows (list edge colouring, NP-hard), bounded passes of insertion moves (direct,
//    Kempe chain, displacing one meeting) then try every request still unplaced.
// Kept meetings are pinned at first; a pinned meeting moves only when a pair of the flow cannot
// be placed otherwise. Everything is ordered by indices: same input, same timetable.

public enum Scheduler {
    public static func schedule(_ problem: SchedulingProblem, effort: SchedulingEffort = .standard) -> Timetable {
        let prepared = PreparedProblem(problem)
        let candidates = prepared.candidates
        let keptSlot = keptSlots(of: problem.previous, in: prepared)
        let (bound, chosen) = flowSelection(prepared, keptSlot: keptSlot)

        var grid = SlotGrid(problem: prepared, maxPathLength: effort.maxPathLength)
        for (candidate, slot) in keptSlot.enumerated() where slot >= 0 && chosen[candidate] {
            grid.place(candidate, slot: slot)
            grid.pinned[candidate] = true
        }

        // Most constrained first: fewest common slots, then highest weight, then index.
        func constrainedOrder(_ indices: [Int]) -> [Int] {
            indices.sorted {
                let l = candidates[$0], r = candidates[$1]
                return (l.commonSlots, -l.weight, $0) < (r.commonSlots, -r.weight, $1)
            }
        }
        let toPlace = constrainedOrder(candidates.indices.filter { chosen[$0] && grid.slotOf[$0] < 0 })
        var failed: [Int] = []
        for candidate in toPlace where !grid.insert(candidate, movePinned: false) {
            failed.append(candidate)
        }
        // Release pinned meetings only for the pairs that could not be placed around them.
        for candidate in failed where !grid.insert(candidate, movePinned: true) {
            _ = grid.insertByChain(candidate, depth: effort.chainDepth, movePinned: true)
        }

        if prepared.hasWindows || grid.load.reduce(0, +) / 2 < bound {
            improve(&grid, effort: effort)
        }
        return makeTimetable(problem, prepared, grid: grid, bound: bound, keptSlot: keptSlot)
    }

    /// Bounded passes of insertion moves over the candidates without a slot.
    private static func improve(_ grid: inout SlotGrid, effort: SchedulingEffort) {
        let candidates = grid.problem.candidates
        let order = candidates.indices.sorted {
            let l = candidates[$0], r = candidates[$1]
            return (-l.weight, l.commonSlots, $0) < (-r.weight, r.commonSlots, $1)
        }
        for _ in 0..<max(effort.improvementPasses, 0) {
            var improved = false
            for candidate in order where grid.slotOf[candidate] < 0 && candidates[candidate].commonSlots > 0 {
                let s = grid.supplierVertex(candidate), b = grid.buyerVertex(candidate)
                guard grid.hasRoom(s), grid.hasRoom(b) else { continue }
                if grid.insert(candidate, movePinned: false)
                    || grid.insertByChain(candidate, depth: effort.chainDepth, movePinned: false)
                    || grid.insertByChain(candidate, depth: effort.chainDepth, movePinned: true) {
                    improved = true
                }
            }
            if !improved { break }
        }
    }

    /// Slot of each candidate in the previous timetable when that meeting is still valid
    /// (pair still accepted, slot available to both, no clash with an earlier kept meeting,
    /// supplier within capacity); -1 otherwise.
    static func keptSlots(of previous: [Meeting], in prepared: PreparedProblem) -> [Int] {
        var keptSlot = [Int](repeating: -1, count: prepared.candidates.count)
        guard !previous.isEmpty else { return keptSlot }
        var candidateOfPair: [Int: Int] = [:]
        for (index, candidate) in prepared.candidates.enumerated() {
            candidateOfPair[candidate.supplier * prepared.buyerCount + candidate.buyer] = index
        }
        var supplierBusy = Set<Int>(), buyerBusy = Set<Int>()
        var supplierLoad = [Int](repeating: 0, count: prepared.supplierCount)
        let slots = prepared.slotCount
        for meeting in previous.sorted() {
            guard (0..<prepared.supplierCount).contains(meeting.supplier),
                  (0..<prepared.buyerCount).contains(meeting.buyer),
                  (0..<slots).contains(meeting.slot),
                  let candidate = candidateOfPair[meeting.supplier * prepared.buyerCount + meeting.buyer],
                  keptSlot[candidate] < 0,
                  prepared.allows(prepared.candidates[candidate], slot: meeting.slot),
                  supplierLoad[meeting.supplier] < prepared.supplierCapacity[meeting.supplier],
                  !supplierBusy.contains(meeting.supplier * slots + meeting.slot),
                  !buyerBusy.contains(meeting.buyer * slots + meeting.slot)
            else { continue }
            keptSlot[candidate] = meeting.slot
            supplierLoad[meeting.supplier] += 1
            supplierBusy.insert(meeting.supplier * slots + meeting.slot)
            buyerBusy.insert(meeting.buyer * slots + meeting.slot)
        }
        return keptSlot
    }

    /// The max-flow bound and, among maximum flows, the pairs with the best (kept, weight,
    /// suppliers met) lexicographic value.
    static func flowSelection(_ prepared: PreparedProblem, keptSlot: [Int]) -> (bound: Int, chosen: [Bool]) {
        let suppliers = prepared.supplierCount, buyers = prepared.buyerCount
        let candidates = prepared.candidates
        let source = 0, sink = suppliers + buyers + 1
        var network = MinCostFlow(nodeCount: suppliers + buyers + 2)
        // Lexicographic costs: one supplier bonus (≤ S in total) < one weight step < one kept meeting.
        let weightUnit = suppliers + 1
        let keptUnit = 3 * weightUnit * (candidates.count + 1) + weightUnit
        for supplier in 0..<suppliers where prepared.supplierCapacity[supplier] > 0 {
            network.addArc(from: source, to: 1 + supplier, capacity: 1, cost: -1)
            if prepared.supplierCapacity[supplier] > 1 {
                network.addArc(from: source, to: 1 + supplier,
                               capacity: prepared.supplierCapacity[supplier] - 1, cost: 0)
            }
        }
        var arcOfCandidate = [Int](repeating: -1, count: candidates.count)
        for (index, candidate) in candidates.enumerated() where candidate.commonSlots > 0 {
            let cost = -(candidate.weight * weightUnit + (keptSlot[index] >= 0 ? keptUnit : 0))
            arcOfCandidate[index] = network.addArc(from: 1 + candidate.supplier,
                                                   to: 1 + suppliers + candidate.buyer,
                                                   capacity: 1, cost: cost)
        }
        for buyer in 0..<buyers where prepared.buyerAvailableCount[buyer] > 0 {
            network.addArc(from: 1 + suppliers + buyer, to: sink,
                           capacity: prepared.buyerAvailableCount[buyer], cost: 0)
        }
        let bound = network.solve(source: source, sink: sink,
                                  topologicalOrder: Array(0..<(suppliers + buyers + 2)))
        let chosen = arcOfCandidate.map { $0 >= 0 && network.flow(on: $0) > 0 }
        return (bound, chosen)
    }

    static func makeTimetable(_ problem: SchedulingProblem, _ prepared: PreparedProblem,
                              grid: SlotGrid, bound: Int, keptSlot: [Int]) -> Timetable {
        var reasons = prepared.presetReasons
        var meetings: [Meeting] = []
        var weight = 0, kept = 0
        var supplierMet = Set<Int>()
        for (index, candidate) in prepared.candidates.enumerated() {
            let slot = grid.slotOf[index]
            if slot >= 0 {
                meetings.append(Meeting(supplier: candidate.supplier, buyer: candidate.buyer, slot: slot))
                weight += candidate.weight
                supplierMet.insert(candidate.supplier)
                if keptSlot.indices.contains(index), keptSlot[index] == slot { kept += 1 }
            } else {
                reasons[candidate.request] = unplacedReason(candidate, index: index, grid: grid)
            }
        }
        meetings.sort()
        let unplaced = reasons.enumerated().compactMap { index, reason in
            reason.map { UnplacedRequest(request: index, reason: $0) }
        }
        return Timetable(meetings: meetings, unplaced: unplaced, upperBound: bound,
                         isOptimal: meetings.count >= bound, totalWeight: weight,
                         suppliersMet: supplierMet.count, keptFromPrevious: kept)
    }

    static func unplacedReason(_ candidate: Candidate, index: Int, grid: SlotGrid) -> UnplacedReason {
        if candidate.commonSlots == 0 { return .noCommonSlot }
        if !grid.hasRoom(grid.buyerVertex(index)) { return .buyerFull }
        if !grid.hasRoom(grid.supplierVertex(index)) { return .supplierFull }
        return .lostToConflicts
    }
}

extension PreparedProblem {
    var hasWindows: Bool {
        !supplierAvailable.allSatisfy { $0 } || !buyerAvailable.allSatisfy { $0 }
    }
}
