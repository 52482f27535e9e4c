/// First-fit, as online booking tools do it: requests in their given order, each in the
/// earliest slot free for both sides. A baseline for the benchmark, not for production.
public enum GreedyScheduler {
    public static func schedule(_ problem: SchedulingProblem) -> Timetable {
        let prepared = PreparedProblem(problem)
        var grid = SlotGrid(problem: prepared, maxPathLength: 1)
        for (index, candidate) in prepared.candidates.enumerated() {
            guard grid.hasRoom(grid.supplierVertex(index)), grid.hasRoom(grid.buyerVertex(index)) else { continue }
            for slot in 0..<prepared.slotCount where prepared.allows(candidate, slot: slot)
                && grid.occupant(grid.supplierVertex(index), slot) < 0
                && grid.occupant(grid.buyerVertex(index), slot) < 0 {
                grid.place(index, slot: slot)
                break
            }
        }
        let (bound, _) = Scheduler.flowSelection(prepared, keptSlot: [Int](repeating: -1, count: prepared.candidates.count))
        return Scheduler.makeTimetable(problem, prepared, grid: grid, bound: bound,
                                       keptSlot: [Int](repeating: -1, count: prepared.candidates.count))
    }
}
