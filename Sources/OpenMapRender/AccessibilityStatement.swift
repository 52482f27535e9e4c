import Diagnostics
import OpenMapContent
import OpenMapText

/// What the accessibility statement says, made from facts: the audit grid, the automated checks'
/// results, and the content the rules found non-compliant (videos without transcript or captions,
/// images without text alternative). The status every page shows follows it.
struct AccessibilitySummary {
    /// From the audit grid; nil without one (the status is then site.yaml's).
    var compliance: Compliance?
    /// Non-compliant content and criteria, in the reference's order.
    var nonConformities: [NonConformity]

    struct NonConformity {
        var criterion: String
        /// French, with French typography to come (`typo`).
        var text: String
        /// Site path of the page it is about, when it has one.
        var path: String?
    }
}

extension SiteBuilder {
    /// The status the site shows: computed from the audit grid when there is one, else site.yaml's.
    var accessibilityStatus: AccessibilityStatus {
        accessibility?.compliance?.status ?? content.site.accessibilityStatus
    }

    /// « Accessibilité : partiellement conforme », on every page and on the home page.
    var accessibilityLine: String {
        typo("Accessibilité : \(Labels.accessibility(accessibilityStatus))")
    }

    static let statementPath = "accessibilite/"

    /// Whether the site publishes the statement openmap makes: from the audit grid, or, without
    /// a grid or a free page « accessibilite » of the editors' own, from site.yaml's status, so
    /// that every page's status line links to a statement (a public body's legal duty).
    var publishesStatement: Bool {
        content.audit != nil || !pages.contains { "\($0.slug)/" == Self.statementPath }
    }

