import Foundation

/// Runs Debian's /usr/bin/python3 to check our output with independent parsers (icalendar, csv,
/// json). Tests that need it are skipped when the interpreter or the module is missing.
public enum Python {
    public static let interpreter = "/usr/bin/python3"

    public static let isAvailable: Bool = run(script: "import csv, json", arguments: [])?.status == 0
    public static let hasICalendar: Bool = run(script: "import icalendar, json", arguments: [])?.status == 0
    /// jsonschema and PyYAML, for schemas/validate-content.py.
    public static let hasJSONSchema: Bool = run(script: "import jsonschema, yaml", arguments: [])?.status == 0

    /// Writes `input` to a temporary file, runs `script` with that path as `sys.argv[1]`.
    public static func run(script: String, input: [UInt8]) -> (status: Int32, output: Data)? {
        let inputURL = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-python-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: inputURL) }
        do { try Data(input).write(to: inputURL) } catch { return nil }
        return run(script: script, arguments: [inputURL.path])
    }

    /// Runs `script` with `arguments` as `sys.argv[1…]`; the exit status and standard output
    /// (standard error is appended, so that a failed assertion explains itself).
    public static func run(script: String, arguments: [String]) -> (status: Int32, output: Data)? {
        guard FileManager.default.isExecutableFile(atPath: interpreter) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationStatus == 0 ? data : data + errorData)
    }
}
