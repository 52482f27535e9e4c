// Tabu search over valid partial timetables, after the constructive phase, for the instances
// with windows or fixed slots where the flow's pairs could not all be coloured.
//
// A timetable below the bound has participants with room for one more meeting ("holes").
// Each move takes a hole, one of its unplaced requests, and the slot where that request
// displaces the fewest meetings (none: one meeting more; one: the same count, and the hole
// moves to where the displaced meeting came from). Holes thus wander along alternating paths
// until two of them meet, which is an augmenting move the depth-bounded ejection chains of
// `SlotGrid` cannot see; when both sides of the request have room, an alternating-path
// recolouring (`SlotGrid.insert`) is tried first. A displaced meeting may not come back to its slot for a few moves
// (the tabu tenure), unless that gives a new best. Imposed meetings are never displaced,
// fixed ones never moved. Choices among equals are drawn from a generator with a fixed seed,
// and the search stops after a fixed number of moves or at the bound: no clock decides.

struct LocalSearch {
    private(set) var grid: SlotGrid
    private var random: SplitMix64
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
    /// Candidates moved since the best was last recorded (`isDirty` mirrors it).
    private var dirty: [Int] = []
    private var isDirty: [Bool]

    /// How long a displaced meeting stays out of its slot: `tenureBase` moves plus up to as many again (and 5).
    private let tenureBase: Int

    init(grid: SlotGrid, seed: UInt64 = 0x0_6D61_7469_6E61_6C65, tenureBase: Int = 7) {
        self.grid = grid
        self.tenureBase = max(tenureBase, 1)
        random = SplitMix64(seed: seed)
        let problem = grid.problem
        slotCount = problem.slotCount
        tabuUntil = [Int32](repeating: 0, count: problem.candidates.count * max(problem.slotCount, 1))
        inHoles = [Bool](repeating: false, count: problem.supplierCount + problem.buyerCount)
        isDirty = [Bool](repeating: false, count: problem.candidates.count)
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
        var move = 0
        while move < moves, bestCount < target, !holes.isEmpty {
            move += 1
            // A hole at random; one whose participant filled up, or has no request left to
            // place, leaves the list (an ejection there brings it back).
            let holeIndex = draw(holes.count)
            let participant = holes[holeIndex]
            var unplaced = 0, candidate = -1
            if hasRoom(participant) {
                for other in problem.candidatesOf[participant]
                where grid.slotOf[other] < 0 && !candidates[other].blocked && candidates[other].commonSlots > 0 {
                    unplaced += 1
                    if draw(unplaced) == 0 { candidate = other }
                }
            }
            guard candidate >= 0 else {
                inHoles[participant] = false
                holes.swapAt(holeIndex, holes.count - 1)
                holes.removeLast()
                continue
            }
            let info = candidates[candidate]
            // Both sides have room: an alternating-path recolouring may make way for it (an
            // augmenting move that no single displacement finds).
            if grid.hasRoom(candidate), grid.insert(candidate, movePinned: true) {
                weight += info.weight
                recordBest(all: true)
                continue
            }
            let atCap = grid.load[info.supplier] >= problem.supplierCapacity[info.supplier]
            // A supplier at its cap gives up one more meeting (its lightest, then first), unless
            // the move already takes one of its meetings; the second lightest stands in when
            // the lightest is the one the move takes at the table.
            var lightest = -1, secondLightest = -1
            if atCap {
                for other in problem.candidatesOf[info.supplier]
                where grid.slotOf[other] >= 0 && grid.canEject(other, movePinned: true) {
                    if lightest < 0 || candidates[other].weight < candidates[lightest].weight {
                        secondLightest = lightest; lightest = other
                    } else if secondLightest < 0 || candidates[other].weight < candidates[secondLightest].weight {
                        secondLightest = other
                    }
                }
                if lightest < 0 { continue }
            }

            // The slot that displaces the fewest meetings (at most one); ties drawn at random.
            var bestCost = Int.max, ties = 0
            var chosen = Move()
            let table = grid.buyerVertex(candidate)
            for slot in 0..<slotCount where problem.allows(info, slot: slot) {
                var option = Move()
                option.slot = slot
                let atTable = grid.occupant(table, slot)
                if atTable >= 0 {
                    guard grid.canEject(atTable, movePinned: true) else { continue }
                    option.atTable = atTable
                }
                option.seat = grid.freeSeat(info.supplier, slot)
                if option.seat < 0 {
                    for seat in grid.seats(of: info.supplier) {
                        let occupant = grid.occupant(seat, slot)
                        if grid.canEject(occupant, movePinned: true) { option.seat = seat; option.atSeat = occupant; break }
                    }
                    guard option.seat >= 0 else { continue }
                }
                if atCap && option.atSeat < 0 {
                    option.overCap = lightest == option.atTable ? secondLightest : lightest
                    guard option.overCap >= 0 else { continue }
                }
                let cost = option.cost
                if cost > 1 || cost > bestCost { continue }
                let tabu = tabuUntil[candidate * slotCount + slot] > Int32(truncatingIfNeeded: move)
                if tabu && grid.placedCount + 1 - cost <= bestCount { continue }
                if cost < bestCost {
                    bestCost = cost; ties = 1
                } else {
                    ties += 1
                    guard draw(ties) == 0 else { continue }
                }
                chosen = option
            }
            // Only moves that keep the count or add one: the search walks on plateaus, never downhill.
            guard chosen.slot >= 0 else { continue }
            apply(candidate, chosen, at: move)
            if grid.placedCount > bestCount || (grid.placedCount == bestCount && weight > bestWeight) {
                recordBest(all: false)
            }
        }
    }

