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
            fileError("missing-file", "site.yaml is missing: the site's settings are required", path)
            return site
        }
        guard let source = read(path) else { return site }
        defer { collect(source.report) }
        let fields = yamlRoot(source, what: "the site settings")
        site.title = fields.string("title", required: true) ?? ""
        if let url = fields.url("base_url", required: true, httpsOnly: true) {
            site.baseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let language = fields.required("language"), let text = language.string, text != "fr" {
            source.report.error("invalid-enum", "« \(text) » is not a supported language", at: language,
                                 hint: "the site is in French: « fr »")
        }
        site.description = fields.string("description", required: true) ?? ""
        func postal(_ key: String) -> PostalContact {
            guard let sub = fields.mapping(key, what: "a name, address and phone", required: true) else {
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
        if let contact = fields.mapping("contact", what: "a contact", required: true) {
            site.contact = person(contact, phone: true)
        }
        for item in fields.list("navigation", what: "a navigation item {title, path}") {
            let title = item.string("title", required: true) ?? ""
            var target = ""
            if let node = item.required("path"), let text = item.scalar(node, expected: "a path") {
                target = text
                if !(text.hasPrefix("/") || Formats.isWebURL(text)) {
                    source.report.error("invalid-url", "expected a site path starting with « / » or an http(s) URL, found « \(text) »", at: node)
                }
            }
            item.finish()
            site.navigation.append(NavigationItem(title: title, path: target))
        }
        if let accessibility = fields.mapping("accessibility", what: "the accessibility statement", required: true) {
            site.accessibilityStatus = accessibility.enumValue("status", AccessibilityStatus.self, required: true) ?? .nonConforme
            site.accessibilityAuditDate = accessibility.date("audit_date")
            accessibility.finish()
        }
        site.unsafeHTML = fields.bool("unsafe_html") ?? false
        fields.finish()
        return site
    }

    func person(_ fields: Fields, phone: Bool = false) -> Person {
        defer { fields.finish() }
        var person = Person(name: fields.string("name", required: true) ?? "", role: fields.string("role"))
        if let node = fields.node("email"), let email = fields.scalar(node, expected: "an email address") {
            if email.contains(where: \.isWhitespace) || email.split(separator: "@").count != 2 || email.hasPrefix("@") {
                fields.report.error("invalid-email", "« \(email) » is not an email address", at: node)
            }
            person.email = email
        }
        if phone { person.phone = fields.string("phone") }
        return person
    }

    /// A YAML file whose root is a list of mappings.
    func listFile(_ path: String, what: String) -> (SourceText, [Fields])? {
        guard kind(path) == .file else {
            incompleteFiles.insert(display(path))
            fileError("missing-file", "\(path) is missing", path)
            return nil
        }
        guard let source = read(path) else { return nil }
        guard let root = parseYAML(source.text, lineOffset: 0, source.report) else { return (source, []) }
        guard let items = root.sequence else {
            source.report.error("invalid-type", "expected a list of \(what), found \(root.kindDescription)", at: root)
            return (source, [])
        }
        return (source, items.compactMap { Fields.of($0, source.report, what: what) })
    }

    func loadThemes() -> [Theme] {
        guard let (source, items) = listFile("themes.yaml", what: "themes {slug, label, description}") else { return [] }
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
                    source.report.error("duplicate-theme", "the theme « \(slug) » is already listed on line \(line)", at: slugNode)
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
        guard let (source, items) = listFile("cpv.yaml", what: "CPV codes {code, label}") else { return [] }
        var entries: [CPVEntry] = []
        var firstLine: [String: Int] = [:]
        for item in items {
            let label = item.string("label", required: true) ?? ""
            if let node = item.required("code"), let text = item.scalar(node, expected: "a CPV code") {
                if let code = Formats.cpv(text) {
                    if let line = firstLine[code.digits] {
                        source.report.error("duplicate-cpv", "the CPV code « \(code.digits) » is already listed on line \(line)", at: node)
                    } else {
                        firstLine[code.digits] = node.line
                        entries.append(CPVEntry(digits: code.digits, checkDigit: code.checkDigit, label: label))
                    }
                } else {
                    source.report.error("invalid-cpv", "« \(text) » is not a CPV code", at: node,
                                        hint: "a CPV code is 8 digits, optionally followed by « - » and the check digit: « 72000000-5 »")
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
        let fields = yamlRoot(source, what: "a buyer")
        defer { fields.finish() }
        var buyer = Buyer(slug: slug, name: fields.string("name", required: true) ?? slug,
                          kind: fields.enumValue("kind", BuyerKind.self, required: true) ?? .autre,
                          department: "", location: SourceLocation(file: report.file, line: 1, column: 1))
        if let node = fields.required("department"), let text = fields.scalar(node, expected: "a department number") {
            buyer.department = text
            if !Formats.departments.contains(text) {
                report.error("invalid-department", "« \(text) » is not a department of Île-de-France", at: node,
                             hint: "expected one of \(Formats.departments.joined(separator: ", "))")
            }
        }
        if let node = fields.node("siret"), let text = fields.scalar(node, expected: "a SIRET number") {
            let digits = text.filter { $0 != " " && $0 != "\u{A0}" }
            if Formats.isValidSIRET(digits) {
                buyer.siret = digits
            } else {
                let reason = Formats.isDigits(digits, count: 14) ? "its check digit is wrong (Luhn)" : "a SIRET is 14 digits"
                report.error("invalid-siret", "« \(text) » is not a valid SIRET number: \(reason)", at: node)
            }
        }
        buyer.website = fields.url("website")
        if let node = fields.node("logo"), let text = fields.scalar(node, expected: "a path under assets/") {
            buyer.logo = text
            fields.record("logo", node)
        }
        buyer.description = fields.markdown("description")
        return buyer
    }

    func loadSupplier(slug: String, source: SourceText) -> Supplier {
        let report = source.report
        let fields = yamlRoot(source, what: "a supplier")
        defer { fields.finish() }
        var supplier = Supplier(slug: slug, name: fields.string("name", required: true) ?? slug,
                                location: SourceLocation(file: report.file, line: 1, column: 1))
        if let node = fields.node("siren"), let text = fields.scalar(node, expected: "a SIREN number") {
            let digits = text.filter { $0 != " " && $0 != "\u{A0}" }
            if Formats.isValidSIREN(digits) {
                supplier.siren = digits
            } else {
                let reason = Formats.isDigits(digits, count: 9) ? "its check digit is wrong (Luhn)" : "a SIREN is 9 digits"
                report.error("invalid-siren", "« \(text) » is not a valid SIREN number: \(reason)", at: node)
            }
        }
        supplier.size = fields.enumValue("size", SupplierSize.self)
        supplier.website = fields.url("website")
        supplier.city = fields.string("city")
        supplier.themes = fields.stringList("themes").map(\.0)
        supplier.description = fields.markdown("description")
        return supplier
    }

    // MARK: Pitches, testimonials, pages

    func loadVideo(_ fields: Fields) -> Video {
        defer { fields.finish() }
        var video = Video(provider: fields.enumValue("provider", VideoProvider.self, required: true) ?? .file)
        if let node = fields.node("id") {
            video.id = fields.scalar(node, expected: "a video identifier")
        }
        video.url = fields.url("url")
        if video.id == nil, video.url == nil, !fields.has("url") {
            fields.report.error("missing-field", "a video needs an « id » or a « url »", at: fields.node)
        }
        if let node = fields.node("duration"), let text = fields.scalar(node, expected: "a duration MM:SS") {
            video.durationSeconds = Formats.duration(text)
            if video.durationSeconds == nil {
                fields.report.error("invalid-duration", "expected a duration MM:SS, found « \(text) »", at: node)
            }
        }
        for key in ["captions", "poster"] {
            guard let node = fields.node(key), let text = fields.scalar(node, expected: "a path under assets/") else { continue }
            fields.record(key, node)
            if key == "captions" { video.captions = text } else { video.poster = text }
        }
        return video
    }

    func loadPitch(slug: String, source: SourceText) -> Pitch {
        let file = markdownFile(source, what: "a pitch")
        let fields = file.fields
        defer { fields.finish() }
        let (body, transcript) = Self.splitTranscript(file.body)
        let video = fields.mapping("video", what: "a video", required: true).map(loadVideo) ?? Video(provider: .file)
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
        let file = markdownFile(source, what: "a testimonial")
        let fields = file.fields
        defer { fields.finish() }
        return Testimonial(slug: slug, person: fields.string("person", required: true) ?? "",
                           role: fields.string("role", required: true) ?? "",
                           organisation: fields.string("organisation", required: true) ?? "",
                           buyer: fields.slug("buyer"), matinale: fields.slug("matinale"),
                           date: fields.date("date"),
                           video: fields.mapping("video", what: "a video").map(loadVideo),
                           body: file.body, location: SourceLocation(file: source.report.file, line: 1, column: 1),
                           draft: fields.bool("draft") ?? false)
    }

    func loadPage(slug: String, source: SourceText) -> Page {
        let file = markdownFile(source, what: "a page")
        let fields = file.fields
        defer { fields.finish() }
        return Page(slug: slug, title: fields.string("title", required: true) ?? slug,
                    description: fields.string("description"), order: fields.int("order"),
                    draft: fields.bool("draft") ?? false, body: file.body,
                    location: SourceLocation(file: source.report.file, line: 1, column: 1))
    }
}

import Foundation
