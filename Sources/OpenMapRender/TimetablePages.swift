import OpenMapContent
import OpenMapFormats
import OpenMapText

// The published meeting timetables of a Matinale (`meetings.publish`, default true):
//   /matinales/<slug>/rendez-vous/                      totals, then one timetable per table
//   /matinales/<slug>/rendez-vous/table-<n>/            printable A4 page of one table
//   /matinales/<slug>/rendez-vous/prestataires/<slug>/  one supplier's meetings
//   /matinales/<slug>/rendez-vous/creneau-<hhmm>/       printable A4 page of one slot, for the room
//   /matinales/<slug>/rendez-vous/grille/               one A4 (landscape) page: tables × slots
//   /matinales/<slug>/rendez-vous/rendez-vous.csv       organiser export (+ demandes-non-placees.csv)
//   /matinales/<slug>/rendez-vous/convocations-prestataires.csv, convocations-tables.csv
//                                                       mail-merge files, one row per meeting
//   /matinales/<slug>/rendez-vous/table-<n>.ics, prestataires/<slug>.ics
// Timetable pages carry noindex and stay out of the sitemap: they name people, not needs.
extension SiteBuilder {
    static func timetablePath(_ matinale: String) -> String { "matinales/\(matinale)/rendez-vous/" }
    static func timetableTablePath(_ matinale: String, table: Int) -> String { timetablePath(matinale) + "table-\(table)/" }
    static func timetableSupplierPath(_ matinale: String, supplier: String) -> String {
        timetablePath(matinale) + "prestataires/\(supplier)/"
    }
    static func timetableSlotPath(_ matinale: String, start: LocalTime) -> String {
        timetablePath(matinale) + "creneau-" + start.description.replacingOccurrences(of: ":", with: "") + "/"
    }
    static func timetableGridPath(_ matinale: String) -> String { timetablePath(matinale) + "grille/" }

    /// Timetables that go on the public site: published Matinales whose settings allow it.
    var publishedTimetables: [MatinaleTimetable] {
        timetables.values.filter { $0.publish && matinalesBySlug[$0.matinale] != nil }.sorted { $0.matinale < $1.matinale }
    }

    /// Page paths of the published timetables, for link checking.
    func timetablePagePaths() -> [String] {
        publishedTimetables.flatMap { t -> [String] in
            [Self.timetablePath(t.matinale)]
                + Set(t.meetings.map(\.table)).sorted().map { Self.timetableTablePath(t.matinale, table: $0) }
                + Set(t.meetings.map(\.supplier)).sorted().map { Self.timetableSupplierPath(t.matinale, supplier: $0) }
                + t.slots.map { Self.timetableSlotPath(t.matinale, start: $0.start) } + [Self.timetableGridPath(t.matinale)]
        }
    }

    mutating func timetablePages() -> [BuiltPage] {
        var built: [BuiltPage] = []
        for timetable in publishedTimetables {
            guard let matinale = matinalesBySlug[timetable.matinale] else { continue }
            built.append(timetableOverview(timetable, matinale))
            for table in tablesWithMeetings(timetable, matinale) {
                built.append(tablePage(timetable, matinale, table))
            }
            for supplier in Set(timetable.meetings.map(\.supplier)).sorted() {
                built.append(supplierTimetablePage(timetable, matinale, supplier))
            }
            for slot in timetable.slots {
                built.append(slotPage(timetable, matinale, slot))
            }
            built.append(gridPage(timetable, matinale))
        }
        return built
    }

