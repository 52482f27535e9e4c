import Testing
@testable import Scheduling

private let smallShape = InstanceShape(suppliers: 1...12, buyers: 1...6, slots: 1...5,
                                       requestsPerSupplier: 0...5, cap: true, mixedStatuses: true)
private let denseShape = InstanceShape(suppliers: 20...60, buyers: 5...15, slots: 3...8,
                                       requestsPerSupplier: 2...8, cap: false, mixedStatuses: false)

@Suite("Without availability windows the timetable is exactly optimal")
struct ExactTests {
    @Test("valid and at the bound on 400 random instances", arguments: [smallShape, denseShape].indices)
    func atTheBound(shapeIndex: Int) {
        let shape = [smallShape, denseShape][shapeIndex]
        for seed in UInt64(1)...200 {
            let problem = randomProblem(seed: seed &* 7919 &+ UInt64(shapeIndex), shape: shape)
            let timetable = Scheduler.schedule(problem)
            let broken = violations(of: timetable, for: problem)
            #expect(broken.isEmpty, "seed \(seed): \(broken.prefix(3))")
            #expect(timetable.isOptimal && timetable.meetings.count == timetable.upperBound, "seed \(seed)")
        }
    }

    @Test("matches brute force on meetings, then weight, then suppliers met")
    func bruteForce() {
        let tiny = InstanceShape(suppliers: 1...5, buyers: 1...4, slots: 1...3,
                                 requestsPerSupplier: 0...3, cap: true, mixedStatuses: true)
        var compared = 0
        for seed in UInt64(1)...300 {
            let problem = randomProblem(seed: seed, shape: tiny)
            guard problem.requests.filter({ $0.status == .accepted }).count <= 12 else { continue }
            let timetable = Scheduler.schedule(problem)
            let best = bruteForceWithoutWindows(problem)
            let got = (timetable.meetings.count, timetable.totalWeight, timetable.suppliersMet)
            #expect(got == best, "seed \(seed): got \(got), best \(best)")
            compared += 1
        }
        #expect(compared > 250)
    }

    @Test("König: a regular bipartite graph of degree T uses all T slots everywhere")
    func regularGraph() {
        // Every supplier requests every buyer: K(n,n) with n = T slots needs exactly T colours.
        let n = 7
        let requests = (0..<n).flatMap { s in (0..<n).map { b in MeetingRequest(supplier: s, buyer: b) } }
        let problem = SchedulingProblem(slotCount: n, supplierCount: n, buyerCount: n, requests: requests)
        let timetable = Scheduler.schedule(problem)
        #expect(timetable.meetings.count == n * n)
        #expect(violations(of: timetable, for: problem).isEmpty)
    }
}

@Suite("With availability windows")
struct WindowTests {
    private let windowed = InstanceShape(suppliers: 10...60, buyers: 4...15, slots: 3...10,
                                         requestsPerSupplier: 1...6, windows: true, cap: true, mixedStatuses: true)

    @Test("valid timetables, never above the bound, close to it")
    func validAndClose() {
        var scheduled = 0, bound = 0, atBound = 0
        let runs = 200
        for seed in UInt64(1)...UInt64(runs) {
            let problem = randomProblem(seed: seed &+ 10_000, shape: windowed)
            let timetable = Scheduler.schedule(problem)
            let broken = violations(of: timetable, for: problem)
            #expect(broken.isEmpty, "seed \(seed): \(broken.prefix(3))")
            scheduled += timetable.meetings.count
            bound += timetable.upperBound
            if timetable.isOptimal { atBound += 1 }
        }
        #expect(Double(scheduled) >= 0.99 * Double(bound), "scheduled \(scheduled) of bound \(bound)")
        #expect(atBound >= runs * 9 / 10, "\(atBound) of \(runs) at the bound")
    }

    @Test("reaches the true optimum on tiny instances (brute force)")
    func tinyOptimum() {
        let tiny = InstanceShape(suppliers: 2...5, buyers: 1...3, slots: 2...3,
                                 requestsPerSupplier: 1...3, windows: true, cap: true)
        var optimal = 0, runs = 0
        for seed in UInt64(1)...150 {
            let problem = randomProblem(seed: seed &+ 50_000, shape: tiny)
            guard problem.requests.count <= 9 else { continue }
            runs += 1
            let timetable = Scheduler.schedule(problem)
            let best = bruteForceCount(problem)
            #expect(best <= timetable.upperBound, "seed \(seed): the bound must hold")
            #expect(timetable.meetings.count <= best)
            if timetable.meetings.count == best { optimal += 1 } else { print("tiny seed \(seed): \(timetable.meetings.count) of \(best), bound \(timetable.upperBound): \(problem)") }
        }
        #expect(runs > 100)
        #expect(optimal == runs, "\(optimal) of \(runs) optimal")
    }

