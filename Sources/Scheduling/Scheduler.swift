// The global scheduler.
//
// 0. The organisers' imposed meetings are placed first, by an exact search over their slots
//    (fixed ones at their slot); one that cannot be placed with those before it is reported
//    (`Timetable.unmetImposed`) and its pair goes on as an ordinary request, if it is one.
//    Excluded pairs never become candidates.
// 1. A min-cost max-flow on suppliers → buyers gives the upper bound and a best set of pairs:
//    every timetable holds the imposed meetings, so they are taken out of the network first —
//    source → s has capacity min(cap, seats(s) × |A(s)|) minus s's imposed meetings, b → sink
//    |A(b)| minus b's, and s → b (capacity 1, excluded pairs left out) exists when some slot of
//    A(s) ∩ A(b) is neither taken at the table nor on every seat of s by a fixed imposed
//    meeting. Any timetable is then the imposed meetings plus a flow of this network, so
//    bound = imposed + max flow holds for every timetable, with or without windows. Its costs
//    rank, in order, meetings kept from a previous timetable, priority weight, and a first
//    meeting for each supplier (the first unit of a supplier's source arc is cheaper).
// 2. Those pairs are coloured with slots, most constrained first, directly or through an
//    alternating-path (Kempe chain) recolouring, on a graph where a supplier with N seats is N
//    vertices (each meeting sits on one). Without windows or fixed imposed slots this is
//    König's theorem on that graph: a flow's supplier degree ≤ N·|T| splits into N seats of
//    degree ≤ |T|, every pair gets a slot, the result reaches the bound and is optimal.
// 3. With windows (list edge colouring, NP-hard) or fixed slots, bounded passes of insertion
//    moves (direct, Kempe chain, ejection chains), then a tabu search over partial timetables
//    with a fixed move budget (`LocalSearch`), try the requests still unplaced; the result
//    is optimal when it reaches the bound, and the gap is reported otherwise.
// Kept meetings are pinned at first; a pinned meeting moves only when a pair of the flow cannot
// be placed otherwise. Everything is ordered by indices, and the search draws from generators
// with fixed seeds: same input, same timetable; no clock is read.

