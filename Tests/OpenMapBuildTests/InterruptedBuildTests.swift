import Foundation
import Testing
@testable import OpenMapBuild
import OpenMapRender

/// The built `openmap` binary, killed with SIGKILL in the middle of a build, never costs the
/// previous site.
@Suite struct InterruptedBuildTests {
    static let binary = Repository.root.appendingPathComponent(".build/debug/openmap").path

    func run(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs .build/debug/openmap"))
    func sigkillDuringTheBuildLeavesThePreviousSiteComplete() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let content = workspace.appendingPathComponent("content")
        let output = workspace.appendingPathComponent("site")
        let staging = workspace.appendingPathComponent(".site.openmap-new")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Repository.content), to: content)
        // Bulk assets make the write phase long enough to be caught in the act on any machine.
        let bulk = content.appendingPathComponent("assets/bulk")
        try FileManager.default.createDirectory(at: bulk, withIntermediateDirectories: true)
        let block = Data(repeating: 0x61, count: 64 * 1024)
        for index in 0..<400 { try block.write(to: bulk.appendingPathComponent("file-\(index).txt")) }
        // --clean: no file is reused from the previous site, every one is written again.
        let arguments = ["build", "--clean", "--content", content.path, "--templates", Repository.templates, "--output", output.path]

        let first = try run(arguments)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let previous = try snapshot(of: output)
        #expect(previous["index.html"] != nil)

        // Kill as soon as the staging folder holds files: the build is then writing the new site.
        var caughtMidWrite = 0
        for _ in 0..<10 where caughtMidWrite == 0 {
            let build = try run(arguments)
            while build.isRunning {
                if let entries = try? FileManager.default.contentsOfDirectory(atPath: staging.path), !entries.isEmpty {
                    kill(build.processIdentifier, SIGKILL)
                    break
                }
                usleep(200)
            }
            build.waitUntilExit()
            if build.terminationReason == .uncaughtSignal, FileManager.default.fileExists(atPath: staging.path) {
                caughtMidWrite += 1
            }
            #expect(try snapshot(of: output) == previous, "after a kill the site changed")
        }
        #expect(caughtMidWrite > 0, "no kill landed during the write phase")

        // The next build clears the leftovers and succeeds.
        let next = try run(arguments)
        next.waitUntilExit()
        #expect(next.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(try snapshot(of: output) == previous)
    }

    @Test func aBuildKilledBetweenTheTwoRenamesIsRecovered() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-swap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let output = workspace.appendingPathComponent("site")
        let writer = OutputWriter(outputDirectory: output.path)
        _ = try writer.write([OutputFile(path: "index.html", contents: .bytes(Array("v1".utf8)))])
        // As if killed right after retiring the previous site.
        try FileManager.default.moveItem(at: output, to: workspace.appendingPathComponent(".site.openmap-old"))
        #expect(throws: OutputError.self) {
            _ = try writer.write([OutputFile(path: "../escape.html", contents: .bytes(Array("x".utf8)))])
        }
        #expect(try snapshot(of: output)["index.html"] == Data("v1".utf8))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("escape.html").path))
    }
}
