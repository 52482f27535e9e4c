import Diagnostics
import Foundation
import OpenMapRender

/// Writes a rendered site into a temporary folder beside the output folder, then swaps it in.
/// A build that fails before the swap leaves the previous site as it was.
public struct OutputWriter: Sendable {
    /// A file that marks a folder as written by openmap, so that a mistyped `--output` never
    /// replaces a folder of someone else's.
    public static let markerName = ".openmap-site"

    public let outputDirectory: URL

    public init(outputDirectory: String) {
        self.outputDirectory = URL(fileURLWithPath: outputDirectory).standardizedFileURL
    }

    /// Problems with the output folder itself: the filesystem root, the content or templates
    /// folder (or a folder containing or inside them), or a non-empty folder openmap did not write.
    public func checkDestination(protecting protected: [String]) -> [Diagnostic] {
        let output = resolved(outputDirectory)
        let location = SourceLocation(file: outputDirectory.path)
        if output.path == "/" {
            return [.error("unsafe-output", "refusing to write the site to the filesystem root", at: location,
                           hint: "choose a dedicated folder, e.g. --output site")]
        }
        for folder in protected {
            let other = resolved(URL(fileURLWithPath: folder).standardizedFileURL)
            if output.path == other.path || isAncestor(output, of: other) || isAncestor(other, of: output) {
                return [.error("unsafe-output", "refusing to write the site to « \(outputDirectory.path) »: it overlaps « \(folder) »",
                               at: location, hint: "the output folder must be separate from the content and templates folders")]
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                return [.error("unsafe-output", "« \(outputDirectory.path) » exists and is not a folder", at: location)]
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
            if !entries.isEmpty && !entries.contains(Self.markerName) {
                return [.error("unsafe-output", "« \(outputDirectory.path) » is not empty and was not written by openmap",
                               at: location, hint: "remove it or choose another --output folder")]
            }
        }
        return []
    }

    /// Writes every file into a fresh temporary folder, then replaces the output folder with it.
    /// Returns the number of files written.
    public func write(_ files: [OutputFile]) throws -> Int {
        let fileManager = FileManager.default
        let parent = outputDirectory.deletingLastPathComponent()
        let name = outputDirectory.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).openmap-new")
        let retired = parent.appendingPathComponent(".\(name).openmap-old")
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        // A build killed between the two renames below left the previous site under its retired
        // name: put it back before anything else.
        if !fileManager.fileExists(atPath: outputDirectory.path), fileManager.fileExists(atPath: retired.path) {
            try fileManager.moveItem(at: retired, to: outputDirectory)
        }
        // Leftovers of an interrupted build are ours (their names say so): clear them.
        try? fileManager.removeItem(at: staging)
        try? fileManager.removeItem(at: retired)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)

        var createdFolders: Set<String> = [""]
        for file in files {
            guard let relative = Self.safeRelativePath(file.path) else {
                throw OutputError.unsafePath(file.path)
            }
            let folder = (relative as NSString).deletingLastPathComponent
            if !createdFolders.contains(folder) {
                try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
                createdFolders.insert(folder)
            }
            let destination = staging.appendingPathComponent(relative)
            switch file.contents {
            case .bytes(let bytes):
                try Data(bytes).write(to: destination)
            case .copy(let source):
                try fileManager.copyItem(at: URL(fileURLWithPath: source), to: destination)
            }
        }
        try Data("openmap\n".utf8).write(to: staging.appendingPathComponent(Self.markerName))

        if fileManager.fileExists(atPath: outputDirectory.path) {
            try fileManager.moveItem(at: outputDirectory, to: retired)
            try fileManager.moveItem(at: staging, to: outputDirectory)
            try? fileManager.removeItem(at: retired)
        } else {
            try fileManager.moveItem(at: staging, to: outputDirectory)
        }
        return files.count
    }

    /// A relative path that stays inside the output folder, or nil.
    static func safeRelativePath(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !path.hasPrefix("/"), !parts.isEmpty,
              !parts.contains(where: { $0 == ".." || $0 == "." }),
              !path.contains("\0") else { return nil }
        return parts.joined(separator: "/")
    }

    private func resolved(_ url: URL) -> URL {
        url.resolvingSymlinksInPath().standardizedFileURL
    }

    private func isAncestor(_ folder: URL, of other: URL) -> Bool {
        let prefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        return other.path.hasPrefix(prefix)
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case unsafePath(String)

    public var description: String {
        switch self {
        case .unsafePath(let path): "refusing to write « \(path) »: it would land outside the output folder"
        }
    }
}
