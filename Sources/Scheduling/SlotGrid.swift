// A partial timetable as a proper edge colouring under construction: vertices are suppliers
// (0..<S) and buyers (S..<S+B), colours are slots. The moves here only ever keep it valid:
// each vertex holds at most one meeting per slot, each meeting's slot is in both lists,
// supplier loads stay within their capacity.

struct SlotGrid {
    let problem: PreparedProblem
    let maxPathLength: Int
    /// `occupant[vertex * slotCount + slot]`: the candidate placed there, or -1.
    private(set) var occupant: [Int32]
    /// Slot of each candidate, or -1.
    private(set) var slotOf: [Int]
    private(set) var load: [Int]
    /// Candidates that a recolouring may not move (kept meetings of a previous timetable).
    var pinned: [Bool]
    private var pathScratch: [Int] = []

    init(problem: PreparedProblem, maxPathLength: Int) {
        self.problem = problem
        self.maxPathLength = max(maxPathLength, 1)
        let vertices = problem.supplierCount + problem.buyerCount
        occupant = [Int32](repeating: -1, count: vertices * problem.slotCount)
        slotOf = [Int](repeating: -1, count: problem.candidates.count)
        load = [Int](repeating: 0, count: vertices)
        pinned = [Bool](repeating: false, count: problem.candidates.count)
    }

    private var slotCount: Int { problem.slotCount }

    @inline(__always) func supplierVertex(_ candidate: Int) -> Int { problem.candidates[candidate].supplier }
    @inline(__always) func buyerVertex(_ candidate: Int) -> Int {
        problem.supplierCount + problem.candidates[candidate].buyer
    }

    @inline(__always) func occupant(_ vertex: Int, _ slot: Int) -> Int {
        Int(occupant[vertex * slotCount + slot])
    }

    /// Whether the vertex still has room for one more meeting.
    func hasRoom(_ vertex: Int) -> Bool {
        if vertex < problem.supplierCount {
            return load[vertex] < problem.supplierCapacity[vertex]
        }
        return load[vertex] < problem.buyerAvailableCount[vertex - problem.supplierCount]
    }

    mutating func place(_ candidate: Int, slot: Int) {
        let s = supplierVertex(candidate), b = buyerVertex(candidate)
        occupant[s * slotCount + slot] = Int32(candidate)
        occupant[b * slotCount + slot] = Int32(candidate)
        slotOf[candidate] = slot
        load[s] += 1; load[b] += 1
    }

    mutating func remove(_ candidate: Int) {
        let slot = slotOf[candidate]
        guard slot >= 0 else { return }
        let s = supplierVertex(candidate), b = buyerVertex(candidate)
        occupant[s * slotCount + slot] = -1
        occupant[b * slotCount + slot] = -1
        slotOf[candidate] = -1
        load[s] -= 1; load[b] -= 1
    }

    /// Places a candidate directly or after one alternating-path recolouring.
    /// With `movePinned` false, pinned meetings stay where they are.
    mutating func insert(_ candidate: Int, movePinned: Bool) -> Bool {
        let s = supplierVertex(candidate), b = buyerVertex(candidate)
        guard slotOf[candidate] < 0, hasRoom(s), hasRoom(b) else { return false }
        let info = problem.candidates[candidate]
        for slot in 0..<slotCount
        where problem.allows(info, slot: slot) && occupant(s, slot) < 0 && occupant(b, slot) < 0 {
            place(candidate, slot: slot)
            return true
        }
        // Kempe chain: `first` is free at one end, `second` free at the other; swapping
        // first/second along the path that starts at the other end frees `first` there.
        // In a bipartite graph that path never comes back to the first end (König).
        for (freeEnd, busyEnd) in [(s, b), (b, s)] {
            for first in 0..<slotCount
            where problem.allows(info, slot: first) && occupant(freeEnd, first) < 0 && occupant(busyEnd, first) >= 0 {
                for second in 0..<slotCount where second != first && occupant(busyEnd, second) < 0 {
                    if flipPath(from: busyEnd, first: first, second: second, movePinned: movePinned) {
                        place(candidate, slot: first)
                        return true
                    }
                }
            }
        }
        return false
    }

    /// Inserts a candidate through an ejection chain: it takes the slot of one meeting at one
    /// of its ends; that meeting is re-inserted the same way (up to `depth` levels), or, failing
    /// that, the end it left takes another unplaced request. Each step keeps the count, the last
    /// adds one; a failed chain is undone exactly.
    mutating func insertByChain(_ candidate: Int, depth: Int, movePinned: Bool) -> Bool {
        let s = supplierVertex(candidate), b = buyerVertex(candidate)
        guard slotOf[candidate] < 0, hasRoom(s), hasRoom(b) else { return false }
        return chain(candidate, depth: depth, movePinned: movePinned)
    }

    private mutating func chain(_ candidate: Int, depth: Int, movePinned: Bool) -> Bool {
        if insert(candidate, movePinned: movePinned) { return true }
        let s = supplierVertex(candidate), b = buyerVertex(candidate)
        // Both ends gain a meeting net (the displaced one leaves a third vertex): both need room.
        guard depth > 0, hasRoom(s), hasRoom(b) else { return false }
        let info = problem.candidates[candidate]
        for (freeEnd, busyEnd) in [(s, b), (b, s)] {
            for slot in 0..<slotCount
            where problem.allows(info, slot: slot) && occupant(freeEnd, slot) < 0 {
                let displaced = occupant(busyEnd, slot)
                guard displaced >= 0, movePinned || !pinned[displaced] else { continue }
                let leftEnd = supplierVertex(displaced) == busyEnd ? buyerVertex(displaced) : supplierVertex(displaced)
                remove(displaced)
                place(candidate, slot: slot)
                if chain(displaced, depth: depth - 1, movePinned: movePinned)
                    || fillVacancy(at: leftEnd, except: displaced, movePinned: movePinned) {
                    if slotOf[displaced] != slot { pinned[displaced] = false }
                    return true
                }
                remove(candidate)
                place(displaced, slot: slot)
            }
        }
        return false
    }

    /// Places some other unplaced request of `vertex`, which has just lost a meeting.
    private mutating func fillVacancy(at vertex: Int, except: Int, movePinned: Bool) -> Bool {
        for other in problem.candidatesOf[vertex] where other != except && slotOf[other] < 0 {
            if insert(other, movePinned: movePinned) { return true }
        }
        return false
    }

    /// Swaps `first` and `second` along the alternating path starting at `start` with its
    /// `first` meeting, when every meeting on it may take the other slot. `start` must have
    /// `second` free.
    private mutating func flipPath(from start: Int, first: Int, second: Int, movePinned: Bool) -> Bool {
        pathScratch.removeAll(keepingCapacity: true)
        var vertex = start
        var colour = first
        while true {
            let meeting = occupant(vertex, colour)
            if meeting < 0 { break }
            let other = colour == first ? second : first
            guard movePinned || !pinned[meeting],
                  problem.allows(problem.candidates[meeting], slot: other),
                  pathScratch.count < maxPathLength else { return false }
            pathScratch.append(meeting)
            let s = supplierVertex(meeting)
            vertex = vertex == s ? buyerVertex(meeting) : s
            colour = other
        }
        var newSlots: [Int] = []
        newSlots.reserveCapacity(pathScratch.count)
        for meeting in pathScratch {
            newSlots.append(slotOf[meeting] == first ? second : first)
            remove(meeting)
        }
        for (meeting, slot) in zip(pathScratch, newSlots) {
            place(meeting, slot: slot)
            pinned[meeting] = false
        }
        return true
    }
}
