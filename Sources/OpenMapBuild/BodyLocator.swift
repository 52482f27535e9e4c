import Foundation
import OpenMapContent
import OpenMapRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds, as a build writes its pages, where each content body is in the bytes of the page it is
/// on (`BodyCache.Body.offset`): a page made now is searched; a page kept from the previous build
/// keeps the place that build found, or is read and searched.
final class BodyLocator: @unchecked Sendable {
    private let bodies: [BodyRender]
    private let hashes: [UInt64]
    /// Output path → the indices of the bodies on that page.
    private let onPage: [String: [Int]]
    /// « file \t page » → what the previous build recorded, when its cache is the previous site's.
    private let previous: [String: BodyCache.Body]
    private let lock = NSLock()
    private var offsets: [Int?]

    init(bodies: [BodyRender], previous: BodyCache?) {
        self.bodies = bodies
        self.hashes = bodies.map { $0.rendered.html.map(ContentHash.hash) ?? 0 }
        var onPage: [String: [Int]] = [:]
        for (index, body) in bodies.enumerated() { onPage[BodyCache.outputPath(ofPage: body.page), default: []].append(index) }
        self.onPage = onPage
        var recorded: [String: BodyCache.Body] = [:]
        for body in previous?.bodies ?? [] { recorded[body.contentFile + "\t" + body.page] = body }
        self.previous = recorded
        self.offsets = Array(repeating: nil, count: bodies.count)
    }

    /// A page made by this build.
    func made(_ outputPath: String, bytes: [UInt8]) {
        guard let indices = onPage[outputPath] else { return }
        record(indices.map { ($0, Self.place(of: bodies[$0].rendered, in: bytes)) })
    }

    /// A page kept from the previous build (its bytes are the previous build's, at `file`).
    func kept(_ outputPath: String, file: String) {
        guard let indices = onPage[outputPath] else { return }
        var bytes: [UInt8]?
        var found: [(Int, Int?)] = []
        for index in indices {
            let body = bodies[index]
            if let old = previous[body.contentFile + "\t" + body.page], old.htmlHash == hashes[index],
               old.length == body.rendered.html?.utf8.count, let offset = old.offset {
                found.append((index, offset))
                continue
            }
            if bytes == nil { bytes = FileManager.default.contents(atPath: file).map { [UInt8]($0) } ?? [] }
            found.append((index, Self.place(of: body.rendered, in: bytes ?? [])))
        }
        record(found)
    }

    private func record(_ found: [(Int, Int?)]) {
        lock.withLock {
            for (index, offset) in found { offsets[index] = offset }
        }
    }

    /// What the cache keeps of every body.
    func records() -> [BodyCache.Body] {
        lock.withLock {
            bodies.indices.map { index in
                let body = bodies[index]
                return BodyCache.Body(contentFile: body.contentFile, page: body.page,
                                      outputPath: BodyCache.outputPath(ofPage: body.page), offset: offsets[index],
                                      length: body.rendered.html?.utf8.count ?? 0, htmlHash: hashes[index],
                                      headingIDs: body.rendered.headingIDs)
            }
        }
    }

    /// Where a body's HTML is in a page's bytes, when it is there exactly once, and not escaped
    /// anywhere (a template could write it so, in an attribute say).
    static func place(of rendered: RenderedMarkdown, in bytes: [UInt8]) -> Int? {
        guard let html = rendered.html, !html.isEmpty else { return nil }
        let needle = Array(html.utf8)
        guard let first = Bytes.find(needle, in: bytes), Bytes.find(needle, in: bytes, from: first + 1) == nil else { return nil }
        if let escaped = rendered.escapedHTML, escaped != html, Bytes.find(Array(escaped.utf8), in: bytes) != nil { return nil }
        return first
    }
}
