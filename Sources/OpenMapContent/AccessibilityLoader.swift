import Diagnostics
import OpenMapYAML

// content/accessibilite.yaml (the audit grid, by hand) and content/accessibilite-tests.yaml (the
// automated checks' results, written by `make test`).

extension LoadSession {
    /// The audit grid, when the content has one.
    func loadAccessibilityAudit() -> AccessibilityAudit? {
        let path = AccessibilityAudit.file
        guard kind(path) == .file, let source = read(path) else { return nil }
        defer { collect(source.report) }
        let report = source.report
        let fields = yamlRoot(source, what: Phrase.auditGrid)
        var audit = AccessibilityAudit(location: SourceLocation(file: display(path), line: 1, column: 1))
        if let info = fields.mapping("audit", what: Phrase.audit, required: true) {
            audit.date = info.date("date", required: true)
            audit.auditor = info.string("by", required: true) ?? ""
            for page in info.list("pages", what: Phrase.auditedPage) {
                let title = page.string("title", required: true) ?? ""
                var target = ""
                if let node = page.required("path"), let text = page.scalar(node, expected: Phrase.path, field: "path") {
                    target = text
                    page.record("path", node)
                    if !text.hasPrefix("/") { report.error(.invalidSitePath(text), at: node) }
                }
                page.finish()
                audit.pages.append(AuditedPage(title: title, path: target))
            }
            audit.environment = info.stringList("environment").map(\.0)
            audit.tools = info.stringList("tools").map(\.0)
            info.finish()
        }
        audit.plan = fields.url("plan")
        audit.actions = fields.url("actions")
        for item in fields.list("derogations", what: Phrase.derogation) {
            audit.derogations.append(Derogation(content: item.string("content", required: true) ?? "",
                                                reason: item.string("reason", required: true) ?? ""))
            item.finish()
        }
        audit.exemptions = fields.stringList("exemptions").map(\.0)
        if let node = fields.required("criteria") {
            if let pairs = node.mapping {
                for pair in pairs {
                    // A key the parser took for a number (4.10) is kept as written.
                    guard let number = pair.key.string else { continue }
                    guard RGAA.isCriterion(number) else {
                        report.error(.unknownCriterion(number), at: pair.key)
                        continue
                    }
                    guard let result = criterionResult(pair.value, number: number, report: report) else { continue }
                    if result.status == .nonConforme, result.note?.allSatisfy(\.isWhitespace) ?? true {
                        report.warning(.criterionWithoutNote(number), at: pair.key)
                    }
                    audit.criteria[number] = CriterionResult(status: result.status, date: result.date ?? audit.date, note: result.note)
                }
                let missing = RGAA.criteria.filter { audit.criteria[$0] == nil }
                if !missing.isEmpty, report.diagnostics.allSatisfy({ $0.severity != .error }) {
                    report.warning(.criteriaNotTested(missing.count, first: Array(missing.prefix(6))), at: node)
                }
            } else {
                Fields.reportNotMapping(node, report, what: Phrase.criterionResult, field: "criteria")
            }
        }
        fields.finish()
        return audit
    }

    /// `conforme`, or `{status: non-conforme, date: 2026-05-12, note: "…"}`.
    private func criterionResult(_ value: YAMLNode, number: String, report: FileReport) -> CriterionResult? {
        if value.scalar != nil {
            return Fields.enumValue(value, CriterionStatus.self, field: number, report).map { CriterionResult(status: $0) }
        }
        guard let fields = Fields.of(value, report, what: Phrase.criterionResult, field: number, path: "criteria.\(number).") else {
            return nil
        }
        defer { fields.finish() }
        guard let status = fields.enumValue("status", CriterionStatus.self, required: true) else { return nil }
        return CriterionResult(status: status, date: fields.date("date"), note: fields.string("note"))
    }

    /// The automated checks' results, when `make test` wrote them.
    func loadAutomatedChecks() -> AutomatedChecks? {
        let path = AutomatedChecks.file
        guard kind(path) == .file, let source = read(path) else { return nil }
        defer { collect(source.report) }
        let fields = yamlRoot(source, what: Phrase.automatedChecks)
        var results = AutomatedChecks(date: fields.date("date", required: true), tools: fields.stringList("tools").map(\.0))
        for item in fields.list("checks", what: Phrase.automatedCheck, required: true) {
            var criteria: [String] = []
            for (number, node) in item.stringList("criteria", required: true) {
                if RGAA.isCriterion(number) { criteria.append(number) } else { source.report.error(.unknownCriterion(number), at: node) }
            }
            results.checks.append(AutomatedCheck(
                id: item.string("id", required: true) ?? "", label: item.string("label", required: true) ?? "",
                criteria: criteria, pages: item.int("pages", required: true, minimum: 0) ?? 0,
                failures: item.int("failures", required: true, minimum: 0) ?? 0))
            item.finish()
        }
        fields.finish()
        return results
    }
}