    @Test("the greedy baseline is valid too and never beats the scheduler on dense requests")
    func greedyBaseline() {
        for seed in UInt64(1)...60 {
            let problem = randomProblem(seed: seed &+ 90_000, shape: denseShape)
            let greedy = GreedyScheduler.schedule(problem)
            #expect(violations(of: greedy, for: problem).isEmpty, "seed \(seed)")
            #expect(greedy.meetings.count <= Scheduler.schedule(problem).meetings.count)
        }
    }
}

@Suite("Determinism and stability")
struct StabilityTests {
    @Test("same input, same timetable")
    func deterministic() {
        for seed in UInt64(1)...40 {
            var shape = denseShape
            shape.windows = seed % 2 == 0
            let problem = randomProblem(seed: seed &+ 70_000, shape: shape)
            #expect(Scheduler.schedule(problem) == Scheduler.schedule(problem))
        }
    }

    @Test("re-running on an unchanged input with its own timetable changes nothing")
    func fixedPoint() {
        for seed in UInt64(1)...40 {
            var shape = denseShape
            shape.windows = seed % 2 == 0
            var problem = randomProblem(seed: seed &+ 71_000, shape: shape)
            let first = Scheduler.schedule(problem)
            problem.previous = first.meetings
            let second = Scheduler.schedule(problem)
            #expect(second.meetings == first.meetings, "seed \(seed)")
            #expect(second.keptFromPrevious == first.meetings.count)
        }
    }

    @Test("after late changes, still-valid meetings stay in their slot at no cost in meetings")
    func lateChanges() {
        var kept = 0, stillValid = 0
        for seed in UInt64(1)...60 {
            var rng = SplitMix64(seed: seed &+ 72_000)
            var problem = randomProblem(seed: seed &+ 72_000, shape: denseShape)
            let first = Scheduler.schedule(problem)
            // Late changes: two requests withdrawn, one supplier added with new requests.
            for _ in 0..<2 where !problem.requests.isEmpty {
                problem.requests[Int.random(in: 0..<problem.requests.count, using: &rng)].status = .refused
            }
            let newcomer = problem.supplierCount
            problem.supplierCount += 1
            for buyer in 0..<min(3, problem.buyerCount) {
                problem.requests.append(MeetingRequest(supplier: newcomer, buyer: buyer, priority: 1))
            }
            let fresh = Scheduler.schedule(problem)
            problem.previous = first.meetings
            let rerun = Scheduler.schedule(problem)
            #expect(violations(of: rerun, for: problem).isEmpty)
            #expect(rerun.meetings.count == fresh.meetings.count, "seed \(seed): stability cost a meeting")
            #expect(rerun.isOptimal)
            let refused = Set(problem.requests.filter { $0.status != .accepted }.map { [$0.supplier, $0.buyer] })
            stillValid += first.meetings.filter { !refused.contains([$0.supplier, $0.buyer]) }.count
            kept += rerun.keptFromPrevious
            let previous = Set(first.meetings)
            #expect(rerun.keptFromPrevious == rerun.meetings.filter { previous.contains($0) }.count)
        }
        // Nearly every still-valid meeting keeps its slot.
        #expect(Double(kept) >= 0.9 * Double(stillValid), "kept \(kept) of \(stillValid)")
    }
}

