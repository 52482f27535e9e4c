import Foundation
import OpenMapContent
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices changes under some folders by comparing every file's path, size and modification
/// time: at each poll, which works on every system and file system (network shares and
/// containers included), and, on Linux, as soon as inotify says something was written, so that
/// a save does not wait for the next poll.
final class SourceWatcher: @unchecked Sendable {
    let folders: [String]
    private let lock = NSLock()
    private var notified = false
    private var stopped = false
    /// The inotify instance, or -1 (another system, or no instance left).
    private let descriptor: Int32

    init(folders: [String]) {
        self.folders = folders
        #if canImport(Glibc)
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        if descriptor >= 0 {
            watchFolders()
            Thread.detachNewThread { [self] in readEvents() }
        }
        #else
        descriptor = -1
        #endif
    }

    /// True (once) when inotify reported a change since the last call.
    func takeNotification() -> Bool {
        lock.withLock {
            defer { notified = false }
            return notified
        }
    }

    /// Ends the inotify reader.
    func stop() {
        lock.withLock { stopped = true }
    }

    /// A value that changes whenever a file is added, removed, resized or saved.
    func snapshot() -> [String: FileStamp] {
        SourceSnapshot.take(folders)
    }

    /// The files that differ between two snapshots, sorted (for the terminal's message).
    static func changes(from old: [String: FileStamp], to new: [String: FileStamp]) -> [String] {
        SourceSnapshot.changes(from: old, to: new)
    }

    #if canImport(Glibc)
    /// Watches every folder (again: new folders get a watch, known ones keep theirs).
    private func watchFolders() {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)
        for folder in folders {
            _ = inotify_add_watch(descriptor, folder, mask)
            SourceSnapshot.walk(folder) { path, isFolder in
                if isFolder { _ = inotify_add_watch(descriptor, path, mask) }
            }
        }
    }

    /// Reads inotify's events on its own thread; any event marks a change (the snapshot says
    /// which files), once new folders are watched too.
    private func readEvents() {
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !lock.withLock({ stopped }) {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 200) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno != EINTR && errno != EAGAIN { return }
            guard count > 0 else { continue }
            // New folders first, so that once a change is reported, what is saved in them is seen.
            watchFolders()
            lock.withLock { notified = true }
        }
    }
    #endif
}
