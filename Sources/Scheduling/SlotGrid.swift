// A partial timetable as a proper edge colouring under construction: vertices are supplier
// seats (a supplier with N seats is N vertices, each meeting sits on one of them) and buyers,
// colours are slots. The moves here only ever keep it valid: each vertex holds at most one
// meeting per slot, each meeting's slot is in both lists, supplier loads stay within their
// capacity, imposed meetings stay placed and fixed ones keep their slot.

struct SlotGrid {
    let problem: PreparedProblem
    let maxPathLength: Int
    /// `occupant[vertex * slotCount + slot]`: the candidate placed there, or -1.
    private(set) var occupant: [Int32]
    /// Slot of each candidate, or -1.
    private(set) var slotOf: [Int]
    /// Seat vertex of each placed candidate, or -1.
    private(set) var seatOf: [Int]
    /// Meetings per supplier, then per buyer.
    private(set) var load: [Int]
    /// Candidates that a recolouring may not move (kept meetings of a previous timetable).
    var pinned: [Bool]
    private var pathScratch: [Int] = []

    init(problem: PreparedProblem, maxPathLength: Int) {
        self.problem = problem
        self.maxPathLength = max(maxPathLength, 1)
        let vertices = problem.seatCount + problem.buyerCount
        occupant = [Int32](repeating: -1, count: vertices * problem.slotCount)
        slotOf = [Int](repeating: -1, count: problem.candidates.count)
        seatOf = [Int](repeating: -1, count: problem.candidates.count)
        load = [Int](repeating: 0, count: problem.supplierCount + problem.buyerCount)
        pinned = [Bool](repeating: false, count: problem.candidates.count)
    }

    private var slotCount: Int { problem.slotCount }

    var placedCount: Int { load[0..<problem.supplierCount].reduce(0, +) }

    @inline(__always) func supplier(_ candidate: Int) -> Int { problem.candidates[candidate].supplier }
    @inline(__always) func buyerVertex(_ candidate: Int) -> Int {
        problem.seatCount + problem.candidates[candidate].buyer
    }
    @inline(__always) func seats(of supplier: Int) -> Range<Int> {
        problem.seatBase[supplier]..<(problem.seatBase[supplier] + problem.seats[supplier])
    }
    @inline(__always) func isBuyerVertex(_ vertex: Int) -> Bool { vertex >= problem.seatCount }

    @inline(__always) func occupant(_ vertex: Int, _ slot: Int) -> Int {
        Int(occupant[vertex * slotCount + slot])
    }

    /// The vertex at the other end of a placed meeting.
    @inline(__always) func otherEnd(_ meeting: Int, from vertex: Int) -> Int {
        vertex == seatOf[meeting] ? buyerVertex(meeting) : seatOf[meeting]
    }

    /// A seat of the supplier free in that slot, or -1.
    func freeSeat(_ supplier: Int, _ slot: Int) -> Int {
        for seat in seats(of: supplier) where occupant(seat, slot) < 0 { return seat }
        return -1
    }

    func supplierHasRoom(_ supplier: Int) -> Bool { load[supplier] < problem.supplierCapacity[supplier] }
    func buyerHasRoom(_ buyer: Int) -> Bool {
        load[problem.supplierCount + buyer] < problem.buyerAvailableCount[buyer]
    }

    /// Whether both sides of a candidate have room for one more meeting.
    func hasRoom(_ candidate: Int) -> Bool {
        let info = problem.candidates[candidate]
        return supplierHasRoom(info.supplier) && buyerHasRoom(info.buyer)
    }

    /// Whether the participant behind a vertex (seat or buyer) has room for one more meeting.
    func vertexHasRoom(_ vertex: Int) -> Bool {
        isBuyerVertex(vertex) ? buyerHasRoom(vertex - problem.seatCount) : supplierHasRoom(problem.supplierOfSeat[vertex])
    }

    /// Candidates touching the participant behind a vertex.
    func candidates(at vertex: Int) -> [Int] {
        isBuyerVertex(vertex)
            ? problem.candidatesOf[problem.supplierCount + vertex - problem.seatCount]
            : problem.candidatesOf[problem.supplierOfSeat[vertex]]
    }

    /// Whether a meeting may change slot (fixed imposed meetings and, unless allowed, pinned ones may not).
    @inline(__always) func canMove(_ meeting: Int, movePinned: Bool) -> Bool {
        problem.candidates[meeting].fixedSlot < 0 && (movePinned || !pinned[meeting])
    }

    /// Whether a meeting may be taken out of the timetable (imposed meetings never are).
    @inline(__always) func canEject(_ meeting: Int, movePinned: Bool) -> Bool {
        !problem.candidates[meeting].isImposed && (movePinned || !pinned[meeting])
    }

