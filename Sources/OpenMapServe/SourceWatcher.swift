import Foundation

/// Notices changes under some folders by comparing, at each poll, every file's path, size and
/// modification time. Polling a few hundred files every 300 ms costs little and works the same
/// on every system and file system (network shares and containers included), where inotify
/// or FSEvents would each need their own code.
struct SourceWatcher: Sendable {
    let folders: [String]

    /// A value that changes whenever a file is added, removed, resized or saved.
    func snapshot() -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for folder in folders {
            let root = URL(fileURLWithPath: folder)
            guard let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey],
                options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]),
                      values.isRegularFile == true else { continue }
                stamps[url.path] = FileStamp(
                    modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0, size: values.fileSize ?? -1)
            }
        }
        return stamps
    }

    /// The files that differ between two snapshots, sorted (for the terminal's message).
    static func changes(from old: [String: FileStamp], to new: [String: FileStamp]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}

struct FileStamp: Sendable, Hashable {
    var modified: Double
    var size: Int
}
