import Testing
@testable import Scheduling

/// Seats for some suppliers, a few excluded pairs and, taken from a valid timetable of the same
/// problem (so that they can all be met), a few imposed meetings, some at a fixed slot.
private func withOverrides(_ base: SchedulingProblem, seed: UInt64, fixed: Bool = true) -> SchedulingProblem {
    var rng = SplitMix64(seed: seed)
    var problem = base
    problem.seats = (0..<problem.supplierCount).map { _ in Int.random(in: 0..<4, using: &rng) == 0 ? 2 : 1 }
    let reference = Scheduler.schedule(problem)
    var imposed: [ImposedMeeting] = []
    for meeting in reference.meetings where Int.random(in: 0..<8, using: &rng) == 0 {
        imposed.append(ImposedMeeting(supplier: meeting.supplier, buyer: meeting.buyer,
                                      slot: fixed && Bool.random(using: &rng) ? meeting.slot : nil))
    }
    var excluded: [MeetingPair] = []
    for request in problem.requests where Int.random(in: 0..<15, using: &rng) == 0 {
        let pair = MeetingPair(supplier: request.supplier, buyer: request.buyer)
        if !imposed.contains(where: { $0.supplier == pair.supplier && $0.buyer == pair.buyer }) { excluded.append(pair) }
    }
    problem.imposed = imposed
    problem.excluded = excluded
    return problem
}

@Suite("Imposed and excluded meetings, seats")
struct OverridesTests {
    private let dense = InstanceShape(suppliers: 20...60, buyers: 5...15, slots: 3...8,
                                      requestsPerSupplier: 2...8, cap: false, mixedStatuses: true)
    private let windowed = InstanceShape(suppliers: 10...60, buyers: 4...15, slots: 3...10,
                                         requestsPerSupplier: 1...6, windows: true, cap: true, mixedStatuses: true)

    @Test("every imposed meeting met, excluded never, seats and windows respected, count ≤ bound")
    func validWithOverrides() {
        for seed in UInt64(1)...150 {
            let shape = seed % 2 == 0 ? dense : windowed
            let problem = withOverrides(randomProblem(seed: seed &+ 30_000, shape: shape), seed: seed)
            let timetable = Scheduler.schedule(problem)
            let broken = violations(of: timetable, for: problem)
            #expect(broken.isEmpty, "seed \(seed): \(broken.prefix(3))")
            #expect(timetable.unmetImposed.isEmpty, "seed \(seed): \(timetable.unmetImposed)")
        }
    }

    @Test("without windows or fixed slots, seats and imposed meetings still reach the bound (König on the seats)")
    func optimalWithoutWindows() {
        for seed in UInt64(1)...150 {
            let problem = withOverrides(randomProblem(seed: seed &+ 31_000, shape: dense), seed: seed, fixed: false)
            let timetable = Scheduler.schedule(problem)
            #expect(violations(of: timetable, for: problem).isEmpty, "seed \(seed)")
            #expect(timetable.isOptimal, "seed \(seed): \(timetable.meetings.count) of \(timetable.upperBound)")
        }
    }

    @Test("tiny instances: the bound holds and the true optimum is reached (brute force)")
    func tinyBruteForce() {
        let tiny = InstanceShape(suppliers: 2...5, buyers: 1...3, slots: 2...3,
                                 requestsPerSupplier: 1...3, windows: true, cap: true)
        var runs = 0
        for seed in UInt64(1)...200 {
            let problem = withOverrides(randomProblem(seed: seed &+ 32_000, shape: tiny), seed: seed)
            guard problem.requests.count <= 9 else { continue }
            let timetable = Scheduler.schedule(problem)
            let best = bruteForceCount(problem)
            #expect(violations(of: timetable, for: problem).isEmpty, "seed \(seed)")
            #expect(best >= 0 && best <= timetable.upperBound, "seed \(seed): best \(best), bound \(timetable.upperBound)")
            #expect(timetable.meetings.count == best, "seed \(seed): \(timetable.meetings.count) of \(best)")
            runs += 1
        }
        #expect(runs > 100)
    }

    @Test("a supplier with two seats meets two tables in the same slot, never three")
    func twoSeats() {
        // One slot, three tables all wanted by supplier 0.
        let requests = (0..<3).map { MeetingRequest(supplier: 0, buyer: $0) }
        var problem = SchedulingProblem(slotCount: 1, supplierCount: 1, buyerCount: 3, requests: requests)
        #expect(Scheduler.schedule(problem).meetings.count == 1)
        problem.seats = [2]
        let timetable = Scheduler.schedule(problem)
        #expect(timetable.meetings.count == 2 && timetable.upperBound == 2 && timetable.isOptimal)
        #expect(Set(timetable.meetings.map(\.buyer)).count == 2)
        #expect(violations(of: timetable, for: problem).isEmpty)
        #expect(timetable.unplaced.map(\.reason) == [.supplierFull])
    }

