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
    /// 4 096 pages while pages are made on two threads). Measured at 10 000 needs, clean build,
    /// with `malloc_trim` replaced by a no-op (LD_PRELOAD): peak 276 MB without, 259 MB with.
    static func releaseFreedMemory() {
        _ = trim?(0)
    }

    /// glibc's `mallopt`, looked up at run time like `malloc_trim`.
    private static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Blocks of 256 KB and more (data files, search indexes, large pages' buffers) get pages of
    /// their own, given back when freed. glibc otherwise raises that threshold to the largest
    /// block freed so far (up to 32 MB), and the next large blocks come from the heap, where they
    /// stay after being freed, between smaller blocks. Measured at 10 000 needs, clean build:
    /// peak 223 MB without, 206 MB with, the same time within this machine's noise. Not for
    /// `openmap serve`, which keeps its memory for the next save.
    static func giveLargeBlocksPagesOfTheirOwn() {
        _ = setLargeBlockThresholdOnce
    }

    private static let setLargeBlockThresholdOnce: Void = {
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD, malloc.h
        _ = mallopt?(mmapThreshold, 256 * 1024)
    }()

    /// What a command that exits right after its build made is left for the process's end to
    /// reclaim, instead of being freed object by object, on the main thread, after the last write.
    /// Measured at 10 000 needs, clean build, same binary with and without: 13.56–13.80 s of user
    /// time with, 13.69–14.03 s without (0.13–0.23 s less, at the very end of the build).
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