    /// The organiser exports and the calendars of every published timetable.
    func timetableFiles() -> [OutputFile] {
        var files: [OutputFile] = []
        for timetable in publishedTimetables {
            guard let matinale = matinalesBySlug[timetable.matinale] else { continue }
            let folder = Self.timetablePath(timetable.matinale)
            files.append(OutputFile(path: folder + "rendez-vous.csv", contents: .bytes(meetingsCSV(timetable, matinale))))
            files.append(OutputFile(path: folder + "demandes-non-placees.csv", contents: .bytes(unplacedCSV(timetable))))
            files.append(OutputFile(path: folder + "convocations-prestataires.csv",
                                    contents: .bytes(supplierConvocationsCSV(timetable, matinale))))
            files.append(OutputFile(path: folder + "convocations-tables.csv",
                                    contents: .bytes(tableConvocationsCSV(timetable, matinale))))
            for table in tablesWithMeetings(timetable, matinale) {
                let meetings = timetable.meetings.filter { $0.table == table.number }
                let calendar = calendar(timetable, matinale, meetings: meetings,
                                        name: "Table \(table.number) — \(buyerName(table.buyer))") { meeting in
                    "Rendez-vous avec \(self.supplierName(meeting.supplier))"
                }
                files.append(OutputFile(path: folder + "table-\(table.number).ics", contents: .bytes(calendar)))
            }
            for supplier in Set(timetable.meetings.map(\.supplier)).sorted() {
                let meetings = timetable.meetings.filter { $0.supplier == supplier }
                let calendar = calendar(timetable, matinale, meetings: meetings,
                                        name: "\(supplierName(supplier)) — rendez-vous") { meeting in
                    "Rendez-vous table \(meeting.table) : \(self.buyerName(meeting.buyer))"
                }
                files.append(OutputFile(path: folder + "prestataires/\(supplier).ics", contents: .bytes(calendar)))
            }
        }
        return files
    }

    // MARK: - Pages

    private func tablesWithMeetings(_ timetable: MatinaleTimetable, _ matinale: Matinale) -> [MatinaleTable] {
        let numbers = Set(timetable.meetings.map(\.table))
        return matinale.tables.filter { numbers.contains($0.number) }.sorted { $0.number < $1.number }
    }

    private func slotLabel(_ timetable: MatinaleTimetable, _ slot: Int) -> (label: String, iso: String) {
        guard timetable.slots.indices.contains(slot) else { return ("", "") }
        let s = timetable.slots[slot]
        return (timeRange(s.start, s.end), s.start.description)
    }

    private func tableView(_ timetable: MatinaleTimetable, _ matinale: Matinale, _ table: MatinaleTable, root: String) -> View {
        let meetings = timetable.meetings.filter { $0.table == table.number }.sorted { $0.slot < $1.slot }
        return makeView([
            "number": String(table.number),
            "id": "table-\(table.number)",
            "buyerName": typo(buyerName(table.buyer)),
            "buyerHref": buyers[table.buyer] != nil ? root + Self.buyerPath(table.buyer) : nil,
            "representatives": table.representatives.isEmpty ? nil : typo(table.representatives.joined(separator: ", ")),
            "count": Labels.plural(meetings.count, "rendez-vous", "rendez-vous"),
            "printHref": root + Self.timetableTablePath(matinale.slug, table: table.number),
            "icsHref": root + Self.timetablePath(matinale.slug) + "table-\(table.number).ics",
            "meetings": meetings.map { meeting -> View in
                let slot = slotLabel(timetable, meeting.slot)
                return makeView([
                    "time": slot.label, "isoTime": slot.iso,
                    "supplierName": typo(supplierName(meeting.supplier)),
                    "supplierHref": root + Self.timetableSupplierPath(matinale.slug, supplier: meeting.supplier),
                    "themes": typoIfAny(supplierThemes(meeting.supplier)),
                    "imposed": meeting.imposed,
                ])
            },
        ])
    }

    private func supplierThemes(_ slug: String) -> String? {
        guard let supplier = suppliers[slug], !supplier.themes.isEmpty else { return nil }
        return supplier.themes.map(themeLabel).joined(separator: ", ")
    }

    private func timetableHeader(_ matinale: Matinale, root: String) -> View {
        makeView([
            "matinaleName": typo(matinaleName(matinale)),
            "matinaleHref": root + Self.matinalePath(matinale.slug),
            "date": typo(Labels.weekdayDate(matinale.date)),
            "venue": typo("\(matinale.venue.name), \(matinale.venue.city)"),
        ])
    }

