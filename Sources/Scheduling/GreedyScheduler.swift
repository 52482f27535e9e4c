/// First-fit, as online booking tools do it: requests in their given order, each in the
/// earliest slot free for both sides (imposed meetings placed first, as the scheduler does).
/// A baseline for the benchmark, not for production.
public enum GreedyScheduler {
    public static func schedule(_ problem: SchedulingProblem) -> Timetable {
        var prepared = PreparedProblem(problem)
        let none = [Int](repeating: -1, count: prepared.candidates.count)
        let imposed = Scheduler.placeImposed(&prepared, problem: problem, keptSlot: none)
        var grid = SlotGrid(problem: prepared, maxPathLength: 1)
        for (candidate, placement) in imposed { grid.place(candidate, slot: placement.slot, seat: placement.seat) }
        for index in prepared.candidates.indices where !prepared.candidates[index].blocked && grid.slotOf[index] < 0 {
            guard grid.hasRoom(index) else { continue }
            _ = grid.placeDirectly(index)
        }
        let (bound, _) = Scheduler.flowSelection(prepared, keptSlot: none)
        return Scheduler.makeTimetable(problem, prepared, grid: grid, bound: bound + prepared.imposedCount, keptSlot: none)
    }
}
