import Foundation

/// Runs Debian's /usr/bin/python3 to check our output with independent parsers.
/// Tests that need it are skipped when the interpreter or the module is missing.
enum Python {
    static let interpreter = "/usr/bin/python3"

    static let isAvailable: Bool = run(script: "import csv, json", input: [])?.status == 0
    static let hasICalendar: Bool = run(script: "import icalendar, json", input: [])?.status == 0

    /// Writes `input` to a temporary file, runs `script` with that path as `sys.argv[1]`,
    /// and returns the exit status and standard output.
    static func run(script: String, input: [UInt8]) -> (status: Int32, output: Data)? {
        guard FileManager.default.isExecutableFile(atPath: interpreter) else { return nil }
        let inputURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("openmap-render-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: inputURL) }
        do {
            try Data(input).write(to: inputURL)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: interpreter)
            process.arguments = ["-c", script, inputURL.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, data)
        } catch {
            return nil
        }
    }
}