public enum Scheduler {
    public static func schedule(_ problem: SchedulingProblem, effort: SchedulingEffort = .standard) -> Timetable {
        var prepared = PreparedProblem(problem)
        let keptSlot = keptSlots(of: problem.previous, in: prepared)
        let imposedSlots = placeImposed(&prepared, problem: problem, keptSlot: keptSlot)
        let candidates = prepared.candidates
        let (flowBound, chosen) = flowSelection(prepared, keptSlot: keptSlot)
        let bound = flowBound + prepared.imposedCount

        var grid = SlotGrid(problem: prepared, maxPathLength: effort.maxPathLength)
        for (candidate, placement) in imposedSlots {
            grid.place(candidate, slot: placement.slot, seat: placement.seat)
        }
        for (candidate, slot) in keptSlot.enumerated() where slot >= 0 && chosen[candidate] {
            let seat = grid.freeSeat(candidates[candidate].supplier, slot)
            guard seat >= 0, grid.occupant(grid.buyerVertex(candidate), slot) < 0 else { continue }
            grid.place(candidate, slot: slot, seat: seat)
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

        if grid.placedCount < bound {
            improve(&grid, effort: effort)
        }
        if grid.placedCount < bound, effort.searchMoves > 0 {
            // A budget in proportion to the instance, up to the effort's: small Matinales are
            // done in a blink, large ones get the whole budget.
            let moves = min(effort.searchMoves, 100 * candidates.count)
            grid = search(from: grid, moves: moves, bound: bound)
        }
        return makeTimetable(problem, prepared, grid: grid, bound: bound, keptSlot: keptSlot)
    }

    /// Places the imposed meetings on an empty grid: an exact search over their slots (fixed
    /// ones first, then fewest possible slots first, each trying its previous slot first),
    /// within a node budget; failing that, first fit in order, and the ones that do not fit are
    /// dropped (`conflict`). Returns the slot and seat of each one placed.
    static func placeImposed(_ prepared: inout PreparedProblem, problem: SchedulingProblem,
                             keptSlot: [Int]) -> [(Int, (slot: Int, seat: Int))] {
        let imposed = prepared.candidates.indices.filter { prepared.candidates[$0].isImposed }
        guard !imposed.isEmpty else { return [] }
        var grid = SlotGrid(problem: prepared, maxPathLength: 1)
        let slots = prepared.slotCount
        func options(_ candidate: Int) -> [Int] {
            let info = prepared.candidates[candidate]
            if info.fixedSlot >= 0 { return [info.fixedSlot] }
            var list = (0..<slots).filter { prepared.allows(info, slot: $0) }
            if keptSlot[candidate] >= 0, let at = list.firstIndex(of: keptSlot[candidate]) {
                list.insert(list.remove(at: at), at: 0)
            }
            return list
        }
        let order = imposed.sorted {
            let l = prepared.candidates[$0], r = prepared.candidates[$1]
            return (l.fixedSlot < 0 ? 1 : 0, options($0).count, $0) < (r.fixedSlot < 0 ? 1 : 0, options($1).count, $1)
        }
        let slotOptions = order.map(options)
        var nodes = 0
        let budget = 200_000
        func fits(_ candidate: Int, _ slot: Int) -> Int {
            guard grid.occupant(grid.buyerVertex(candidate), slot) < 0 else { return -1 }
            return grid.freeSeat(prepared.candidates[candidate].supplier, slot)
        }
        func search(_ depth: Int) -> Bool {
            if depth == order.count { return true }
            nodes += 1
            if nodes > budget { return false }
            let candidate = order[depth]
            for slot in slotOptions[depth] {
                let seat = fits(candidate, slot)
                guard seat >= 0 else { continue }
                grid.place(candidate, slot: slot, seat: seat)
                if search(depth + 1) { return true }
                grid.remove(candidate)
            }
            return false
        }
        if !search(0) {
            for candidate in order { grid.remove(candidate) }
            for (depth, candidate) in order.enumerated() {
                if let slot = slotOptions[depth].first(where: { fits(candidate, $0) >= 0 }) {
                    grid.place(candidate, slot: slot, seat: fits(candidate, slot))
                } else {
                    prepared.dropImposition(candidate, reason: .conflict, requests: problem.requests)
                }
            }
        }
        var placements: [(Int, (slot: Int, seat: Int))] = []
        for candidate in order where grid.slotOf[candidate] >= 0 && prepared.candidates[candidate].isImposed {
            placements.append((candidate, (slot: grid.slotOf[candidate], seat: grid.seatOf[candidate])))
        }
        return placements
    }

    /// The tabu search in four rounds of equal move budgets, each from the constructed
    /// timetable with its own draws and tabu tenure (short tenures walk further, long ones
    /// break cycles; which one an instance needs is not known in advance); the best wins,
    /// the first at the bound stops the search.
    static func search(from start: SlotGrid, moves: Int, bound: Int) -> SlotGrid {
        var best = start, bestCount = start.placedCount
        let tenures = [15, 7, 3]
        for (round, tenure) in tenures.enumerated() where bestCount < bound {
            var search = LocalSearch(grid: start, seed: 0x6D61_7469_6E61_6C65 &+ UInt64(round), tenureBase: tenure)
            search.run(moves: moves / tenures.count, target: bound)
            if search.bestCount > bestCount {
                best = search.bestGrid()
                bestCount = search.bestCount
            }
        }
        return best
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
            for candidate in order where grid.slotOf[candidate] < 0 && candidates[candidate].commonSlots > 0
                && !candidates[candidate].blocked {
                guard grid.hasRoom(candidate) else { continue }
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
        var seatsBusy: [Int: Int] = [:], buyerBusy = Set<Int>()
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
                  seatsBusy[meeting.supplier * slots + meeting.slot, default: 0] < prepared.seats[meeting.supplier],
                  !buyerBusy.contains(meeting.buyer * slots + meeting.slot)
            else { continue }
            keptSlot[candidate] = meeting.slot
            supplierLoad[meeting.supplier] += 1
            seatsBusy[meeting.supplier * slots + meeting.slot, default: 0] += 1
            buyerBusy.insert(meeting.buyer * slots + meeting.slot)
        }
        return keptSlot
    }

    /// The max-flow bound on the meetings besides the imposed ones and, among maximum flows,
    /// the pairs with the best (kept, weight, suppliers met) lexicographic value. Imposed
    /// meetings are taken out of the network (see the file's comment); they are not chosen here.
    static func flowSelection(_ prepared: PreparedProblem, keptSlot: [Int]) -> (bound: Int, chosen: [Bool]) {
        let suppliers = prepared.supplierCount, buyers = prepared.buyerCount, slots = prepared.slotCount
        let candidates = prepared.candidates
        var supplierRoom = prepared.supplierCapacity, buyerRoom = prepared.buyerAvailableCount
        // Slots a fixed imposed meeting takes at a table, and seats it takes per supplier and slot.
        var tableTaken = Set<Int>(), seatsTaken: [Int: Int] = [:]
        for candidate in candidates where candidate.isImposed {
            supplierRoom[candidate.supplier] -= 1
            buyerRoom[candidate.buyer] -= 1
            if candidate.fixedSlot >= 0 {
                tableTaken.insert(candidate.buyer * slots + candidate.fixedSlot)
                seatsTaken[candidate.supplier * slots + candidate.fixedSlot, default: 0] += 1
            }
        }
        func hasOpenSlot(_ candidate: Candidate) -> Bool {
            (0..<slots).contains { slot in
                prepared.allows(candidate, slot: slot) && !tableTaken.contains(candidate.buyer * slots + slot)
                    && seatsTaken[candidate.supplier * slots + slot, default: 0] < prepared.seats[candidate.supplier]
            }
        }
        let source = 0, sink = suppliers + buyers + 1
        var network = MinCostFlow(nodeCount: suppliers + buyers + 2)
        // Lexicographic costs: one supplier bonus (≤ S in total) < one weight step < one kept meeting.
        let weightUnit = suppliers + 1
        let keptUnit = 3 * weightUnit * (candidates.count + 1) + weightUnit
        // A supplier with an imposed meeting is already met: no bonus for its first one.
        let alreadyMet = Set(candidates.filter(\.isImposed).map(\.supplier))
        for supplier in 0..<suppliers where supplierRoom[supplier] > 0 {
            network.addArc(from: source, to: 1 + supplier, capacity: 1, cost: alreadyMet.contains(supplier) ? 0 : -1)
            if supplierRoom[supplier] > 1 {
                network.addArc(from: source, to: 1 + supplier, capacity: supplierRoom[supplier] - 1, cost: 0)
            }
        }
        var arcOfCandidate = [Int](repeating: -1, count: candidates.count)
        for (index, candidate) in candidates.enumerated()
        where candidate.commonSlots > 0 && !candidate.isImposed && !candidate.blocked
            && (tableTaken.isEmpty || hasOpenSlot(candidate)) {
            let cost = -(candidate.weight * weightUnit + (keptSlot[index] >= 0 ? keptUnit : 0))
            arcOfCandidate[index] = network.addArc(from: 1 + candidate.supplier,
                                                   to: 1 + suppliers + candidate.buyer,
                                                   capacity: 1, cost: cost)
        }
        for buyer in 0..<buyers where buyerRoom[buyer] > 0 {
            network.addArc(from: 1 + suppliers + buyer, to: sink, capacity: buyerRoom[buyer], cost: 0)
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
            } else if candidate.request >= 0 && !candidate.blocked {
                reasons[candidate.request] = unplacedReason(candidate, grid: grid)
            }
        }
        meetings.sort()
        let unplaced = reasons.enumerated().compactMap { index, reason in
            reason.map { UnplacedRequest(request: index, reason: $0) }
        }
        let unmet = prepared.unmetImposed.enumerated().compactMap { index, reason in
            reason.map { UnmetImposed(imposed: index, reason: $0) }
        }
        return Timetable(meetings: meetings, unplaced: unplaced, upperBound: bound,
                         isOptimal: meetings.count >= bound, totalWeight: weight,
                         suppliersMet: supplierMet.count, keptFromPrevious: kept, unmetImposed: unmet)
    }

    static func unplacedReason(_ candidate: Candidate, grid: SlotGrid) -> UnplacedReason {
        if candidate.commonSlots == 0 { return .noCommonSlot }
        if !grid.buyerHasRoom(candidate.buyer) { return .buyerFull }
        if !grid.supplierHasRoom(candidate.supplier) { return .supplierFull }
        return .lostToConflicts
    }
}

extension PreparedProblem {
    var hasWindows: Bool {
        !supplierAvailable.allSatisfy { $0 } || !buyerAvailable.allSatisfy { $0 }
    }
}
