import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The two places where openmap steers memory rather than leaving it to Swift and the C library,
/// each for a measured reason.
public enum MemoryPolicy {
    /// glibc's `malloc_trim`, looked up at run time (it is not in Swift's Glibc module).
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Gives the memory a step freed back to the system, instead of leaving it in the
    /// allocator's arenas for the next step to grow beside (called after each step, and every
    /// 4 096 pages while pages are made on two threads): FIGURE-TRIM.
    static func releaseFreedMemory() {
        _ = trim?(0)
    }

    /// What a command that exits right after its build made is left for the process's end to
    /// reclaim, instead of being freed object by object: FIGURE-LEAK.
    static func leaveUntilExit(_ values: Any...) {
        _ = Unmanaged.passRetained(LeftUntilExit(values))
    }

    /// Lets go of `value` on another thread: freeing a whole site's views and pages, object by
    /// object, took a quarter of a second of `openmap serve`'s reload at 10 000 needs.
    public static func releaseInBackground(_ value: (some AnyObject & Sendable)?) {
        let dropped = Dropped(value)
        DispatchQueue.global(qos: .utility).async { dropped.value.withLock { $0 = nil } }
    }

    /// The only reference to what it holds, so that it is freed where `value` is cleared.
    private final class Dropped<Value: AnyObject & Sendable>: Sendable {
        let value: Mutex<Value?>
        init(_ value: Value?) { self.value = Mutex(value) }
    }

    private final class LeftUntilExit {
        let kept: [Any]
        init(_ kept: [Any]) { self.kept = kept }
    }
}
