import Diagnostics
import OpenMapYAML

extension LoadSession {
    static let matinaleFiles = ["index.md", "requests.csv", "availability.csv", "overrides.csv"]

    func loadMatinales() -> [Matinale] {
        var matinales: [Matinale] = []
        for slug in list("matinales") {
            let folder = "matinales/" + slug
            guard kind(folder) == .directory else {
                fileWarning(.unexpectedMatinaleFile(), folder)
                continue
            }
            if !Formats.isSlug(slug) {
                fileError(.invalidFileName(slug, suggestion: Formats.slugCorrection(slug), folder: true), folder)
            }
            for name in list(folder) where !Self.matinaleFiles.contains(name) {
                fileWarning(.unexpectedFileInMatinale(name, expected: Self.matinaleFiles), folder + "/" + name)
            }
            let indexPath = folder + "/index.md"
            guard kind(indexPath) == .file else {
                fileError(.missingMatinaleIndex(slug), folder)
                continue
            }
            guard let source = read(indexPath) else { continue }
            let hasRequests = kind(folder + "/requests.csv") == .file
            let hasOverrides = kind(folder + "/overrides.csv") == .file
            var matinale = loadMatinale(slug: slug, source: source, hasRequests: hasRequests || hasOverrides)
            collect(source.report)
            if hasRequests, let csv = read(folder + "/requests.csv") {
                matinale.requests = loadRequests(csv)
                collect(csv.report)
            }
            if kind(folder + "/availability.csv") == .file, let csv = read(folder + "/availability.csv") {
                matinale.availability = loadAvailability(csv)
                collect(csv.report)
            }
            if hasOverrides, let csv = read(folder + "/overrides.csv") {
                matinale.overrides = loadOverrides(csv)
                collect(csv.report)
            }
            matinales.append(matinale)
        }
        return matinales
    }

    func loadMatinale(slug: String, source: SourceText, hasRequests: Bool) -> Matinale {
        let report = source.report
        let file = markdownFile(source, what: Phrase.matinale)
        let fields = file.fields
        defer { fields.finish() }
        let number = fields.int("number", required: true, minimum: 1) ?? 0
        let title = fields.string("title", required: true) ?? ""
        let date = fields.date("date", required: true) ?? LocalDate(year: 1970, month: 1, day: 1)
        let startTime = fields.time("start", required: true)
        let endNode = fields.node("end")
        let endTime = fields.time("end", required: true)
        var hours: (start: LocalTime, end: LocalTime)?
        if let startTime, let endTime, let endNode {
            if startTime < endTime {
                hours = (startTime, endTime)
            } else {
                report.error(.matinaleEndsBeforeStart(start: "\(startTime)", end: "\(endTime)"), at: endNode)
            }
        }
        func checkInsideHours(_ time: LocalTime, _ node: YAMLNode?, _ what: LocalizedText) {
            guard let hours, let node, time < hours.start || time > hours.end else { return }
            report.error(.outsideHours(what, time: "\(time)", start: "\(hours.start)", end: "\(hours.end)"), at: node)
        }

        var venue = Venue(name: "", address: "", postcode: "", city: "", host: "")
        if let fields = fields.mapping("venue", what: Phrase.venue, required: true) {
            venue = Venue(name: fields.string("name", required: true) ?? "",
                          address: fields.string("address", required: true) ?? "",
                          postcode: postcode(fields, required: true) ?? "",
                          city: fields.string("city", required: true) ?? "",
                          host: fields.string("host", required: true) ?? "")
            fields.finish()
        }

        var programme: [ProgrammeItem] = []
        var previous: LocalTime?
        for item in fields.list("programme", what: Phrase.programmeItem) {
            let timeNode = item.node("time")
            let time = item.time("time", required: true)
            let kind = item.enumValue("kind", ProgrammeKind.self, required: true)
            let itemTitle = item.string("title", required: true) ?? ""
            let speakers = item.stringList("speakers").map(\.0)
            item.finish()
            guard let time, let kind else { continue }
            if let previous, time < previous {
                report.error(.programmeOrder(time: "\(time)", previous: "\(previous)"), at: timeNode)
            }
            checkInsideHours(time, timeNode, Phrase.programmeItemTime)
            previous = time
            programme.append(ProgrammeItem(time: time, kind: kind, title: itemTitle, speakers: speakers))
        }

        var roundTable: RoundTable?
        if let table = fields.mapping("round_table", what: Phrase.roundTable) {
            var speakers: [Speaker] = []
            for speaker in table.list("speakers", what: Phrase.speaker) {
                speakers.append(Speaker(name: speaker.string("name", required: true) ?? "",
                                        role: speaker.string("role") ?? "",
                                        organisation: speaker.string("organisation") ?? "",
                                        buyer: speaker.slug("buyer")))
                speaker.finish()
            }
            roundTable = RoundTable(title: table.string("title", required: true) ?? "",
                                    moderator: table.string("moderator"), speakers: speakers)
            table.finish()
        }

        var tables: [MatinaleTable] = []
        var tableLines: [Int: Int] = [:]
        var buyerLines: [String: Int] = [:]
        for table in fields.list("tables", what: Phrase.table) {
            let numberNode = table.node("number")
            let buyerNode = table.node("buyer")
            let tableNumber = table.int("number", required: true, minimum: 1)
            let buyer = table.slug("buyer", required: true)
            let representatives = table.stringList("representatives").map(\.0)
            table.finish()
            if let tableNumber, let numberNode {
                if let line = tableLines[tableNumber] {
                    report.error(.duplicateTable(tableNumber, firstLine: line), at: numberNode)
                } else {
                    tableLines[tableNumber] = numberNode.line
                }
            }
            if let buyer, let buyerNode {
                if let line = buyerLines[buyer] {
                    report.error(.buyerAtTwoTables(buyer, firstLine: line), at: buyerNode)
                } else {
                    buyerLines[buyer] = buyerNode.line
                }
            }
            tables.append(MatinaleTable(number: tableNumber ?? 0, buyer: buyer ?? "", representatives: representatives))
        }

        var meetings: MeetingSettings?
        if let settings = fields.mapping("meetings", what: Phrase.meetings) {
            meetings = loadMeetings(settings, checkInsideHours: checkInsideHours)
        } else if hasRequests, !report.silenceMissingFields {
            report.error(.missingMeetings(), at: fields.node)
        }

        var registration: Registration?
        if let sub = fields.mapping("registration", what: Phrase.registration) {
            let closesNode = sub.node("closes")
            registration = Registration(url: sub.url("url"), opens: sub.date("opens"), closes: sub.date("closes"))
            sub.finish()
            if let opens = registration?.opens, let closes = registration?.closes, closes < opens {
                report.error(.registrationClosesBeforeOpening(opens: "\(opens)", closes: "\(closes)"), at: closesNode)
            }
        }
        var stats: MatinaleStats?
        if let sub = fields.mapping("stats", what: Phrase.stats) {
            stats = MatinaleStats(participants: sub.int("participants", minimum: 0), requests: sub.int("requests", minimum: 0),
                                  meetings: sub.int("meetings", minimum: 0))
            sub.finish()
        }
        if let numberNode = fields.node("number") { fields.record("number", numberNode) }
        return Matinale(slug: slug, number: number, title: title, date: date,
                        start: startTime ?? LocalTime(hour: 0, minute: 0), end: endTime ?? LocalTime(hour: 0, minute: 0),
                        venue: venue, programme: programme, roundTable: roundTable, tables: tables, meetings: meetings,
                        registration: registration, stats: stats, draft: fields.bool("draft") ?? false, body: file.body,
                        location: SourceLocation(file: report.file, line: 1, column: 1))
    }

