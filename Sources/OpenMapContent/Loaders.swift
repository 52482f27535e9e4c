import Diagnostics
import OpenMapYAML

// Per-type readers: each reads one file's fields, checks the rules that need nothing but the
// file itself, and returns a best-effort entity (fallback values where a field is broken).

extension LoadSession {
    // MARK: site.yaml, themes.yaml, cpv.yaml

    func loadSite() -> SiteSettings {
        let path = "site.yaml"
        let location = SourceLocation(file: display(path), line: 1, column: 1)
        var site = SiteSettings(
            title: "", baseURL: "https://example.invalid", language: "fr", description: "",
            organisation: PostalContact(name: "", address: "", phone: ""), publicationDirector: "",
            host: PostalContact(name: "", address: "", phone: ""), contact: Person(name: ""), navigation: [],
            accessibilityStatus: .nonConforme, accessibilityAuditDate: nil, unsafeHTML: false, location: location)
        guard kind(path) == .file else {
            fileError(.missingSiteFile(), path)
            return site
        }
        guard let source = read(path) else { return site }
        defer { collect(source.report) }
        let fields = yamlRoot(source, what: Phrase.siteSettings)
        site.title = fields.string("title", required: true) ?? ""
        if let url = fields.url("base_url", required: true, httpsOnly: true) {
            site.baseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let language = fields.required("language"), let text = language.string, text != "fr" {
            source.report.error(.unsupportedLanguage(text), at: language)
        }
        site.description = fields.string("description", required: true) ?? ""
        func postal(_ key: String) -> PostalContact {
            guard let sub = fields.mapping(key, what: Phrase.postalContact, required: true) else {
                return PostalContact(name: "", address: "", phone: "")
            }
            defer { sub.finish() }
            return PostalContact(name: sub.string("name", required: true) ?? "",
                                 address: sub.string("address", required: true) ?? "",
                                 phone: sub.string("phone", required: true) ?? "")
        }
        site.organisation = postal("organisation")
        site.publicationDirector = fields.string("publication_director", required: true) ?? ""
        site.host = postal("host")
        if let contact = fields.mapping("contact", what: Phrase.contact, required: true) {
            site.contact = person(contact, phone: true)
        }
        for item in fields.list("navigation", what: Phrase.navigationItem) {
            let title = item.string("title", required: true) ?? ""
            var target = ""
            if let node = item.required("path"), let text = item.scalar(node, expected: Phrase.path, field: "path") {
                target = text
                if !(text.hasPrefix("/") || Formats.isWebURL(text)) {
                    source.report.error(.invalidSitePath(text), at: node)
                }
            }
            item.finish()
            site.navigation.append(NavigationItem(title: title, path: target))
        }
        // With an audit grid, the status is computed from it: site.yaml's is not read.
        let hasGrid = kind(AccessibilityAudit.file) == .file
        if let accessibility = fields.mapping("accessibility", what: Phrase.accessibility, required: !hasGrid) {
            if hasGrid {
                source.report.warning(.accessibilityStatusIgnored(display(AccessibilityAudit.file)), at: fields.node("accessibility"))
                _ = (accessibility.node("status"), accessibility.node("audit_date"))
            } else {
                site.accessibilityStatus = accessibility.enumValue("status", AccessibilityStatus.self, required: true) ?? .nonConforme
                site.accessibilityAuditDate = accessibility.date("audit_date")
            }
            accessibility.finish()
        }
        site.unsafeHTML = fields.bool("unsafe_html") ?? false
        fields.finish()
        return site
    }

    func person(_ fields: Fields, phone: Bool = false) -> Person {
        defer { fields.finish() }
        var person = Person(name: fields.string("name", required: true) ?? "", role: fields.string("role"))
        if let node = fields.node("email"), let email = fields.scalar(node, expected: Phrase.emailAddress, field: "email") {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if email.contains(where: \.isWhitespace) || parts.count != 2 || parts.contains(where: \.isEmpty) {
                fields.report.error(.invalidEmail(email), at: node)
            }
            person.email = email
        }
        if phone { person.phone = fields.string("phone") }
        return person
    }

    /// A YAML file whose root is a list of mappings.
    func listFile(_ path: String, what: LocalizedText) -> (SourceText, [Fields])? {
        guard kind(path) == .file else {
            incompleteFiles.insert(display(path))
            fileError(.missingListFile(path), path)
            return nil
        }
        guard let source = read(path) else { return nil }
        guard let root = parseYAML(source.text, lineOffset: 0, source.report) else { return (source, []) }
        guard let items = root.sequence else {
            source.report.error(.expectedList(field: nil, of: what, found: found(root), foundMapping: root.mapping != nil), at: root)
            return (source, [])
        }
        return (source, items.compactMap { Fields.of($0, source.report, what: what) })
    }

    func loadThemes() -> [Theme] {
        guard let (source, items) = listFile("themes.yaml", what: Phrase.themes) else { return [] }
        var themes: [Theme] = []
        var firstLine: [String: Int] = [:]
        for item in items {
            let slugNode = item.node("slug")
            let slug = item.slug("slug", required: true) ?? ""
            let theme = Theme(slug: slug, label: item.string("label", required: true) ?? slug,
                              description: item.string("description") ?? "")
            item.finish()
            if let slugNode, !slug.isEmpty {
                if let line = firstLine[slug] {
                    source.report.error(.duplicateTheme(slug, firstLine: line), at: slugNode)
                    continue
                }
                firstLine[slug] = slugNode.line
            }
            themes.append(theme)
        }
        collect(source.report)
        return themes
    }

    func loadCPV() -> [CPVEntry] {
        guard let (source, items) = listFile("cpv.yaml", what: Phrase.cpvCodes) else { return [] }
        var entries: [CPVEntry] = []
        var firstLine: [String: Int] = [:]
        for item in items {
            let label = item.string("label", required: true) ?? ""
            if let node = item.required("code"), let text = item.scalar(node, expected: Phrase.cpvCode, field: "code") {
                if let code = Formats.cpv(text) {
                    if let line = firstLine[code.digits] {
                        source.report.error(.duplicateCPV(code.digits, firstLine: line), at: node)
                    } else {
                        firstLine[code.digits] = node.line
                        entries.append(CPVEntry(digits: code.digits, checkDigit: code.checkDigit, label: label))
                    }
                } else {
                    source.report.error(.invalidCPV(text), at: node)
                }
            }
            item.finish()
        }
        collect(source.report)
        return entries.sorted { $0.digits < $1.digits }
    }

    // MARK: Buyers and suppliers

    func loadBuyer(slug: String, source: SourceText) -> Buyer {
        let report = source.report
        let fields = yamlRoot(source, what: Phrase.buyer)
        defer { fields.finish() }
        var buyer = Buyer(slug: slug, name: fields.string("name", required: true) ?? slug,
                          kind: fields.enumValue("kind", BuyerKind.self, required: true) ?? .autre,
                          department: "", location: SourceLocation(file: report.file, line: 1, column: 1))
        if let node = fields.required("department"),
           let text = fields.scalar(node, expected: Phrase.departmentNumber, field: "department") {
            buyer.department = text
            if !Formats.departments.contains(text) {
                let corrected = Formats.departmentCorrection(text)
                let isCode = text.allSatisfy(\.isNumber) || ["2A", "2B"].contains(text.uppercased())
                report.error(.invalidDepartment(text, suggestion: corrected, outsideRegion: corrected == nil && isCode), at: node)
            }
        }
        if let node = fields.node("siret"), let text = fields.scalar(node, expected: Phrase.siretNumber, field: "siret") {
            let digits = text.filter { $0 != " " && $0 != "\u{A0}" }
            if Formats.isValidSIRET(digits) {
                buyer.siret = digits
            } else {
                report.error(.invalidSIRET(text, checkDigitWrong: Formats.isDigits(digits, count: 14)), at: node)
            }
        }
        buyer.website = fields.url("website")
        if let node = fields.node("logo"), let text = fields.scalar(node, expected: Phrase.assetPath, field: "logo") {
            buyer.logo = text
            fields.record("logo", node)
        }
        buyer.description = fields.markdown("description")
        return buyer
    }

    func loadSupplier(slug: String, source: SourceText) -> Supplier {
        let report = source.report
        let fields = yamlRoot(source, what: Phrase.supplier)
        defer { fields.finish() }
        var supplier = Supplier(slug: slug, name: fields.string("name", required: true) ?? slug,
                                location: SourceLocation(file: report.file, line: 1, column: 1))
        if let node = fields.node("siren"), let text = fields.scalar(node, expected: Phrase.sirenNumber, field: "siren") {
            let digits = text.filter { $0 != " " && $0 != "\u{A0}" }
            if Formats.isValidSIREN(digits) {
                supplier.siren = digits
            } else {
                report.error(.invalidSIREN(text, checkDigitWrong: Formats.isDigits(digits, count: 9)), at: node)
            }
        }
        supplier.size = fields.enumValue("size", SupplierSize.self)
        supplier.website = fields.url("website")
        supplier.city = fields.string("city")
        supplier.postcode = postcode(fields, required: false)
        let postcodeDepartment = supplier.postcode.flatMap(Formats.department(ofPostcode:))
        if let node = fields.node("department"),
           let text = fields.scalar(node, expected: Phrase.departmentNumber, field: "department") {
            if let code = Formats.frenchDepartment(text) {
                supplier.department = code
                if let postcode = supplier.postcode, let postcodeDepartment, postcodeDepartment != code {
                    report.warning(.postcodeDepartmentMismatch(postcode: postcode, department: code, postcodeDepartment: postcodeDepartment),
                                   at: node)
                }
            } else {
                report.error(.invalidFrenchDepartment(text, suggestion: Formats.frenchDepartmentCorrection(text)), at: node)
            }
        } else {
            supplier.department = postcodeDepartment
        }
        supplier.themes = fields.stringList("themes").map(\.0)
        for (text, node) in fields.stringList("cpv") {
            if Formats.cpv(text) != nil || Formats.isCPVDivision(text) {
                supplier.cpv.append(text)
            } else {
                report.error(.invalidCPV(text, divisionAllowed: true), at: node)
            }
        }
        supplier.contact = fields.mapping("contact", what: Phrase.supplierContact).map { person($0, phone: true) }
        for item in fields.list("references", what: Phrase.supplierReference) {
            defer { item.finish() }
            var reference = SupplierReference(title: item.string("title", required: true) ?? "", buyer: item.slug("buyer"))
            if let node = item.node("year") {
                if let text = node.string, Formats.isDigits(text, count: 4), let year = Int(text) {
                    reference.year = year
                } else {
                    report.error(.invalidYear(node.string ?? ""), at: node)
                }
            }
            supplier.references.append(reference)
        }
        supplier.description = fields.markdown("description")
        return supplier
    }

    /// A French postcode: 5 digits (« 75 007 » gets a hint without the space).
    func postcode(_ fields: Fields, required: Bool) -> String? {
        let node = required ? fields.required("postcode") : fields.node("postcode")
        guard let node, let text = fields.scalar(node, expected: Phrase.postcode, field: "postcode") else { return nil }
        if !Formats.isDigits(text, count: 5) {
            let digits = text.filter { ("0"..."9").contains($0) }
            fields.report.error(.invalidPostcode(text, corrected: digits.count == 5 ? "postcode: \"\(digits)\"" : nil), at: node)
            return nil
        }
        return text
    }

    // MARK: Pitches, testimonials, pages

    func loadVideo(_ fields: Fields) -> Video {
        defer { fields.finish() }
        var video = Video(provider: fields.enumValue("provider", VideoProvider.self, required: true) ?? .file)
        if let node = fields.node("id") {
            video.id = fields.scalar(node, expected: Phrase.videoIdentifier, field: "id")
        }
        video.url = fields.url("url")
        if video.url != nil, let node = fields.node("url") { fields.record("url", node) }
        if video.id == nil, video.url == nil, !fields.has("url") {
            fields.report.error(.videoNeedsIdOrURL(), at: fields.node)
        }
        if let node = fields.node("duration"), let text = fields.scalar(node, expected: Phrase.duration, field: "duration") {
            video.durationSeconds = Formats.duration(text)
            if video.durationSeconds == nil {
                let corrected = Formats.durationCorrection(text).map { "duration: \($0)" }
                fields.report.error(.invalidDuration(text, corrected: corrected), at: node)
            }
        }
        for key in ["captions", "poster"] {
            guard let node = fields.node(key), let text = fields.scalar(node, expected: Phrase.assetPath, field: key) else { continue }
            fields.record(key, node)
            if key == "captions" { video.captions = text } else { video.poster = text }
        }
        return video
    }

    func loadPitch(slug: String, source: SourceText) -> Pitch {
        let file = markdownFile(source, what: Phrase.pitch)
        let fields = file.fields
        defer { fields.finish() }
        let (body, transcript) = Self.splitTranscript(file.body)
        let video = fields.mapping("video", what: Phrase.video, required: true).map(loadVideo) ?? Video(provider: .file)
        if let key = fields.keyNode("video") { fields.record("video", key) }
        return Pitch(slug: slug, title: fields.string("title", required: true) ?? slug,
                     supplier: fields.slug("supplier", required: true) ?? "",
                     matinale: fields.slug("matinale"),
                     themes: fields.stringList("themes").map(\.0),
                     video: video, body: body, transcript: transcript,
                     location: SourceLocation(file: source.report.file, line: 1, column: 1),
                     draft: fields.bool("draft") ?? false)
    }

    /// Splits a body at a `## Transcription` heading (outside code fences).
    static func splitTranscript(_ body: MarkdownText) -> (MarkdownText, MarkdownText?) {
        let lines = body.source.split(separator: "\n", omittingEmptySubsequences: false)
        var inFence = false
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, trimmed.hasPrefix("## ") else { continue }
            let title = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "#")).trimmingCharacters(in: .whitespaces)
            guard title.lowercased() == "transcription" else { continue }
            let before = lines[..<index].joined(separator: "\n")
            let after = lines[(index + 1)...].joined(separator: "\n")
            var location = body.location
            location.line += index + 1
            location.column = 1
            return (MarkdownText(before, at: body.location), MarkdownText(after, at: location))
        }
        return (body, nil)
    }

    func loadTestimonial(slug: String, source: SourceText) -> Testimonial {
        let file = markdownFile(source, what: Phrase.testimonial)
        let fields = file.fields
        defer { fields.finish() }
        let video = fields.mapping("video", what: Phrase.video).map(loadVideo)
        if let key = fields.keyNode("video") { fields.record("video", key) }
        // The transcript of a video only: without one, a « Transcription » heading is the quote's.
        let (body, transcript) = video == nil ? (file.body, nil) : Self.splitTranscript(file.body)
        return Testimonial(slug: slug, person: fields.string("person", required: true) ?? "",
                           role: fields.string("role", required: true) ?? "",
                           organisation: fields.string("organisation", required: true) ?? "",
                           buyer: fields.slug("buyer"), matinale: fields.slug("matinale"),
                           date: fields.date("date"), video: video, body: body, transcript: transcript,
                           location: SourceLocation(file: source.report.file, line: 1, column: 1),
                           draft: fields.bool("draft") ?? false)
    }

    func loadPage(slug: String, source: SourceText) -> Page {
        let file = markdownFile(source, what: Phrase.page)
        let fields = file.fields
        defer { fields.finish() }
        return Page(slug: slug, title: fields.string("title", required: true) ?? slug,
                    description: fields.string("description"), order: fields.int("order"),
                    draft: fields.bool("draft") ?? false, body: file.body,
                    location: SourceLocation(file: source.report.file, line: 1, column: 1))
    }
}

import Foundation
