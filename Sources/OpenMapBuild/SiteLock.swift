import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds that write into the same folder take turns: each holds an exclusive lock (flock(2))
/// on the folder that holds the site folder while it writes (two CI jobs on one runner, a script
/// beside an editor). A lock on the parent, not on the site folder, because a clean build
/// replaces the site folder by another; and no lock file, so that nothing is left beside the
/// site. The system releases the lock when the process ends, however it ends.
final class SiteLock {
    private let descriptor: Int32

    /// Waits for the lock of `outputDirectory`'s parent; `waiting` is called first if another
    /// build holds it. Nil when the folder cannot be opened (the build then reports why it
    /// cannot write).
    init?(outputDirectory: URL, waiting: () -> Void) {
        let parent = outputDirectory.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        descriptor = open(parent, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    return nil
                }
            }
        }
    }

    deinit {
        close(descriptor)  // releases the lock
    }
}