    private func loadMeetings(_ fields: Fields, checkInsideHours: (LocalTime, YAMLNode?, LocalizedText) -> Void) -> MeetingSettings? {
        defer { fields.finish() }
        let report = fields.report
        let startNode = fields.node("start"), endNode = fields.node("end")
        let start = fields.time("start", required: true)
        let end = fields.time("end", required: true)
        let slot = fields.int("slot_minutes", required: true, minimum: 5)
        let gap = fields.int("gap_minutes", minimum: 0) ?? 0
        let maxPerSupplier = fields.int("max_per_supplier", minimum: 1)
        let publish = fields.bool("publish") ?? true
        let seats = loadSeats(fields)
        var breaks: [TimeRange] = []
        var window: (LocalTime, LocalTime)?
        if let start, let end, let endNode {
            if start < end {
                window = (start, end)
                checkInsideHours(start, startNode, Phrase.meetingsStart)
                checkInsideHours(end, endNode, Phrase.meetingsEnd)
            } else {
                report.error(.meetingsEndBeforeStart(start: "\(start)", end: "\(end)"), at: endNode)
            }
        }
        for item in fields.list("breaks", what: Phrase.meetingBreak) {
            let breakStartNode = item.node("start"), breakEndNode = item.node("end")
            let breakStart = item.time("start", required: true)
            let breakEnd = item.time("end", required: true)
            item.finish()
            guard let breakStart, let breakEnd else { continue }
            guard breakStart < breakEnd else {
                report.error(.breakEndsBeforeStart(start: "\(breakStart)", end: "\(breakEnd)"), at: breakEndNode)
                continue
            }
            if let (start, end) = window, breakStart < start || breakEnd > end {
                report.error(.breakOutsideMeetings(breakStart: "\(breakStart)", breakEnd: "\(breakEnd)", start: "\(start)", end: "\(end)"),
                             at: breakStart < start ? breakStartNode : breakEndNode)
            }
            breaks.append(TimeRange(start: breakStart, end: breakEnd))
        }
        guard let start, let end, let slot else { return nil }
        return MeetingSettings(start: start, end: end, slotMinutes: slot, gapMinutes: gap, maxPerSupplier: maxPerSupplier,
                               breaks: breaks, publish: publish, seats: seats)
    }