    private mutating func timetableOverview(_ timetable: MatinaleTimetable, _ matinale: Matinale) -> BuiltPage {
        let path = Self.timetablePath(matinale.slug)
        let root = Self.root(for: path)
        var view = timetableHeader(matinale, root: root)
        view["totals"] = [
            ["label": "Demandes de rendez-vous", "value": FrenchFormat.integer(timetable.requestCount)],
            ["label": "Demandes acceptées", "value": FrenchFormat.integer(timetable.acceptedCount)],
            ["label": "Rendez-vous planifiés", "value": FrenchFormat.integer(timetable.scheduledCount)],
            ["label": "Maximum possible", "value": FrenchFormat.integer(timetable.upperBound)],
        ] as [View]
        let imposedCount = timetable.meetings.filter(\.imposed).count
        view["optimality"] = timetable.isOptimal
            ? typo("Ce planning atteint le maximum possible : aucun autre placement ne donnerait plus de rendez-vous"
                + (imposedCount > 0 ? ", rendez-vous imposés compris." : "."))
            : typo("Ce planning place \(FrenchFormat.integer(timetable.scheduledCount)) rendez-vous sur un maximum théorique de \(FrenchFormat.integer(timetable.upperBound)).")
        view["slots"] = timetable.slots.map { slot -> View in
            ["label": timeRange(slot.start, slot.end), "iso": slot.start.description]
        }
        let reasons = Dictionary(grouping: timetable.unplaced, by: \.reason)
        view["unplaced"] = reasons.keys.sorted().map { reason -> View in
            ["label": Self.unplacedReasonLabel(reason), "count": FrenchFormat.integer(reasons[reason]?.count ?? 0)]
        }
        view["tables"] = tablesWithMeetings(timetable, matinale).map { tableView(timetable, matinale, $0, root: root) }
        view["suppliers"] = Set(timetable.meetings.map(\.supplier)).sorted { supplierName($0) < supplierName($1) }.map { slug -> View in
            ["name": typo(supplierName(slug)), "href": root + Self.timetableSupplierPath(matinale.slug, supplier: slug)]
        }
        view["room"] = makeView([
            "gridHref": root + Self.timetableGridPath(matinale.slug),
            "slots": timetable.slots.map { slot -> View in
                ["label": Labels.time(slot.start), "href": root + Self.timetableSlotPath(matinale.slug, start: slot.start)]
            },
            "supplierCsvHref": root + path + "convocations-prestataires.csv",
            "tableCsvHref": root + path + "convocations-tables.csv",
        ])
        if imposedCount > 0 {
            view["imposedNote"] = typo("\(Labels.plural(imposedCount, "rendez-vous imposé", "rendez-vous imposés")) par les organisateurs, signalé\(imposedCount > 1 ? "s" : "") dans les plannings.")
        }
        view["csvHref"] = root + path + "rendez-vous.csv"
        view["unplacedCsvHref"] = root + path + "demandes-non-placees.csv"
        addAnchors(tablesWithMeetings(timetable, matinale).map { "table-\($0.number)" } + ["prestataires", "creneaux", "salle"], on: path)
        var page = finish(path: path, template: "timetable", title: "Rendez-vous de la \(matinaleName(matinale))",
                          description: "Planning des rendez-vous d’affaires, table par table.",
                          crumbs: [Crumb(title: "Matinales", path: "matinales/"),
                                   Crumb(title: matinaleName(matinale), path: Self.matinalePath(matinale.slug))],
                          view: view.merging(["noindex": true]) { a, _ in a })
        page.inSitemap = false
        return page
    }

    private mutating func tablePage(_ timetable: MatinaleTimetable, _ matinale: Matinale, _ table: MatinaleTable) -> BuiltPage {
        let path = Self.timetableTablePath(matinale.slug, table: table.number)
        let root = Self.root(for: path)
        var view = timetableHeader(matinale, root: root)
        view["table"] = tableView(timetable, matinale, table, root: root)
        return printableSheet(path: path, template: "timetable-table", title: "Table \(table.number) — \(buyerName(table.buyer))",
                              description: "Rendez-vous de la table \(table.number) à la \(matinaleName(matinale)).",
                              matinale: matinale, view: view)
    }

