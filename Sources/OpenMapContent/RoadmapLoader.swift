import Diagnostics
import OpenMapYAML

extension LoadSession {
    func loadRoadmaps() -> [Roadmap] {
        var files: [(year: Int, buyer: String, path: String)] = []
        for yearName in list("roadmaps") {
            let folder = "roadmaps/" + yearName
            guard kind(folder) == .directory else {
                fileWarning(.unexpectedRoadmapFile(), folder)
                continue
            }
            guard Formats.isDigits(yearName, count: 4), let year = Int(yearName) else {
                fileError(.invalidYearFolder(yearName), folder)
                continue
            }
            for (buyer, path) in entityFiles(folder, extension: "md") { files.append((year, buyer, path)) }
        }
        return loadFiles(files.map(\.path)) { session, index, source in
            session.loadRoadmap(year: files[index].year, buyer: files[index].buyer, source: source)
        }
    }

    func loadRoadmap(year: Int, buyer: String, source: SourceText) -> Roadmap {
        let report = source.report
        let file = markdownFile(source, what: Phrase.roadmap)
        let fields = file.fields
        defer { fields.finish() }
        let title = fields.string("title", required: true) ?? ""
        let publishedNode = fields.node("published")
        let published = fields.date("published", required: true)
        if let published, let publishedNode, published.year != year {
            report.error(.publishedYearMismatch(published: published.year, folder: year), at: publishedNode)
        }
        let updatedNode = fields.node("updated")
        let updated = fields.date("updated")
        if let updated, let published, let updatedNode, updated < published {
            report.error(.updatedBeforePublished(updated: "\(updated)", published: "\(published)"), at: updatedNode)
        }
        var from = YearMonth(year: year, month: 1)
        var to = YearMonth(year: year, month: 12)
        var horizonKnown = false
        if let horizon = fields.mapping("horizon", what: Phrase.horizon, required: true) {
            let toNode = horizon.node("to")
            let parsedFrom = horizon.month("from", required: true)
            let parsedTo = horizon.month("to", required: true)
            horizon.finish()
            if let parsedFrom, let parsedTo, let toNode {
                from = parsedFrom
                to = parsedTo
                horizonKnown = true
                let months = to.ordinal - from.ordinal + 1
                if to <= from {
                    report.error(.horizonBackwards(from: "\(from)", to: "\(to)"), at: toNode)
                    horizonKnown = false
                } else if months > 24 {
                    report.error(.horizonTooLong(months: months), at: toNode)
                } else if months < 12 || months > 18 {
                    report.warning(.horizonLength(months: months), at: toNode)
                }
            }
        }
        let contact = fields.mapping("contact", what: Phrase.contact).map { person($0) }
        var needs: [Need] = []
        var firstLine: [String: Int] = [:]
        let needsNode = fields.required("needs")
        if let needsNode, let items = needsNode.sequence, items.isEmpty {
            report.error(.emptyNeeds(), at: needsNode)
        }
        for need in fields.list("needs", what: Phrase.need) {
            let idNode = need.node("id")
            let loaded = loadNeed(need, horizon: horizonKnown ? (from, to) : nil)
            if let idNode, !loaded.id.isEmpty {
                if let line = firstLine[loaded.id] {
                    report.error(.duplicateNeedID(loaded.id, firstLine: line), at: idNode)
                } else {
                    firstLine[loaded.id] = idNode.line
                }
            }
            needs.append(loaded)
        }
        var roadmap = Roadmap(year: year, buyer: buyer, title: title,
                              published: published ?? LocalDate(year: year, month: 1, day: 1), updated: updated,
                              horizonFrom: from, horizonTo: to, contact: contact, needs: needs, body: file.body,
                              location: SourceLocation(file: report.file, line: 1, column: 1),
                              draft: fields.bool("draft") ?? false)
        roadmap.frontMatterDigest = fields.node.contentDigest
        return roadmap
    }

    private func loadNeed(_ fields: Fields, horizon: (from: YearMonth, to: YearMonth)?) -> Need {
        defer { fields.finish() }
        let report = fields.report
        let id = fields.slug("id", required: true) ?? ""
        let title = fields.string("title", required: true) ?? ""
        var theme = ""
        if let node = fields.required("theme"), let text = fields.scalar(node, expected: Phrase.themeSlug, field: "theme") {
            theme = text
            fields.record("theme", node)
        }
        var codes: [String] = []
        for (text, node) in fields.stringList("cpv") {
            if Formats.cpv(text) != nil {
                codes.append(text)
            } else {
                report.error(.invalidCPV(text), at: node)
            }
        }
        let summary = fields.markdown("summary", required: true) ?? MarkdownText("", at: report.location(fields.node))
        var budget: Budget?
        if let node = fields.node("budget") {
            budget = loadBudget(node, fields)
        }
        var launch = Launch.month(horizon?.from ?? YearMonth(year: 1970, month: 1))
        if let node = fields.required("launch"), let text = fields.scalar(node, expected: Phrase.quarterOrMonth, field: "launch") {
            if let parsed = Formats.launch(text) {
                launch = parsed
                if let horizon, parsed.firstMonth < horizon.from || parsed.lastMonth > horizon.to {
                    report.warning(.launchOutsideHorizon(text, from: "\(horizon.from)", to: "\(horizon.to)"), at: node)
                }
            } else {
                report.error(.invalidLaunch(text, corrected: Formats.launchCorrection(text).map { "launch: \($0)" }), at: node)
            }
        }
        let procedure = fields.enumValue("procedure", Procedure.self)
        let statusNode = fields.node("status")
        let status = fields.enumValue("status", NeedStatus.self) ?? .envisage
        let tenderURL = fields.url("tender_url")
        if status == .publie, tenderURL == nil, !fields.has("tender_url") {
            report.warning(.missingTenderURL(), at: statusNode ?? fields.node)
        }
        var need = Need(id: id, title: title, theme: theme, cpv: codes, summary: summary, budget: budget, launch: launch,
                        procedure: procedure, status: status, tenderURL: tenderURL, location: report.location(fields.node))
        need.digest = fields.node.contentDigest
        return need
    }

    /// `budget: 50000` (an estimate), `budget: {min: 20000, max: 50000}` or `budget: a-definir`;
    /// « 50 000 € » and the like get a hint with the amount in digits.
    private func loadBudget(_ node: YAMLNode, _ fields: Fields) -> Budget? {
        let report = fields.report
        if let scalar = node.scalar {
            let text = scalar.value
            if text == "a-definir" { return .toBeDefined }
            if scalar.style.isPlain, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let amount = Int(text) {
                // A single amount is an estimate: a range of one value.
                return .range(min: amount, max: amount)
            }
            report.error(.invalidBudget(text, corrected: Formats.amount(text)), at: node)
            return nil
        }
        guard let range = Fields.of(node, report, what: Phrase.budget, field: "budget", path: fields.path + "budget.") else { return nil }
        defer { range.finish() }
        let minNode = range.node("min")
        let bounds = ["min", "max"].map { key -> Int? in
            guard let value = range.required(key) else { return nil }
            if let scalar = value.scalar, !scalar.style.isQuoted,
               !(scalar.value.drop { $0 == "-" }.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }) {
                report.error(.invalidAmount(field: key, scalar.value, corrected: Formats.amount(scalar.value)), at: value)
                return nil
            }
            return Fields.int(value, report, field: key, minimum: 0)
        }
        guard let min = bounds[0], let max = bounds[1] else { return nil }
        if min > max {
            report.error(.budgetMinAboveMax(min: min, max: max), at: minNode)
            return nil
        }
        return .range(min: min, max: max)
    }
}