    // MARK: CSV files

    /// Reads the header and rows of a CSV file; columns are looked up by name.
    func csvRows(_ source: SourceText, required: [String], optional: [String])
        -> [(record: CSVRecord, field: (String) -> CSVField?)] {
        let report = source.report
        let records: [CSVRecord]
        switch CSV.parse(source.text) {
        case .failure(let error):
            report.error(.csvUnclosedQuote(), line: error.line, column: error.column)
            return []
        case .success(let parsed):
            records = parsed
        }
        guard let header = records.first else {
            report.error(.csvEmpty(header: required + optional), line: 1, column: 1)
            return []
        }
        let names = header.fields.map { $0.value.lowercased() }
        var ok = true
        for (index, name) in names.enumerated() where !(required + optional).contains(name) {
            let field = header.fields[index]
            report.error(.csvUnknownColumn(field.value, suggestion: Formats.suggestion(for: name, among: required + optional),
                                           header: required + optional),
                         line: header.line, column: field.column, length: field.length)
            ok = false
        }
        for name in required where !names.contains(name) {
            report.error(.csvMissingColumn(name, header: required + optional), line: header.line, column: 1)
            ok = false
        }
        guard ok else { return [] }
        return records.dropFirst().compactMap { record in
            guard record.fields.count == names.count else {
                report.error(.csvFieldCount(expected: names.count, found: record.fields.count), line: record.line, column: 1)
                return nil
            }
            return (record, { name in names.firstIndex(of: name).map { record.fields[$0] } })
        }
    }

    func loadRequests(_ source: SourceText) -> [MeetingRequest] {
        let report = source.report
        var requests: [MeetingRequest] = []
        var firstLine: [String: Int] = [:]
        for (record, field) in csvRows(source, required: ["supplier", "buyer"], optional: ["priority", "status"]) {
            guard let supplier = field("supplier"), let buyer = field("buyer") else { continue }
            var valid = true
            for (name, value) in [("supplier", supplier), ("buyer", buyer)] {
                if value.value.isEmpty {
                    report.error(.csvEmptyValue(name), line: record.line, column: value.column)
                    valid = false
                } else {
                    report.record("row\(record.line).\(name)", line: record.line, column: value.column, length: value.length)
                }
            }
            var priority = 2
            if let value = field("priority"), !value.value.isEmpty {
                if let number = Int(value.value), (1...3).contains(number) {
                    priority = number
                } else {
                    report.error(.invalidPriority(value.value), line: record.line, column: value.column, length: value.length)
                    valid = false
                }
            }
            var status = RequestStatus.accepte
            if let value = field("status"), !value.value.isEmpty {
                if let parsed = RequestStatus(rawValue: value.value) {
                    status = parsed
                } else {
                    let allowed = RequestStatus.allCases.map(\.rawValue)
                    report.error(.invalidEnum(field: "status", value.value, allowed: allowed,
                                              suggestion: Formats.enumSuggestion(for: value.value, among: allowed)),
                                 line: record.line, column: value.column, length: value.length)
                    valid = false
                }
            }
            guard valid else { continue }
            let pair = supplier.value + "\n" + buyer.value
            if let line = firstLine[pair] {
                report.error(.duplicateRequest(supplier: supplier.value, buyer: buyer.value, firstLine: line, line: record.line),
                             line: record.line, column: 1)
                continue
            }
            firstLine[pair] = record.line
            requests.append(MeetingRequest(supplier: supplier.value, buyer: buyer.value, priority: priority, status: status,
                                           location: SourceLocation(file: report.file, line: record.line, column: 1)))
        }
        return requests
    }

    func loadAvailability(_ source: SourceText) -> [AvailabilityWindow] {
        let report = source.report
        var windows: [AvailabilityWindow] = []
        for (record, field) in csvRows(source, required: ["participant", "from", "to"], optional: []) {
            guard let participant = field("participant"), let fromField = field("from"), let toField = field("to") else { continue }
            guard !participant.value.isEmpty else {
                report.error(.csvEmptyValue("participant"), line: record.line, column: participant.column)
                continue
            }
            report.record("row\(record.line).participant", line: record.line, column: participant.column, length: participant.length)
            var times: [LocalTime] = []
            for value in [fromField, toField] {
                if let time = Formats.time(value.value) {
                    times.append(time)
                } else {
                    report.error(.invalidTime(field: nil, found: Phrase.quoted(value.value), corrected: Formats.timeCorrection(value.value)),
                                 line: record.line, column: value.column, length: value.length)
                }
            }
            guard times.count == 2 else { continue }
            guard times[0] < times[1] else {
                report.error(.windowEndsBeforeStart(start: "\(times[0])", end: "\(times[1])"),
                             line: record.line, column: toField.column, length: toField.length)
                continue
            }
            windows.append(AvailabilityWindow(participant: participant.value, from: times[0], to: times[1],
                                              location: SourceLocation(file: report.file, line: record.line, column: 1)))
        }
        return windows
    }
}
