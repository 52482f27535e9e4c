import OpenMapContent

/// A Matinale's meeting timetable in the content's own terms (slugs, table numbers, times):
/// what the pipeline computes from the scheduler and what pages, exports and `openmap schedule` show.
public struct MatinaleTimetable: Sendable, Hashable {
    public struct Slot: Sendable, Hashable {
        public var index: Int
        public var start: LocalTime
        public var end: LocalTime
        public init(index: Int, start: LocalTime, end: LocalTime) { self.index = index; self.start = start; self.end = end }
    }

    public struct Entry: Sendable, Hashable {
        public var supplier: String
        public var buyer: String
        public var table: Int
        public var slot: Int
        /// Imposed by the organisers (overrides.csv).
        public var imposed: Bool
        public init(supplier: String, buyer: String, table: Int, slot: Int, imposed: Bool = false) {
            self.supplier = supplier; self.buyer = buyer; self.table = table; self.slot = slot; self.imposed = imposed
        }
    }

    public struct Unplaced: Sendable, Hashable {
        public var supplier: String
        public var buyer: String
        /// `refused`, `pending`, `no-common-slot`, `buyer-full`, `supplier-full`, `lost-to-conflicts`,
        /// `excluded`, or `imposed-…` for an imposed meeting that could not be held…
        public var reason: String
        public init(supplier: String, buyer: String, reason: String) { self.supplier = supplier; self.buyer = buyer; self.reason = reason }
    }

    public var matinale: String
    public var slots: [Slot]
    /// Sorted by table, then slot.
    public var meetings: [Entry]
    public var unplaced: [Unplaced]
    public var requestCount: Int
    public var acceptedCount: Int
    public var upperBound: Int
    public var isOptimal: Bool
    /// Meetings kept in their slot from a previous timetable (`--keep`).
    public var keptFromPrevious: Int
    public var seconds: Double
    /// `meetings.publish`: false keeps the timetable off the public site.
    public var publish: Bool

    public var scheduledCount: Int { meetings.count }

    public init(matinale: String, slots: [Slot], meetings: [Entry], unplaced: [Unplaced], requestCount: Int,
                acceptedCount: Int, upperBound: Int, isOptimal: Bool, keptFromPrevious: Int = 0, seconds: Double,
                publish: Bool) {
        self.matinale = matinale; self.slots = slots; self.meetings = meetings; self.unplaced = unplaced
        self.requestCount = requestCount; self.acceptedCount = acceptedCount; self.upperBound = upperBound
        self.isOptimal = isOptimal; self.keptFromPrevious = keptFromPrevious; self.seconds = seconds; self.publish = publish
    }
}