    /// Keeps the current timetable as the best: only the meetings moved since the last best
    /// (`dirty`), or all of them after a recolouring, which moves meetings it does not list.
    private mutating func recordBest(all: Bool) {
        bestCount = grid.placedCount
        bestWeight = weight
        if all {
            bestSlots = grid.slotOf
            bestSeats = grid.seatOf
            for changed in dirty { isDirty[changed] = false }
        } else {
            for changed in dirty {
                bestSlots[changed] = grid.slotOf[changed]
                bestSeats[changed] = grid.seatOf[changed]
                isDirty[changed] = false
            }
        }
        dirty.removeAll(keepingCapacity: true)
    }

    /// A candidate's slot and seat, and the meetings it displaces there: at the table, at the
    /// seat, and one more of a supplier at its cap (-1 for none).
    private struct Move {
        var slot = -1
        var seat = -1
        var atTable = -1
        var atSeat = -1
        var overCap = -1
        var cost: Int { (atTable >= 0 ? 1 : 0) + (atSeat >= 0 ? 1 : 0) + (overCap >= 0 ? 1 : 0) }
        var ejected: [Int] { [atTable, atSeat, overCap].filter { $0 >= 0 } }
    }

    private mutating func apply(_ candidate: Int, _ move: Move, at index: Int) {
        let problem = grid.problem
        let ejected = move.ejected
        for meeting in ejected {
            let tenure = tenureBase + draw(tenureBase + 5)
            tabuUntil[meeting * slotCount + grid.slotOf[meeting]] = Int32(truncatingIfNeeded: index + tenure)
            grid.remove(meeting)
            grid.pinned[meeting] = false
            weight -= problem.candidates[meeting].weight
        }
        grid.place(candidate, slot: move.slot, seat: move.seat)
        weight += problem.candidates[candidate].weight
        for changed in ejected + [candidate] where !isDirty[changed] {
            isDirty[changed] = true
            dirty.append(changed)
        }
        for meeting in ejected {
            addHoleIfRoom(problem.candidates[meeting].supplier)
            addHoleIfRoom(problem.supplierCount + problem.candidates[meeting].buyer)
        }
    }
}

/// SplitMix64: a small generator with a fixed seed, so that every run makes the same draws
/// (the search's, and the benchmark's and tests' generated instances).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