    /// The facts, once every Markdown text of the site was rendered; nil when the site publishes
    /// no statement of openmap's.
    func accessibilitySummary(pageTitles: [String: String]) -> AccessibilitySummary? {
        guard publishesStatement else { return nil }
        let audit = content.audit
        var items: [AccessibilitySummary.NonConformity] = []
        for finding in AccessibilityRules.videoFindings(in: content) {
            let subject: String
            let path: String
            switch finding.owner {
            case .pitch(let slug, let title):
                subject = "La vidéo du pitch « \(title) »"
                path = Self.pitchPath(slug)
            case .testimonial(let slug, let person):
                subject = "La vidéo du témoignage de \(person)"
                path = Self.testimonialsPath + "#" + slug
            }
            let lack = finding.problem == .noTranscript ? "n’a pas de transcription" : "n’a pas de sous-titres"
            items.append(.init(criterion: finding.criterion, text: "\(subject) \(lack).", path: path))
        }
        // One line per image, on the first page it is on.
        var seen = Set<SourceLocation>()
        for (page, image) in imagesWithoutText where seen.insert(image.location).inserted {
            let title = pageTitles[page].map { " (page « \($0) »)" } ?? ""
            items.append(.init(criterion: RGAA.imageTextCriterion,
                               text: "L’image « \(image.destination) »\(title) n’a pas de texte de remplacement.", path: page))
        }
        let failedByContent = Set(items.map(\.criterion))
        for check in content.automatedChecks?.checks ?? [] where check.failures > 0 {
            guard let first = check.criteria.first else { continue }
            items.append(.init(criterion: first,
                               text: "Test automatique « \(check.label) » : \(Labels.plural(check.failures, "échec", "échecs")) (critères \(check.criteria.joined(separator: ", "))).",
                               path: nil))
        }
        for criterion in RGAA.criteria {
            guard let result = audit?.criteria[criterion], result.status == .nonConforme else { continue }
            let note = nonEmpty(result.note) ?? "non conforme lors de l’audit."
            items.append(.init(criterion: criterion, text: note, path: nil))
        }
        let order = Dictionary(RGAA.criteria.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = items.enumerated().sorted { (order[$0.element.criterion] ?? 0, $0.offset) < (order[$1.element.criterion] ?? 0, $1.offset) }
            .map(\.element)
        return AccessibilitySummary(
            compliance: audit.map { Compliance(audit: $0, automated: content.automatedChecks, failedByContent: failedByContent) },
            nonConformities: sorted)
    }

    /// « 72,5 % », rounded down.
    static func percentage(basisPoints: Int) -> String {
        let whole = basisPoints / 100, tenth = (basisPoints % 100) / 10
        return (tenth == 0 ? "\(whole)" : "\(whole),\(tenth)") + "\u{202F}%"
    }

    /// The statement's page, made from the audit grid and the facts (`accessibility`); without a
    /// grid, from site.yaml's status and the content rules' findings, saying that no detailed audit
    /// is published. A page of the audit's sample that the site does not publish is an error, at
    /// its line of the grid.
    mutating func accessibilityStatementPage() -> BuiltPage? {
        guard let summary = accessibility else { return nil }
        let path = Self.statementPath
        let root = Self.root(for: path)
        let site = content.site
        var view: View = [:]
        view["organisation"] = typo(site.organisation.name)
        view["siteTitle"] = siteText.title
        view["siteURL"] = baseURL + "/"
        view["status"] = Labels.accessibility(accessibilityStatus)
        view["rgaaVersion"] = RGAA.version
        view["nonConformities"] = summary.nonConformities.map { item -> View in
            makeView(["criterion": item.criterion, "criterionHref": RGAA.url(of: item.criterion), "text": typo(item.text),
                      "href": item.path.map { root + $0 }])
        }
        view["automated"] = automatedChecksView()
        var dates = [content.automatedChecks?.date].compactMap { $0 }
        if let audit = content.audit, let compliance = summary.compliance {
            view["audited"] = auditView(audit, compliance, root: root)
            dates += [audit.date].compactMap { $0 }
        } else {
            view["audited"] = false
            view["declaredAuditDate"] = site.accessibilityAuditDate.map { typo(Labels.date($0)) }
            view["isoDeclaredAuditDate"] = site.accessibilityAuditDate?.description
            dates += [site.accessibilityAuditDate].compactMap { $0 }
        }
        if let established = dates.max() {
            view["established"] = typo(Labels.date(established))
            view["isoEstablished"] = established.description
        }
        view["contactEmail"] = nonEmpty(site.contact.email)
        view["contactPhone"] = nonEmpty(site.contact.phone)
        view["contactPhoneHref"] = telephoneURI(site.contact.phone)
        view["postalAddress"] = typoIfAny("\(site.organisation.name), \(site.organisation.address)")
        if pagePaths.contains("mentions-legales/") { view["legalHref"] = root + "mentions-legales/" }
        return finish(path: path, template: "accessibilite", title: "Déclaration d’accessibilité",
                      description: "État de conformité du site \(site.title) au RGAA \(RGAA.version), résultats des tests, contenus non accessibles et voies de recours.",
                      crumbs: [], view: view)
    }

    /// What the statement says of the audit: its rate, its grid by theme, who did it and how.
    private mutating func auditView(_ audit: AccessibilityAudit, _ compliance: Compliance, root: String) -> View {
        var view: View = [:]
        view["isTotal"] = compliance.status == .totale ? true : nil
        view["rate"] = Self.percentage(basisPoints: compliance.rateBasisPoints)
        view["conforming"] = Labels.plural(compliance.conforming, "critère respecté", "critères respectés")
        view["applicable"] = Labels.plural(compliance.applicable, "critère applicable", "critères applicables")
        view["notApplicable"] = Labels.plural(compliance.notApplicable, "critère", "critères")
        view["themes"] = RGAA.themes.map { theme -> View in
            let outcomes = compliance.outcomes.filter { RGAA.theme(of: $0.criterion) == theme.number }.map(\.outcome)
            return [
                "number": String(theme.number), "name": typo(theme.name),
                "conforming": String(outcomes.filter { $0 == .conforme }.count),
                "failing": String(outcomes.filter { $0 == .nonConforme || $0 == .untested }.count),
                "notApplicable": String(outcomes.filter { $0 == .nonApplicable }.count),
            ]
        }
        let untested = compliance.outcomes.filter { $0.outcome == .untested }.map(\.criterion)
        if !untested.isEmpty {
            view["untested"] = typo("Critères non évalués, comptés comme non conformes : \(untested.joined(separator: ", ")).")
        }
        view["auditDate"] = audit.date.map { typo(Labels.date($0)) }
        view["isoAuditDate"] = audit.date?.description
        view["auditor"] = typoIfAny(audit.auditor)
        view["pages"] = audit.pages.enumerated().map { index, page -> View in
            let sitePath = page.path.hasPrefix("/") ? String(page.path.dropFirst()) : page.path
            guard pagePaths.contains(sitePath) else {
                let span = content.sourceMap[audit.location.file, "audit.pages.\(index).path"]
                report(.error(.linkToUnpublishedPath(page.path), at: span?.location ?? audit.location, length: span?.length ?? 1))
                return ["title": typo(page.title), "href": false]  // false: no lookup in enclosing views
            }
            return ["title": typo(page.title), "href": root + sitePath]
        }
        view["environment"] = audit.environment.map(typo)
        view["tools"] = audit.tools.map(typo)
        view["plan"] = audit.plan
        view["actions"] = audit.actions
        view["derogations"] = audit.derogations.map { ["content": typo($0.content), "reason": typo($0.reason)] as View }
        view["exemptions"] = audit.exemptions.map(typo)
        return view
    }

    /// The automated checks' results (accessibilite-tests.yaml), when the site has them.
    private func automatedChecksView() -> View? {
        guard let automated = content.automatedChecks else { return nil }
        return makeView([
            "date": automated.date.map { typo(Labels.date($0)) },
            "isoDate": automated.date?.description,
            "tools": automated.tools.isEmpty ? nil : typo(automated.tools.joined(separator: ", ")),
            "checks": automated.checks.map { check -> View in
                makeView([
                    "label": typo(check.label),
                    "criteria": check.criteria.map { ["number": $0, "href": RGAA.url(of: $0)] as View },
                    "pages": Labels.plural(check.pages, "page vérifiée", "pages vérifiées"),
                    "passed": check.failures == 0 ? true : nil,
                    "failures": check.failures == 0 ? nil : Labels.plural(check.failures, "échec", "échecs"),
                ])
            },
        ])
    }
}
