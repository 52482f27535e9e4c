// Tabu search over valid partial timetables, after the constructive phase, for the instances
// with windows or fixed slots where the flow's pairs could not all be coloured.
//
// A timetable below the bound has participants with room for one more meeting ("holes").
// Each move takes a hole, one of its unplaced requests, and the slot where that request
// displaces the fewest meetings (none: one meeting more; one: the same count, and the hole
// moves to where the displaced meeting came from). Holes thus wander along alternating paths
// until two of them meet, which is an augmenting move the depth-bounded ejection chains of
// `SlotGrid` cannot see. A displaced meeting may not come back to its slot for a few moves
// (the tabu tenure), unless that gives a new best. Imposed meetings are never displaced,
// fixed ones never moved. Choices among equals are drawn from a generator with a fixed seed,
// and the search stops after a fixed number of moves or at the bound: no clock decides.

struct LocalSearch {
    private(set) var grid: SlotGrid
    private var random: SearchRandom
    private let slotCount: Int
    /// `tabuUntil[candidate * slotCount + slot]`: the move from which the candidate may take that slot again.
    private var tabuUntil: [Int32]
    /// Participants (suppliers, then buyers) with room, possibly stale; `inHoles` mirrors it.
    private var holes: [Int] = []
    private var inHoles: [Bool]
    private(set) var bestCount: Int
    private var bestWeight: Int
    private var bestSlots: [Int]
    private var bestSeats: [Int]
    private var weight: Int

    init(grid: SlotGrid, seed: UInt64 = 0x0_6D61_7469_6E61_6C65) {
        self.grid = grid
        random = SearchRandom(seed: seed)
        let problem = grid.problem
        slotCount = problem.slotCount
        tabuUntil = [Int32](repeating: 0, count: problem.candidates.count * max(problem.slotCount, 1))
        inHoles = [Bool](repeating: false, count: problem.supplierCount + problem.buyerCount)
        weight = problem.candidates.indices.reduce(0) { $0 + (grid.slotOf[$1] >= 0 ? problem.candidates[$1].weight : 0) }
        bestCount = grid.placedCount
        bestWeight = weight
        bestSlots = grid.slotOf
        bestSeats = grid.seatOf
        for participant in 0..<(problem.supplierCount + problem.buyerCount) { addHoleIfRoom(participant) }
    }

    /// The best timetable met, rebuilt on a grid.
    func bestGrid() -> SlotGrid {
        var result = SlotGrid(problem: grid.problem, maxPathLength: grid.maxPathLength)
        for candidate in bestSlots.indices where bestSlots[candidate] >= 0 {
            result.place(candidate, slot: bestSlots[candidate], seat: bestSeats[candidate])
        }
        return result
    }

    private func hasRoom(_ participant: Int) -> Bool {
        let problem = grid.problem
        return participant < problem.supplierCount
            ? grid.supplierHasRoom(participant) : grid.buyerHasRoom(participant - problem.supplierCount)
    }

    private mutating func addHoleIfRoom(_ participant: Int) {
        guard !inHoles[participant], hasRoom(participant) else { return }
        inHoles[participant] = true
        holes.append(participant)
    }

    private mutating func draw(_ bound: Int) -> Int {
        Int(random.next() % UInt64(max(bound, 1)))
    }

