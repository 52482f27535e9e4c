import OpenMapContent
import OpenMapRender
import Scheduling

/// Maps a Matinale (tables, meeting settings and seats, requests.csv, availability.csv,
/// overrides.csv) onto the pure scheduling problem and the solution back onto slugs, tables and times.
public enum MatinaleScheduling {
    /// A meeting of an earlier timetable, to keep in place when it costs no meeting.
    public struct PreviousMeeting: Sendable, Hashable {
        public var supplier: String
        public var buyer: String
        public var start: LocalTime
        public init(supplier: String, buyer: String, start: LocalTime) { self.supplier = supplier; self.buyer = buyer; self.start = start }
    }

    /// The timetable of every Matinale that has meeting settings and requests, by slug.
    public static func timetables(for content: SiteContent) -> [String: MatinaleTimetable] {
        var result: [String: MatinaleTimetable] = [:]
        for matinale in content.matinales where !matinale.requests.isEmpty || !matinale.overrides.isEmpty {
            if let timetable = timetable(for: matinale) { result[matinale.slug] = timetable }
        }
        return result
    }

    /// Nil when the Matinale has no `meetings` settings.
    public static func timetable(for matinale: Matinale, keeping previous: [PreviousMeeting] = []) -> MatinaleTimetable? {
        guard let settings = matinale.meetings else { return nil }
        let clock = ContinuousClock()
        let started = clock.now
        let slots = settings.slots
        let tables = matinale.tables.sorted { $0.number < $1.number }
        let buyerIndex = Dictionary(tables.enumerated().map { ($0.element.buyer, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let suppliers = Array(Set(matinale.requests.map(\.supplier) + matinale.overrides.map(\.supplier))).sorted()
        let supplierIndex = Dictionary(uniqueKeysWithValues: suppliers.enumerated().map { ($0.element, $0.offset) })

        // Requests whose buyer has no table are reported by validation; they cannot be scheduled.
        let usable = matinale.requests.filter { buyerIndex[$0.buyer] != nil }
        let requests = usable.compactMap { request -> Scheduling.MeetingRequest? in
            guard let s = supplierIndex[request.supplier], let b = buyerIndex[request.buyer] else { return nil }
            return Scheduling.MeetingRequest(supplier: s, buyer: b, priority: request.priority, status: status(request.status))
        }

        // A slot is available to a participant when it lies entirely inside one of its windows.
        var windows: [String: [AvailabilityWindow]] = [:]
        for window in matinale.availability { windows[window.participant, default: []].append(window) }
        func availability(of participant: String) -> Set<Int>? {
            guard let own = windows[participant] else { return nil }
            return Set(slots.indices.filter { i in
                own.contains { $0.from <= slots[i].start && slots[i].end <= $0.to }
            })
        }

        let slotIndex = Dictionary(slots.enumerated().map { ($0.element.start, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let kept = previous.compactMap { meeting -> Meeting? in
            guard let s = supplierIndex[meeting.supplier], let b = buyerIndex[meeting.buyer],
                  let slot = slotIndex[meeting.start] else { return nil }
            return Meeting(supplier: s, buyer: b, slot: slot)
        }

        // Overrides of unknown participants or buyers without a table are reported by validation.
        let overrides = matinale.overrides.filter { supplierIndex[$0.supplier] != nil && buyerIndex[$0.buyer] != nil }
        let imposed = overrides.filter { $0.decision == .imposer }
        let problem = SchedulingProblem(
            slotCount: slots.count, supplierCount: suppliers.count, buyerCount: tables.count,
            requests: requests,
            supplierAvailability: suppliers.map(availability(of:)),
            buyerAvailability: tables.map { availability(of: $0.buyer) },
            maxPerSupplier: settings.maxPerSupplier, previous: kept,
            seats: suppliers.map { settings.seats[$0] ?? 1 },
            imposed: imposed.compactMap { row in
                supplierIndex[row.supplier].flatMap { s in buyerIndex[row.buyer].map { b in
                    ImposedMeeting(supplier: s, buyer: b, slot: row.time.map { slotIndex[$0] ?? -1 })
                } }
            },
            excluded: overrides.filter { $0.decision == .exclure }.compactMap { row in
                supplierIndex[row.supplier].flatMap { s in buyerIndex[row.buyer].map { MeetingPair(supplier: s, buyer: $0) } }
            })
        let solution = Scheduler.schedule(problem)
        let imposedPairs = Set(imposed.map { [$0.supplier, $0.buyer] })
        let elapsed = clock.now - started

        return MatinaleTimetable(
            matinale: matinale.slug,
            slots: slots.enumerated().map { MatinaleTimetable.Slot(index: $0.offset, start: $0.element.start, end: $0.element.end) },
            meetings: solution.meetings.map {
                MatinaleTimetable.Entry(supplier: suppliers[$0.supplier], buyer: tables[$0.buyer].buyer,
                                        table: tables[$0.buyer].number, slot: $0.slot,
                                        imposed: imposedPairs.contains([suppliers[$0.supplier], tables[$0.buyer].buyer]))
            },
            // An imposed meeting left out (validation reports why first) is listed with the unplaced requests.
            unplaced: solution.unplaced.map {
                let request = usable[$0.request]
                return MatinaleTimetable.Unplaced(supplier: request.supplier, buyer: request.buyer, reason: $0.reason.rawValue)
            } + solution.unmetImposed.map {
                MatinaleTimetable.Unplaced(supplier: imposed[$0.imposed].supplier, buyer: imposed[$0.imposed].buyer,
                                           reason: "imposed-" + $0.reason.rawValue)
            },
            requestCount: matinale.requests.count,
            acceptedCount: matinale.requests.filter { $0.status == .accepte }.count,
            upperBound: solution.upperBound, isOptimal: solution.isOptimal,
            keptFromPrevious: solution.keptFromPrevious,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            publish: settings.publish)
    }

    private static func status(_ status: RequestStatus) -> Scheduling.MeetingRequest.Status {
        switch status {
        case .accepte: .accepted
        case .refuse: .refused
        case .enAttente: .pending
        }
    }
}
