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

    public init(
        slotCount: Int,
        supplierCount: Int,
        buyerCount: Int,
        requests: [MeetingRequest],
        supplierAvailability: [Set<Int>?] = [],
        buyerAvailability: [Set<Int>?] = [],
        maxPerSupplier: Int? = nil,
        previous: [Meeting] = []
    ) {
        self.slotCount = slotCount
        self.supplierCount = supplierCount
        self.buyerCount = buyerCount
        self.requests = requests
        self.supplierAvailability = supplierAvailability
        self.buyerAvailability = buyerAvailability
        self.maxPerSupplier = maxPerSupplier
        self.previous = previous
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

    public init(improvementPasses: Int = 6, maxPathLength: Int = 4_096, chainDepth: Int = 2) {
        self.improvementPasses = improvementPasses
        self.maxPathLength = maxPathLength
        self.chainDepth = chainDepth
    }

    public static let standard = SchedulingEffort()
}