    @Test("the bound counts imposed meetings as given: a forced pair can lower it")
    func boundWithImposed() {
        // Supplier 0 may have one meeting; table 0 has one slot. Without overrides, 0→1 and 1→0
        // give two meetings; imposing 0→0 leaves room for nothing else.
        let requests = [MeetingRequest(supplier: 0, buyer: 0), MeetingRequest(supplier: 0, buyer: 1),
                        MeetingRequest(supplier: 1, buyer: 0)]
        var problem = SchedulingProblem(slotCount: 2, supplierCount: 2, buyerCount: 2, requests: requests,
                                        buyerAvailability: [[0], nil], maxPerSupplier: 1)
        #expect(Scheduler.schedule(problem).upperBound == 2)
        problem.imposed = [ImposedMeeting(supplier: 0, buyer: 0)]
        let timetable = Scheduler.schedule(problem)
        #expect(timetable.upperBound == 1 && timetable.isOptimal)
        #expect(timetable.meetings == [Meeting(supplier: 0, buyer: 0, slot: 0)])
        #expect(violations(of: timetable, for: problem).isEmpty)
    }

    @Test("imposed at a fixed slot, imposed without a request, excluded despite an accepted request")
    func overridesApplied() {
        let requests = [
            MeetingRequest(supplier: 0, buyer: 0),                     // 0 excluded
            MeetingRequest(supplier: 1, buyer: 0, status: .refused),   // 1 imposed: met despite the refusal
            MeetingRequest(supplier: 1, buyer: 1),                     // 2 scheduled
        ]
        let problem = SchedulingProblem(
            slotCount: 3, supplierCount: 3, buyerCount: 2, requests: requests,
            imposed: [ImposedMeeting(supplier: 1, buyer: 0, slot: 2), ImposedMeeting(supplier: 2, buyer: 1)],
            excluded: [MeetingPair(supplier: 0, buyer: 0)])
        let timetable = Scheduler.schedule(problem)
        #expect(violations(of: timetable, for: problem).isEmpty)
        #expect(timetable.meetings.contains(Meeting(supplier: 1, buyer: 0, slot: 2)))
        #expect(timetable.meetings.contains { $0.supplier == 2 && $0.buyer == 1 })
        #expect(timetable.meetings.count == 3 && timetable.isOptimal)
        #expect(timetable.unplaced == [UnplacedRequest(request: 0, reason: .excluded)])
        #expect(timetable.unmetImposed.isEmpty)
    }

    @Test("imposed meetings that cannot all be met are reported, each with its reason")
    func unmetImposed() {
        let problem = SchedulingProblem(
            slotCount: 2, supplierCount: 4, buyerCount: 2, requests: [MeetingRequest(supplier: 3, buyer: 1)],
            supplierAvailability: [nil, nil, [1], nil], maxPerSupplier: 1,
            imposed: [
                ImposedMeeting(supplier: 0, buyer: 0, slot: 0),   // 0 met
                ImposedMeeting(supplier: 1, buyer: 0, slot: 0),   // 1 same table, same slot
                ImposedMeeting(supplier: 0, buyer: 1),            // 2 supplier 0 at its cap of 1
                ImposedMeeting(supplier: 2, buyer: 1, slot: 0),   // 3 supplier 2 only in slot 1
                ImposedMeeting(supplier: 0, buyer: 0),            // 4 the same pair again
                ImposedMeeting(supplier: 7, buyer: 0),            // 5 no such supplier
                ImposedMeeting(supplier: 3, buyer: 1),            // 6 excluded as well
                ImposedMeeting(supplier: 1, buyer: 1),            // 7 met
                ImposedMeeting(supplier: 2, buyer: 0),            // 8 met at slot 1
                ImposedMeeting(supplier: 3, buyer: 0),            // 9 table 0 is full
            ],
            excluded: [MeetingPair(supplier: 3, buyer: 1)])
        let timetable = Scheduler.schedule(problem)
        #expect(violations(of: timetable, for: problem).isEmpty)
        let reasons = Dictionary(uniqueKeysWithValues: timetable.unmetImposed.map { ($0.imposed, $0.reason) })
        #expect(reasons == [1: .conflict, 2: .overCapacity, 3: .unavailable, 4: .duplicate, 5: .invalid,
                            6: .excluded, 9: .overCapacity])
        #expect(timetable.unplaced == [UnplacedRequest(request: 0, reason: .excluded)])
        #expect(timetable.meetings.count == 3 && timetable.isOptimal)
    }

    @Test("non-fixed imposed meetings that fit one by one but not together: the search finds the way, or reports a conflict")
    func imposedSearch() {
        // Table 0 and 1, two slots. Supplier 0 only in slot 0. Imposing 1→0 first-fit would take
        // slot 0 at table 0 and leave 0→0 nowhere; the search puts 1→0 in slot 1.
        let problem = SchedulingProblem(
            slotCount: 2, supplierCount: 3, buyerCount: 1, requests: [],
            supplierAvailability: [[0], nil, nil],
            imposed: [ImposedMeeting(supplier: 1, buyer: 0), ImposedMeeting(supplier: 0, buyer: 0),
                      ImposedMeeting(supplier: 2, buyer: 0)])
        let timetable = Scheduler.schedule(problem)
        #expect(timetable.meetings.count == 2)
        #expect(timetable.unmetImposed == [UnmetImposed(imposed: 2, reason: .overCapacity)])
        #expect(violations(of: timetable, for: problem).isEmpty)
    }

    @Test("same input with overrides, same timetable")
    func deterministic() {
        for seed in UInt64(1)...30 {
            let problem = withOverrides(randomProblem(seed: seed &+ 33_000, shape: windowed), seed: seed)
            #expect(Scheduler.schedule(problem) == Scheduler.schedule(problem))
        }
    }
}
