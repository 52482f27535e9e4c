// The plain values the scheduler reads and returns. Participants are numbered: supplier
// `0..<supplierCount`, buyer (table) `0..<buyerCount`, slot `0..<slotCount`; callers map
// their slugs and times to these numbers.

/// One online meeting request from a supplier to a buyer.
public struct MeetingRequest: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case accepted, refused, pending
    }

    public var supplier: Int
    public var buyer: Int
    /// 1 (highest) to 3; values outside are clamped.
    public var priority: Int
    public var status: Status

    public init(supplier: Int, buyer: Int, priority: Int = 2, status: Status = .accepted) {
        self.supplier = supplier
        self.buyer = buyer
        self.priority = priority
        self.status = status
    }

    /// Priority 1, 2, 3 weigh 3, 2, 1 in the objective.
    public var weight: Int { 4 - min(max(priority, 1), 3) }
}

/// A supplier meeting a buyer at the buyer's table during one slot.
public struct Meeting: Sendable, Hashable, Comparable {
    public var supplier: Int
    public var buyer: Int
    public var slot: Int

    public init(supplier: Int, buyer: Int, slot: Int) {
        self.supplier = supplier
        self.buyer = buyer
        self.slot = slot
    }

    /// Timetable order: by table, then slot (then supplier, for totality).
    public static func < (lhs: Meeting, rhs: Meeting) -> Bool {
        (lhs.buyer, lhs.slot, lhs.supplier) < (rhs.buyer, rhs.slot, rhs.supplier)
    }
}

/// A meeting the organisers impose: the pair meets, at `slot` when given, whatever the
/// requests say (the request is added when it was not made).
public struct ImposedMeeting: Sendable, Hashable {
    public var supplier: Int
    public var buyer: Int
    /// The slot the meeting must take; nil lets the scheduler choose.
    public var slot: Int?

    public init(supplier: Int, buyer: Int, slot: Int? = nil) {
        self.supplier = supplier
        self.buyer = buyer
        self.slot = slot
    }
}

/// A supplier–buyer pair, for the organisers' exclusions.
public struct MeetingPair: Sendable, Hashable {
    public var supplier: Int
    public var buyer: Int

    public init(supplier: Int, buyer: Int) {
        self.supplier = supplier
        self.buyer = buyer
    }
}

/// Everything the scheduler needs for one Matinale.
public struct SchedulingProblem: Sendable, Hashable {
    public var slotCount: Int
    public var supplierCount: Int
    public var buyerCount: Int
    /// All requests, whatever their status: only accepted ones are scheduled, the others are
    /// reported back as unplaced with their status as reason.
    public var requests: [MeetingRequest]
    /// Slots each supplier can attend, indexed by supplier; `nil` (or a missing entry) means
    /// every slot. Slots outside `0..<slotCount` are ignored.
    public var supplierAvailability: [Set<Int>?]
    /// Slots each buyer can attend, indexed by buyer; `nil` or missing means every slot.
    public var buyerAvailability: [Set<Int>?]
    /// At most this many meetings per supplier; `nil` means no cap beyond the slot count.
    public var maxPerSupplier: Int?
    /// A previously published timetable: its meetings that are still valid stay in their slot
    /// whenever that costs no meeting.
    public var previous: [Meeting]
    /// Meetings each supplier can hold in one slot (its representatives), indexed by supplier;
    /// a missing entry or a value below 1 means 1.
    public var seats: [Int]
    /// The organisers' imposed meetings: placed before anything else and never given up.
    /// One that breaks a rule (unknown participant, slot outside a window, a clash with another
    /// imposed meeting, more than a side's capacity) is left out and reported in
    /// `Timetable.unmetImposed`; the content's validation reports those as located errors first.
    public var imposed: [ImposedMeeting]
    /// Pairs that never meet, even when requested and accepted (reason `excluded`).
    public var excluded: [MeetingPair]

    public init(
        slotCount: Int,
        supplierCount: Int,
        buyerCount: Int,
        requests: [MeetingRequest],
        supplierAvailability: [Set<Int>?] = [],
        buyerAvailability: [Set<Int>?] = [],
        maxPerSupplier: Int? = nil,
        previous: [Meeting] = [],
        seats: [Int] = [],
        imposed: [ImposedMeeting] = [],
        excluded: [MeetingPair] = []
    ) {
        self.slotCount = slotCount
        self.supplierCount = supplierCount
        self.buyerCount = buyerCount
        self.requests = requests
        self.supplierAvailability = supplierAvailability
        self.buyerAvailability = buyerAvailability
        self.maxPerSupplier = maxPerSupplier
        self.previous = previous
        self.seats = seats
        self.imposed = imposed
        self.excluded = excluded
    }

    /// Seats of a supplier (at least 1).
    public func seats(of supplier: Int) -> Int {
        seats.indices.contains(supplier) ? max(seats[supplier], 1) : 1
    }

