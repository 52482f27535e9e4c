import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The package's root folder (where content/ and templates/ are).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A fresh copy of the sample content and templates, so that tests can edit them.
func copySample() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["content", "templates"] {
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    return folder
}

/// The built command-line tool.
let openmapBinary = packageRoot.appendingPathComponent(".build/debug/openmap")

/// Runs a program to its end, in `folder` when given, its messages in French whatever the
/// machine's locale: the exit status and everything it printed (standard output and error).
func runProgram(_ executable: URL, _ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    process.environment = frenchEnvironment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

var frenchEnvironment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = nil
    environment["LC_MESSAGES"] = nil
    environment["LANG"] = "fr_FR.UTF-8"
    return environment
}

/// Starts `openmap serve` (with `--port 0` unless a port is given) and waits for the address it
/// prints on standard error: the running process, its port (nil if none came), what it printed.
func startServe(_ arguments: [String], in folder: URL? = nil) throws -> (process: Process, port: Int?, output: String) {
    let process = Process()
    process.executableURL = openmapBinary
    process.arguments = ["serve"] + arguments + (arguments.contains("--port") ? [] : ["--port", "0"])
    if let folder { process.currentDirectoryURL = folder }
    process.environment = frenchEnvironment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    var output = ""
    let deadline = ContinuousClock.now + .seconds(180)
    while ContinuousClock.now < deadline, process.isRunning {
        let chunk = errors.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        output += String(decoding: chunk, as: UTF8.self)
        if let range = output.range(of: #"http://127\.0\.0\.1:([0-9]+)/"#, options: .regularExpression) {
            return (process, Int(output[range].dropFirst("http://127.0.0.1:".count).dropLast()), output)
        }
    }
    return (process, nil, output)
}

/// A minimal HTTP/1.1 client on a plain socket: enough to read pages and an event stream
/// without depending on URLSession's streaming support on Linux.
final class HTTPConnection {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(socket); throw HTTPError.cannotConnect }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    func send(_ path: String, host: String = "127.0.0.1") {
        let request = "GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
        _ = request.withCString { Glibc.send(socket, $0, strlen($0), 0) }
    }

    /// Reads until `done` says so or the deadline passes; returns everything read.
    func read(until done: (String) -> Bool, timeout: Duration) -> String {
        var data = [UInt8]()
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while ContinuousClock.now < deadline {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count > 0 {
                data += buffer[0..<count]
                if done(String(decoding: data, as: UTF8.self)) { break }
            } else if count == 0 {
                break
            }
        }
        return String(decoding: data, as: UTF8.self)
    }

    enum HTTPError: Error { case cannotConnect }
}

/// Status code and body of one GET.
func get(_ path: String, port: Int, host: String = "127.0.0.1") throws -> (status: Int, body: String) {
    let connection = try HTTPConnection(port: port)
    connection.send(path, host: host)
    // Generous: the server answers at once, but a loaded machine may starve it for a while.
    let response = connection.read(until: { _ in false }, timeout: .seconds(60))
    let status = response.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    let body = response.range(of: "\r\n\r\n").map { String(response[$0.upperBound...]) } ?? ""
    return (status, body)
}

/// Whether `condition` holds within `timeout`, asked every 50 ms: what a reader of the preview
/// sees once the rebuild an edit started is done (a reload event may be one of an earlier save's,
/// read late on a loaded machine).
func eventually(within timeout: Duration = .seconds(60), _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try condition() { return true }
        guard ContinuousClock.now < deadline else { return false }
        try await Task.sleep(for: .milliseconds(50))
    }
}
