import Foundation
import Testing
@testable import OpenMapServe

@Suite struct SourceWatcherTests {
    func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Waits for inotify's word, up to a generous deadline (this is not a timing test).
    func notified(_ watcher: SourceWatcher) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if watcher.takeNotification() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        // Once more: on a loaded machine this task may resume only after the deadline.
        return watcher.takeNotification()
    }

    @Test func snapshotsSeeAddedEditedAndRemovedFilesButNotHiddenOnes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let watcher = SourceWatcher(folders: [folder])
        defer { watcher.stop() }
        try FileManager.default.createDirectory(atPath: folder + "/roadmaps/2015", withIntermediateDirectories: true)
        try "a".write(toFile: folder + "/roadmaps/2015/a.md", atomically: false, encoding: .utf8)
        try "x".write(toFile: folder + "/.a.md.swp", atomically: false, encoding: .utf8)
        let first = watcher.snapshot()
        #expect(Array(first.keys) == [folder + "/roadmaps/2015/a.md"])

        try "ab".write(toFile: folder + "/roadmaps/2015/a.md", atomically: false, encoding: .utf8)
        try "b".write(toFile: folder + "/b.yaml", atomically: false, encoding: .utf8)
        let second = watcher.snapshot()
        #expect(SourceWatcher.changes(from: first, to: second) == [folder + "/b.yaml", folder + "/roadmaps/2015/a.md"])

        try FileManager.default.removeItem(atPath: folder + "/b.yaml")
        #expect(SourceWatcher.changes(from: second, to: watcher.snapshot()) == [folder + "/b.yaml"])
    }

    #if os(Linux)
    /// On Linux a save wakes the preview at once, also in a folder made after the watch began.
    @Test func inotifyReportsWritesAlsoInNewFolders() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let watcher = SourceWatcher(folders: [folder])
        defer { watcher.stop() }
        #expect(!watcher.takeNotification())
        try FileManager.default.createDirectory(atPath: folder + "/pitches", withIntermediateDirectories: false)
        #expect(try await notified(watcher))  // and the new folder is watched by now
        try "---\ntitle: x\n---\n".write(toFile: folder + "/pitches/x.md", atomically: false, encoding: .utf8)
        #expect(try await notified(watcher))
    }
    #endif
}