@Suite("Unplaced requests and edge cases")
struct ReasonTests {
    @Test("each reason on a hand-made instance")
    func reasons() {
        // Two slots. Buyer 0 available in slot 0 only; buyer 1 everywhere; supplier 2 in slot 1 only.
        let requests = [
            MeetingRequest(supplier: 0, buyer: 0, priority: 1),           // 0 scheduled at slot 0
            MeetingRequest(supplier: 1, buyer: 0, priority: 3),           // 1 buyer 0 full
            MeetingRequest(supplier: 2, buyer: 0),                        // 2 no common slot
            MeetingRequest(supplier: 0, buyer: 1, status: .refused),      // 3 refused
            MeetingRequest(supplier: 1, buyer: 1, status: .pending),      // 4 pending
            MeetingRequest(supplier: 3, buyer: 1),                        // 5 scheduled
            MeetingRequest(supplier: 3, buyer: 2),                        // 6 supplier 3 at cap 1
            MeetingRequest(supplier: 9, buyer: 1),                        // 7 invalid supplier
            MeetingRequest(supplier: 3, buyer: 1, priority: 3),           // 8 duplicate of 5
        ]
        let problem = SchedulingProblem(
            slotCount: 2, supplierCount: 4, buyerCount: 3, requests: requests,
            supplierAvailability: [nil, nil, [1], nil], buyerAvailability: [[0], nil, nil],
            maxPerSupplier: 1)
        let timetable = Scheduler.schedule(problem)
        #expect(violations(of: timetable, for: problem).isEmpty)
        #expect(timetable.meetings.contains(Meeting(supplier: 0, buyer: 0, slot: 0)))
        #expect(timetable.meetings.count == 2)
        let reasons = Dictionary(uniqueKeysWithValues: timetable.unplaced.map { ($0.request, $0.reason) })
        #expect(reasons == [1: .buyerFull, 2: .noCommonSlot, 3: .refused, 4: .pending,
                            6: .supplierFull, 7: .invalid, 8: .duplicate])
        #expect(UnplacedReason.noCommonSlot.rawValue == "no-common-slot")
    }

    @Test("degenerate inputs give empty timetables, not crashes")
    func degenerate() {
        let empty = Scheduler.schedule(SchedulingProblem(slotCount: 0, supplierCount: 0, buyerCount: 0, requests: []))
        #expect(empty.meetings.isEmpty && empty.upperBound == 0 && empty.isOptimal)
        let noSlots = SchedulingProblem(slotCount: 0, supplierCount: 2, buyerCount: 2,
                                        requests: [MeetingRequest(supplier: 0, buyer: 1)],
                                        previous: [Meeting(supplier: 0, buyer: 1, slot: 0)])
        let timetable = Scheduler.schedule(noSlots)
        #expect(timetable.meetings.isEmpty)
        #expect(timetable.unplaced == [UnplacedRequest(request: 0, reason: .noCommonSlot)])
        #expect(!noSlots.hasAvailabilityWindows)
        #expect(SchedulingProblem(slotCount: 3, supplierCount: 1, buyerCount: 1, requests: [],
                                  buyerAvailability: [[0, 2]]).hasAvailabilityWindows)
        let negative = SchedulingProblem(slotCount: -3, supplierCount: -1, buyerCount: 2,
                                         requests: [MeetingRequest(supplier: 0, buyer: 0, priority: 7)],
                                         maxPerSupplier: -2)
        #expect(Scheduler.schedule(negative).unplaced.map(\.reason) == [.invalid])
    }

    @Test("priorities decide which requests a full table keeps")
    func priorities() {
        let requests = [
            MeetingRequest(supplier: 0, buyer: 0, priority: 3),
            MeetingRequest(supplier: 1, buyer: 0, priority: 1),
            MeetingRequest(supplier: 2, buyer: 0, priority: 2),
        ]
        let problem = SchedulingProblem(slotCount: 2, supplierCount: 3, buyerCount: 1, requests: requests)
        let timetable = Scheduler.schedule(problem)
        #expect(Set(timetable.meetings.map(\.supplier)) == [1, 2])
        #expect(timetable.unplaced == [UnplacedRequest(request: 0, reason: .buyerFull)])
    }

    @Test("between equal weights, one more supplier gets a meeting")
    func supplierCoverage() {
        // Table 0 (two slots) is wanted by suppliers 0–3; supplier 0 also meets table 1.
        // Both choices hold 3 meetings of equal weight; leaving supplier 0 out of table 0
        // gives a meeting to one more supplier.
        let requests = [
            MeetingRequest(supplier: 0, buyer: 0), MeetingRequest(supplier: 0, buyer: 1),
            MeetingRequest(supplier: 1, buyer: 0), MeetingRequest(supplier: 2, buyer: 0),
            MeetingRequest(supplier: 3, buyer: 0),
        ]
        let problem = SchedulingProblem(slotCount: 2, supplierCount: 4, buyerCount: 2, requests: requests)
        let timetable = Scheduler.schedule(problem)
        #expect(timetable.meetings.count == 3)
        #expect(timetable.suppliersMet == 3)
    }
}
