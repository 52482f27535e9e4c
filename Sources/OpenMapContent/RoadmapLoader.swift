import Diagnostics
import OpenMapYAML

extension LoadSession {
    func loadRoadmaps() -> [Roadmap] {
        var files: [(year: Int, buyer: String, path: String)] = []
        for yearName in list("roadmaps") {
            let folder = "roadmaps/" + yearName
            guard kind(folder) == .directory else {
                fileWarning("unexpected-file", "roadmaps are read from year folders (roadmaps/<year>/<buyer>.md); this file is ignored", folder)
                continue
            }
            guard Formats.isDigits(yearName, count: 4), let year = Int(yearName) else {
                fileError("invalid-folder", "« \(yearName) » is not a year: roadmaps go in roadmaps/<year>/", folder)
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
        let file = markdownFile(source, what: "a roadmap")
        let fields = file.fields
        defer { fields.finish() }
        let title = fields.string("title", required: true) ?? ""
        let publishedNode = fields.node("published")
        let published = fields.date("published", required: true)
        if let published, let publishedNode, published.year != year {
            report.error("published-year-mismatch",
                         "published in \(published.year) but filed under roadmaps/\(year)/", at: publishedNode,
                         hint: "move the file to roadmaps/\(published.year)/ or correct the date")
        }
        let updatedNode = fields.node("updated")
        let updated = fields.date("updated")
        if let updated, let published, let updatedNode, updated < published {
            report.error("updated-before-published", "updated on \(updated), before its publication on \(published)", at: updatedNode)
        }
        var from = YearMonth(year: year, month: 1)
        var to = YearMonth(year: year, month: 12)
        var horizonKnown = false
        if let horizon = fields.mapping("horizon", what: "a horizon {from, to}", required: true) {
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
                    report.error("invalid-horizon", "the horizon ends (\(to)) before it starts (\(from))", at: toNode)
                    horizonKnown = false
                } else if months > 24 {
                    report.error("invalid-horizon", "the horizon spans \(months) months, more than 24", at: toNode,
                                 hint: "a roadmap covers 12 to 18 months")
                } else if months < 12 || months > 18 {
                    report.warning("horizon-length", "the horizon spans \(months) months; the programme asks for 12 to 18",
                                   at: toNode)
                }
            }
        }
        let contact = fields.mapping("contact", what: "a contact {name, role, email}").map { person($0) }
        var needs: [Need] = []
        var firstLine: [String: Int] = [:]
        let needsNode = fields.required("needs")
        if let needsNode, let items = needsNode.sequence, items.isEmpty {
            report.error("missing-field", "a roadmap lists at least one need", at: needsNode)
        }
        for need in fields.list("needs", what: "a need") {
            let idNode = need.node("id")
            let loaded = loadNeed(need, horizon: horizonKnown ? (from, to) : nil)
            if let idNode, !loaded.id.isEmpty {
                if let line = firstLine[loaded.id] {
                    report.error("duplicate-id", "the need id « \(loaded.id) » is already used on line \(line)", at: idNode,
                                 hint: "need ids are unique within a roadmap")
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
        if let node = fields.required("theme"), let text = fields.scalar(node, expected: "a theme slug") {
            theme = text
            fields.record("theme", node)
        }
        var codes: [String] = []
        for (text, node) in fields.stringList("cpv") {
            if Formats.cpv(text) != nil {
                codes.append(text)
            } else {
                report.error("invalid-cpv", "« \(text) » is not a CPV code", at: node,
                             hint: "a CPV code is 8 digits, optionally followed by « - » and the check digit: « 72000000-5 »")
            }
        }
        let summary = fields.markdown("summary", required: true) ?? MarkdownText("", at: report.location(fields.node))
        var budget: Budget?
        if let node = fields.node("budget") {
            if let text = node.string {
                if text == "a-definir" {
                    budget = .toBeDefined
                } else {
                    report.error("invalid-budget", "expected {min, max} in euros or « a-definir », found « \(text) »", at: node)
                }
            } else if let range = Fields.of(node, report, what: "a budget {min, max} or « a-definir »", path: fields.path + "budget.") {
                let minNode = range.node("min")
                let min = range.int("min", required: true, minimum: 0)
                let max = range.int("max", required: true, minimum: 0)
                range.finish()
                if let min, let max {
                    if min > max {
                        report.error("invalid-budget", "the budget's minimum (\(min)) is above its maximum (\(max))", at: minNode)
                    } else {
                        budget = .range(min: min, max: max)
                    }
                }
            }
        }
        var launch = Launch.month(horizon?.from ?? YearMonth(year: 1970, month: 1))
        if let node = fields.required("launch"), let text = fields.scalar(node, expected: "a quarter or a month") {
            if let parsed = Formats.launch(text) {
                launch = parsed
                if let horizon, parsed.firstMonth < horizon.from || parsed.lastMonth > horizon.to {
                    report.warning("launch-outside-horizon",
                                   "the launch « \(text) » falls outside the roadmap's horizon (\(horizon.from) to \(horizon.to))",
                                   at: node)
                }
            } else {
                report.error("invalid-launch", "expected a quarter YYYY-T1…T4 or a month YYYY-MM, found « \(text) »", at: node)
            }
        }
        let procedure = fields.enumValue("procedure", Procedure.self)
        let statusNode = fields.node("status")
        let status = fields.enumValue("status", NeedStatus.self) ?? .envisage
        let tenderURL = fields.url("tender_url")
        if status == .publie, tenderURL == nil, !fields.has("tender_url") {
            report.warning("missing-tender-url", "the need is published but has no « tender_url »", at: statusNode ?? fields.node,
                           hint: "link the call for tenders so that suppliers can answer it")
        }
        var need = Need(id: id, title: title, theme: theme, cpv: codes, summary: summary, budget: budget, launch: launch,
                        procedure: procedure, status: status, tenderURL: tenderURL, location: report.location(fields.node))
        need.digest = fields.node.contentDigest
        return need
    }
}