    mutating func place(_ candidate: Int, slot: Int, seat: Int) {
        let b = buyerVertex(candidate)
        occupant[seat * slotCount + slot] = Int32(candidate)
        occupant[b * slotCount + slot] = Int32(candidate)
        slotOf[candidate] = slot
        seatOf[candidate] = seat
        load[supplier(candidate)] += 1
        load[problem.supplierCount + problem.candidates[candidate].buyer] += 1
    }

    mutating func remove(_ candidate: Int) {
        let slot = slotOf[candidate]
        guard slot >= 0 else { return }
        let seat = seatOf[candidate], b = buyerVertex(candidate)
        occupant[seat * slotCount + slot] = -1
        occupant[b * slotCount + slot] = -1
        slotOf[candidate] = -1
        seatOf[candidate] = -1
        load[supplier(candidate)] -= 1
        load[problem.supplierCount + problem.candidates[candidate].buyer] -= 1
    }

    /// Places a candidate in a slot free at its table and at one of its supplier's seats.
    mutating func placeDirectly(_ candidate: Int) -> Bool {
        let info = problem.candidates[candidate]
        let b = buyerVertex(candidate)
        for slot in 0..<slotCount where problem.allows(info, slot: slot) && occupant(b, slot) < 0 {
            let seat = freeSeat(info.supplier, slot)
            if seat >= 0 {
                place(candidate, slot: slot, seat: seat)
                return true
            }
        }
        return false
    }

    /// Places a candidate directly or after one alternating-path recolouring.
    /// With `movePinned` false, pinned meetings stay where they are.
    mutating func insert(_ candidate: Int, movePinned: Bool) -> Bool {
        guard slotOf[candidate] < 0, hasRoom(candidate) else { return false }
        if placeDirectly(candidate) { return true }
        let info = problem.candidates[candidate]
        let b = buyerVertex(candidate)
        // Kempe chain: `first` is free at one end, `second` free at the other; swapping
        // first/second along the path that starts at the other end frees `first` there.
        // In a bipartite graph that path never comes back to the first end (König).
        for seat in seats(of: info.supplier) {
            for (freeEnd, busyEnd) in [(seat, b), (b, seat)] {
                for first in 0..<slotCount
                where problem.allows(info, slot: first) && occupant(freeEnd, first) < 0 && occupant(busyEnd, first) >= 0 {
                    for second in 0..<slotCount where second != first && occupant(busyEnd, second) < 0 {
                        if flipPath(from: busyEnd, first: first, second: second, movePinned: movePinned) {
                            place(candidate, slot: first, seat: seat)
                            return true
                        }
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
        guard slotOf[candidate] < 0, hasRoom(candidate) else { return false }
        return chain(candidate, depth: depth, movePinned: movePinned)
    }

    private mutating func chain(_ candidate: Int, depth: Int, movePinned: Bool) -> Bool {
        if insert(candidate, movePinned: movePinned) { return true }
        // Both ends gain a meeting net (the displaced one leaves a third vertex): both need room.
        guard depth > 0, hasRoom(candidate) else { return false }
        let info = problem.candidates[candidate]
        let b = buyerVertex(candidate)
        for seat in seats(of: info.supplier) {
            for (freeEnd, busyEnd) in [(seat, b), (b, seat)] {
                for slot in 0..<slotCount
                where problem.allows(info, slot: slot) && occupant(freeEnd, slot) < 0 {
                    let displaced = occupant(busyEnd, slot)
                    guard displaced >= 0, canEject(displaced, movePinned: movePinned) else { continue }
                    let leftEnd = otherEnd(displaced, from: busyEnd)
                    let displacedSeat = seatOf[displaced]
                    remove(displaced)
                    place(candidate, slot: slot, seat: seat)
                    if chain(displaced, depth: depth - 1, movePinned: movePinned)
                        || fillVacancy(at: leftEnd, except: displaced, movePinned: movePinned) {
                        if slotOf[displaced] != slot { pinned[displaced] = false }
                        return true
                    }
                    remove(candidate)
                    place(displaced, slot: slot, seat: displacedSeat)
                }
            }
        }
        return false
    }

    /// Places some other unplaced request of the participant behind `vertex`, which has just lost a meeting.
    private mutating func fillVacancy(at vertex: Int, except: Int, movePinned: Bool) -> Bool {
        for other in candidates(at: vertex) where other != except && slotOf[other] < 0 && !problem.candidates[other].blocked {
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
            guard canMove(meeting, movePinned: movePinned),
                  problem.allows(problem.candidates[meeting], slot: other),
                  pathScratch.count < maxPathLength else { return false }
            pathScratch.append(meeting)
            vertex = otherEnd(meeting, from: vertex)
            colour = other
        }
        var moves: [(meeting: Int, slot: Int, seat: Int)] = []
        moves.reserveCapacity(pathScratch.count)
        for meeting in pathScratch {
            moves.append((meeting, slotOf[meeting] == first ? second : first, seatOf[meeting]))
            remove(meeting)
        }
        for move in moves {
            place(move.meeting, slot: move.slot, seat: move.seat)
            pinned[move.meeting] = false
        }
        return true
    }
}
