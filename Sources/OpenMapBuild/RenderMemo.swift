import Foundation
import OpenMapRender

/// The pages `openmap serve` rendered last time, by path, with the fingerprint of what each was
/// made from: a page whose fingerprint is unchanged is served from here instead of rendered
/// again, so an edit re-renders only the pages it affects.
public final class RenderMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: (fingerprint: UInt64, bytes: [UInt8])] = [:]

    public init() {}

    func bytes(for path: String, fingerprint: UInt64) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        guard let page = pages[path], page.fingerprint == fingerprint else { return nil }
        return page.bytes
    }

    func store(_ bytes: [UInt8], for path: String, fingerprint: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        pages[path] = (fingerprint, bytes)
    }

    /// Forgets the pages that are no longer in the site.
    func keepOnly(_ paths: [String]) {
        lock.lock()
        defer { lock.unlock() }
        let kept = Set(paths)
        pages = pages.filter { kept.contains($0.key) }
    }
}

/// A count shared by the worker threads.
final class SharedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds one; returns the new count.
    @discardableResult
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