    /// True when some participant is available for only part of the period: the problem is
    /// then NP-hard and the result may fall short of the bound.
    public var hasAvailabilityWindows: Bool {
        func restricts(_ slots: Set<Int>?) -> Bool {
            guard let slots else { return false }
            return (0..<max(slotCount, 0)).contains { !slots.contains($0) }
        }
        return supplierAvailability.prefix(max(supplierCount, 0)).contains(where: restricts)
            || buyerAvailability.prefix(max(buyerCount, 0)).contains(where: restricts)
    }
}

/// Why an (accepted or not) request has no meeting. Exactly one reason per unplaced request.
public enum UnplacedReason: String, Sendable, Hashable, CaseIterable {
    case refused
    case pending
    /// The request names a supplier or buyer number outside the problem.
    case invalid
    /// The same pair was requested earlier (or with a higher priority): a pair meets once.
    case duplicate
    /// The supplier and the buyer share no available slot.
    case noCommonSlot = "no-common-slot"
    /// Every slot in which the buyer is available already holds a meeting at its table.
    case buyerFull = "buyer-full"
    /// The supplier reached `maxPerSupplier`, or every slot it is available in is taken.
    case supplierFull = "supplier-full"
    /// Both have room, but their free slots never coincide.
    case lostToConflicts = "lost-to-conflicts"
    /// The organisers excluded the pair (overrides.csv).
    case excluded
}

/// Why an imposed meeting is not in the timetable.
public enum UnmetImposedReason: String, Sendable, Hashable, CaseIterable {
    /// A supplier or buyer number outside the problem, or a slot outside `0..<slotCount`.
    case invalid
    /// The same pair is imposed earlier in the list.
    case duplicate
    /// The pair is also excluded: exclusion wins.
    case excluded
    /// The fixed slot is outside the supplier's or the buyer's availability, or the two share
    /// no available slot.
    case unavailable
    /// More imposed meetings than the supplier's capacity (`maxPerSupplier`, seats × slots)
    /// or the buyer's available slots.
    case overCapacity = "over-capacity"
    /// No placement holds it together with the imposed meetings before it (same table or the
    /// same supplier seat at the same time).
    case conflict
}

public struct UnmetImposed: Sendable, Hashable {
    /// Index into `SchedulingProblem.imposed`.
    public var imposed: Int
    public var reason: UnmetImposedReason

    public init(imposed: Int, reason: UnmetImposedReason) {
        self.imposed = imposed
        self.reason = reason
    }
}

public struct UnplacedRequest: Sendable, Hashable {
    /// Index into `SchedulingProblem.requests`.
    public var request: Int
    public var reason: UnplacedReason

    public init(request: Int, reason: UnplacedReason) {
        self.request = request
        self.reason = reason
    }
}

/// The scheduler's answer.
public struct Timetable: Sendable, Hashable {
    /// Sorted by table, then slot.
    public var meetings: [Meeting]
    /// Every request without a meeting, sorted by request index.
    public var unplaced: [UnplacedRequest]
    /// No timetable can hold more meetings than this (a max-flow bound).
    public var upperBound: Int
    /// The number of meetings is proven maximal (it reaches `upperBound`).
    public var isOptimal: Bool
    /// Sum of the priority weights (3, 2, 1) of the scheduled requests.
    public var totalWeight: Int
    /// Suppliers with at least one meeting.
    public var suppliersMet: Int
    /// Meetings of `SchedulingProblem.previous` kept in the same slot.
    public var keptFromPrevious: Int
    /// Imposed meetings left out, sorted by index; empty when every one is in `meetings`.
    public var unmetImposed: [UnmetImposed] = []

    public var scheduledCount: Int { meetings.count }
}

/// Bounds on the improvement work, so that a given input always gives the same output
/// (no clock is read).
public struct SchedulingEffort: Sendable, Hashable {
    /// Passes of insertion moves over the requests still unplaced (windows only).
    public var improvementPasses: Int
    /// Longest alternating path that a recolouring move may flip.
    public var maxPathLength: Int

    /// How many meetings an ejection chain may displace in a row to insert one request.
    public var chainDepth: Int

    /// Moves of the tabu search that follows (`LocalSearch`), when the timetable is still
    /// below the bound, at most 100 per candidate pair; 0 turns it off. A count, not a
    /// duration: the result never depends on the machine's speed.
    public var searchMoves: Int

    public init(improvementPasses: Int = 6, maxPathLength: Int = 4_096, chainDepth: Int = 2,
                searchMoves: Int = 600_000) {
        self.improvementPasses = improvementPasses
        self.maxPathLength = maxPathLength
        self.chainDepth = chainDepth
        self.searchMoves = searchMoves
    }

    public static let standard = SchedulingEffort()
}