    /// Runs at most `moves` moves, stopping early once `target` meetings are placed.
    mutating func run(moves: Int, target: Int) {
        let problem = grid.problem
        let candidates = problem.candidates
        var ejected: [Int] = []
        var bestEjected: [Int] = []
        var move = 0
        while move < moves, bestCount < target, !holes.isEmpty {
            move += 1
            // A hole at random; one whose participant filled up since leaves the list.
            let holeIndex = draw(holes.count)
            let participant = holes[holeIndex]
            guard hasRoom(participant) else {
                inHoles[participant] = false
                holes.swapAt(holeIndex, holes.count - 1)
                holes.removeLast()
                continue
            }
            let incident = problem.candidatesOf[participant]
            guard !incident.isEmpty else { continue }
            let candidate = incident[draw(incident.count)]
            let info = candidates[candidate]
            guard grid.slotOf[candidate] < 0, !info.blocked, info.commonSlots > 0 else { continue }

            // The slot that displaces the fewest meetings; ties drawn at random.
            var bestCost = Int.max, ties = 0, chosenSlot = -1, chosenSeat = -1
            bestEjected.removeAll(keepingCapacity: true)
            for slot in 0..<slotCount where problem.allows(info, slot: slot) {
                guard let (seat, cost) = evaluate(candidate, slot: slot, into: &ejected) else { continue }
                let newCount = grid.placedCount + 1 - cost
                let tabu = tabuUntil[candidate * slotCount + slot] > Int32(truncatingIfNeeded: move)
                if tabu && newCount <= bestCount { continue }
                if cost < bestCost {
                    bestCost = cost; ties = 1
                } else if cost == bestCost {
                    ties += 1
                    guard draw(ties) == 0 else { continue }
                } else {
                    continue
                }
                chosenSlot = slot; chosenSeat = seat
                bestEjected = ejected
            }
            // Only moves that keep the count: the search walks on plateaus, never downhill.
            guard chosenSlot >= 0, bestCost <= 1 else { continue }
            apply(candidate, slot: chosenSlot, seat: chosenSeat, ejecting: bestEjected, move: move)
            if grid.placedCount > bestCount || (grid.placedCount == bestCount && weight > bestWeight) {
                bestCount = grid.placedCount
                bestWeight = weight
                bestSlots = grid.slotOf
                bestSeats = grid.seatOf
            }
        }
    }

    /// The meetings a candidate would displace in that slot (into `ejected`) and the seat it
    /// would take; nil when it would displace an imposed meeting.
    private func evaluate(_ candidate: Int, slot: Int, into ejected: inout [Int]) -> (seat: Int, cost: Int)? {
        let problem = grid.problem
        let info = problem.candidates[candidate]
        ejected.removeAll(keepingCapacity: true)
        let atTable = grid.occupant(grid.buyerVertex(candidate), slot)
        if atTable >= 0 {
            guard grid.canEject(atTable, movePinned: true) else { return nil }
            ejected.append(atTable)
        }
        var seat = grid.freeSeat(info.supplier, slot)
        if seat < 0 {
            for option in grid.seats(of: info.supplier) {
                let occupant = grid.occupant(option, slot)
                if grid.canEject(occupant, movePinned: true) { seat = option; ejected.append(occupant); break }
            }
            guard seat >= 0 else { return nil }
        }
        // A supplier at its cap gives up one more meeting: its lightest, then first.
        let supplierEjected = ejected.reduce(0) { $0 + (problem.candidates[$1].supplier == info.supplier ? 1 : 0) }
        if grid.load[info.supplier] - supplierEjected >= problem.supplierCapacity[info.supplier] {
            var lightest = -1
            for other in problem.candidatesOf[info.supplier]
            where grid.slotOf[other] >= 0 && !ejected.contains(other) && grid.canEject(other, movePinned: true) {
                if lightest < 0 || problem.candidates[other].weight < problem.candidates[lightest].weight { lightest = other }
            }
            guard lightest >= 0 else { return nil }
            ejected.append(lightest)
        }
        return (seat, ejected.count)
    }

    private mutating func apply(_ candidate: Int, slot: Int, seat: Int, ejecting ejected: [Int], move: Int) {
        let problem = grid.problem
        for meeting in ejected {
            let tenure = 7 + draw(10)
            tabuUntil[meeting * slotCount + grid.slotOf[meeting]] = Int32(truncatingIfNeeded: move + tenure)
            grid.remove(meeting)
            grid.pinned[meeting] = false
            weight -= problem.candidates[meeting].weight
        }
        grid.place(candidate, slot: slot, seat: seat)
        weight += problem.candidates[candidate].weight
        for meeting in ejected {
            addHoleIfRoom(problem.candidates[meeting].supplier)
            addHoleIfRoom(problem.supplierCount + problem.candidates[meeting].buyer)
        }
    }
}

/// SearchRandom: a small generator with a fixed seed, so that every run makes the same draws.
struct SearchRandom {
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