    /// A one-timetable page, printable on A4, kept out of search engines and the sitemap.
    private func printableSheet(path: String, template: String, title: String, description: String,
                                matinale: Matinale, view: View) -> BuiltPage {
        var view = view
        view["noindex"] = true
        view["printable"] = true
        var page = finish(path: path, template: template, title: title, description: description,
                          crumbs: [Crumb(title: "Matinales", path: "matinales/"),
                                   Crumb(title: matinaleName(matinale), path: Self.matinalePath(matinale.slug)),
                                   Crumb(title: "Rendez-vous", path: Self.timetablePath(matinale.slug))],
                          view: view)
        page.inSitemap = false
        return page
    }

    private mutating func supplierTimetablePage(_ timetable: MatinaleTimetable, _ matinale: Matinale, _ supplier: String) -> BuiltPage {
        let path = Self.timetableSupplierPath(matinale.slug, supplier: supplier)
        let root = Self.root(for: path)
        var view = timetableHeader(matinale, root: root)
        let tablesByNumber = Dictionary(matinale.tables.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        view["supplierName"] = typo(supplierName(supplier))
        view["supplierHref"] = suppliers[supplier] != nil ? root + Self.supplierPath(supplier) : nil
        view["meetings"] = timetable.meetings.filter { $0.supplier == supplier }.sorted { $0.slot < $1.slot }.map { meeting -> View in
            let slot = slotLabel(timetable, meeting.slot)
            return makeView([
                "time": slot.label, "isoTime": slot.iso, "table": String(meeting.table),
                "buyerName": typo(buyerName(meeting.buyer)),
                "representatives": tablesByNumber[meeting.table].flatMap {
                    $0.representatives.isEmpty ? nil : typo($0.representatives.joined(separator: ", "))
                },
                "imposed": meeting.imposed,
            ])
        }
        let seats = matinale.meetings?.seats[supplier] ?? 1
        if seats > 1 {
            view["seats"] = typo("\(FrenchFormat.integer(seats)) représentants : jusqu’à \(FrenchFormat.integer(seats)) rendez-vous au même créneau, à des tables différentes.")
        }
        view["icsHref"] = root + Self.timetablePath(matinale.slug) + "prestataires/\(supplier).ics"
        return printableSheet(path: path, template: "timetable-supplier", title: "Rendez-vous de \(supplierName(supplier))",
                              description: "Rendez-vous de \(supplierName(supplier)) à la \(matinaleName(matinale)).",
                              matinale: matinale, view: view)
    }

    static func unplacedReasonLabel(_ reason: String) -> String {
        switch reason {
        case "refused": "demande refusée"
        case "pending": "demande en attente"
        case "no-common-slot": "aucun créneau commun"
        case "buyer-full": "table complète"
        case "supplier-full": "prestataire complet"
        case "lost-to-conflicts": "perdue dans les conflits d’horaires"
        case "duplicate": "demande en double"
        case "excluded": "écartée par les organisateurs"
        case _ where reason.hasPrefix("imposed-"): "rendez-vous imposé impossible à tenir"
        default: "demande invalide"
        }
    }

    /// « 10 h 05 : qui est à quelle table », for the room: every table in number order, its
    /// buyer and the supplier expected there (or nobody). One A4 page.
    private func slotPage(_ timetable: MatinaleTimetable, _ matinale: Matinale, _ slot: MatinaleTimetable.Slot) -> BuiltPage {
        let path = Self.timetableSlotPath(matinale.slug, start: slot.start)
        let root = Self.root(for: path)
        var view = timetableHeader(matinale, root: root)
        let here = Dictionary(timetable.meetings.filter { $0.slot == slot.index }.map { ($0.table, $0) },
                              uniquingKeysWith: { first, _ in first })
        view["slotHeading"] = typo("\(Labels.time(slot.start)) : qui est à quelle table")
        view["slotRange"] = timeRange(slot.start, slot.end)
        view["isoTime"] = slot.start.description
        view["count"] = Labels.plural(here.count, "rendez-vous", "rendez-vous")
        view["rows"] = matinale.tables.sorted { $0.number < $1.number }.map { table -> View in
            let meeting = here[table.number]
            return makeView([
                "table": String(table.number),
                "buyerName": typo(buyerName(table.buyer)),
                "supplierName": meeting.map { typo(supplierName($0.supplier)) },
                "imposed": meeting?.imposed ?? false,
            ])
        }
        let index = slot.index
        view["previousHref"] = index > 0 ? root + Self.timetableSlotPath(matinale.slug, start: timetable.slots[index - 1].start) : nil
        view["nextHref"] = index + 1 < timetable.slots.count
            ? root + Self.timetableSlotPath(matinale.slug, start: timetable.slots[index + 1].start) : nil
        return printableSheet(path: path, template: "timetable-slot", title: "Rendez-vous de \(Labels.time(slot.start))",
                              description: "Qui est à quelle table à \(Labels.time(slot.start)), \(matinaleName(matinale)).",
                              matinale: matinale, view: view)
    }

    /// Every table and every slot on one A4 page in landscape, to pin up in the room.
    private func gridPage(_ timetable: MatinaleTimetable, _ matinale: Matinale) -> BuiltPage {
        let path = Self.timetableGridPath(matinale.slug)
        let root = Self.root(for: path)
        var view = timetableHeader(matinale, root: root)
        var cells: [Int: [Int: MatinaleTimetable.Entry]] = [:]
        for meeting in timetable.meetings { cells[meeting.table, default: [:]][meeting.slot] = meeting }
        view["slots"] = timetable.slots.map { slot -> View in
            ["label": Labels.time(slot.start), "iso": slot.start.description]
        }
        view["rows"] = matinale.tables.sorted { $0.number < $1.number }.map { table -> View in
            makeView([
                "table": String(table.number),
                "buyerName": typo(buyerName(table.buyer)),
                "cells": timetable.slots.map { slot -> View in
                    let meeting = cells[table.number]?[slot.index]
                    return makeView(["supplierName": meeting.map { typo(supplierName($0.supplier)) },
                                     "imposed": meeting?.imposed ?? false])
                },
            ])
        }
        view["hasImposed"] = timetable.meetings.contains(where: \.imposed)
        view["gridPage"] = true
        return printableSheet(path: path, template: "timetable-grid", title: "Grille des rendez-vous",
                              description: "Toutes les tables et tous les créneaux de la \(matinaleName(matinale)).",
                              matinale: matinale, view: view)
    }

    // MARK: - Exports

    /// Themes of a buyer's published needs, by label.
    private func buyerThemes(_ slug: String) -> String {
        let slugs = Set(content.roadmaps.filter { $0.buyer == slug }.flatMap { $0.needs.map(\.theme) })
        return slugs.map(themeLabel).sorted().joined(separator: ", ")
    }

    /// The contact e-mail a buyer gives in its latest roadmap, if any.
    private func buyerEmail(_ slug: String) -> String {
        content.roadmaps.filter { $0.buyer == slug && $0.contact?.email != nil }
            .max { $0.published < $1.published }?.contact?.email ?? ""
    }

    private static let convocationHeader = ["organisation", "personne", "email", "table", "debut", "fin", "interlocuteur",
                                            "themes", "impose"]

    /// One row per meeting, by supplier then time: the supplier's name and contact (when its file
    /// gives one), its table, time and buyer (with the table's representatives), and the themes
    /// of that buyer's needs.
    private func supplierConvocationsCSV(_ timetable: MatinaleTimetable, _ matinale: Matinale) -> [UInt8] {
        let tables = Dictionary(matinale.tables.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = timetable.meetings.sorted { (supplierName($0.supplier), $0.supplier, $0.slot) < (supplierName($1.supplier), $1.supplier, $1.slot) }
            .map { meeting -> [String] in
                let slot = timetable.slots[meeting.slot]
                let representatives = tables[meeting.table]?.representatives ?? []
                let counterpart = buyerName(meeting.buyer) + (representatives.isEmpty ? "" : " (\(representatives.joined(separator: ", ")))")
                let contact = suppliers[meeting.supplier]?.contact
                return [supplierName(meeting.supplier), contact?.name ?? "", contact?.email ?? "", String(meeting.table),
                        slot.start.description, slot.end.description,
                        counterpart, buyerThemes(meeting.buyer), meeting.imposed ? "oui" : ""]
            }
        return CSVTable(header: Self.convocationHeader, rows: rows, numericColumns: [3]).serialized()
    }

    /// One row per meeting, by table then time: the buyer, its representatives and contact
    /// e-mail, and the supplier it meets with that supplier's themes.
    private func tableConvocationsCSV(_ timetable: MatinaleTimetable, _ matinale: Matinale) -> [UInt8] {
        let tables = Dictionary(matinale.tables.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = timetable.meetings.sorted { ($0.table, $0.slot) < ($1.table, $1.slot) }.map { meeting -> [String] in
            let slot = timetable.slots[meeting.slot]
            return [buyerName(meeting.buyer), (tables[meeting.table]?.representatives ?? []).joined(separator: ", "),
                    buyerEmail(meeting.buyer), String(meeting.table), slot.start.description, slot.end.description,
                    supplierName(meeting.supplier), supplierThemes(meeting.supplier) ?? "", meeting.imposed ? "oui" : ""]
        }
        return CSVTable(header: Self.convocationHeader, rows: rows, numericColumns: [3]).serialized()
    }

    private func meetingsCSV(_ timetable: MatinaleTimetable, _ matinale: Matinale) -> [UInt8] {
        let rows = timetable.meetings.map { meeting -> [String] in
            let slot = timetable.slots.indices.contains(meeting.slot) ? timetable.slots[meeting.slot] : nil
            return [String(meeting.table), meeting.buyer, buyerName(meeting.buyer),
                    slot?.start.description ?? "", slot?.end.description ?? "",
                    meeting.supplier, supplierName(meeting.supplier), meeting.imposed ? "oui" : ""]
        }
        return CSVTable(header: ["table", "acheteur", "acheteur_nom", "debut", "fin", "prestataire", "prestataire_nom", "impose"],
                        rows: rows, numericColumns: [0]).serialized()
    }

    private func unplacedCSV(_ timetable: MatinaleTimetable) -> [UInt8] {
        let rows = timetable.unplaced.map { u in
            [u.supplier, supplierName(u.supplier), u.buyer, buyerName(u.buyer), u.reason, Self.unplacedReasonLabel(u.reason)]
        }
        return CSVTable(header: ["prestataire", "prestataire_nom", "acheteur", "acheteur_nom", "motif", "motif_libelle"],
                        rows: rows).serialized()
    }

    private func calendar(_ timetable: MatinaleTimetable, _ matinale: Matinale, meetings: [MatinaleTimetable.Entry],
                          name: String, summary: (MatinaleTimetable.Entry) -> String) -> [UInt8] {
        let host = baseURL.split(separator: "/").dropFirst(1).first.map(String.init) ?? "openmap"
        let date = matinale.date
        // DTSTAMP from the content (the Matinale's date), never the clock: builds stay reproducible.
        let stamp = CalendarUTCDateTime(year: date.year, month: date.month, day: date.day)
        let venue = matinale.venue
        let events = meetings.sorted { ($0.slot, $0.table) < ($1.slot, $1.table) }.compactMap { meeting -> CalendarEvent? in
            guard timetable.slots.indices.contains(meeting.slot) else { return nil }
            let slot = timetable.slots[meeting.slot]
            return CalendarEvent(
                uid: CalendarEvent.uid(identifier: "rdv-\(matinale.slug)-\(meeting.table)-\(meeting.supplier)", domain: host),
                stamp: stamp,
                start: CalendarLocalDateTime(year: date.year, month: date.month, day: date.day,
                                             hour: slot.start.hour, minute: slot.start.minute),
                end: CalendarLocalDateTime(year: date.year, month: date.month, day: date.day,
                                           hour: slot.end.hour, minute: slot.end.minute),
                summary: summary(meeting),
                description: "\(matinaleName(matinale)) — table \(meeting.table) (\(buyerName(meeting.buyer))), "
                    + "prestataire : \(supplierName(meeting.supplier)).",
                location: "\(venue.name), \(venue.address), \(venue.postcode) \(venue.city)",
                url: absoluteURL(Self.timetablePath(matinale.slug)),
                status: .confirmed)
        }
        return ICalendarDocument(productID: "-//OpenMap Numériques//openmap//FR", name: name, events: events).serializedBytes()
    }
}
