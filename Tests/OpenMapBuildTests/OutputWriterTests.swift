import Foundation
import Testing
@testable import OpenMapBuild
import OpenMapRender

/// A fresh temporary folder per test, removed by the caller.
func makeTemporaryFolder(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("openmap-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct OutputWriterTests {
    @Test func writesFilesAndSwapsTheFolderIn() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        let writer = OutputWriter(outputDirectory: output.path)
        let written = try writer.write([
            OutputFile(path: "index.html", contents: .bytes(Array("accueil".utf8))),
            OutputFile(path: "matinales/une/index.html", contents: .bytes(Array("une".utf8))),
        ])
        #expect(written == 2)
        #expect(try String(contentsOf: output.appendingPathComponent("matinales/une/index.html"), encoding: .utf8) == "une")

        // A second build replaces the first entirely: stale files disappear.
        _ = try writer.write([OutputFile(path: "index.html", contents: .bytes(Array("v2".utf8)))])
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "v2")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("matinales").path))
        // No staging folder is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func copiesFiles() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("logo.svg")
        try Data("<svg/>".utf8).write(to: source)
        let output = root.appendingPathComponent("site")
        _ = try OutputWriter(outputDirectory: output.path)
            .write([OutputFile(path: "assets/logo.svg", contents: .copy(from: source.path))])
        #expect(try String(contentsOf: output.appendingPathComponent("assets/logo.svg"), encoding: .utf8) == "<svg/>")
    }

    /// The parent folders the writer makes are those Foundation would name.
    @Test(arguments: ["besoins/x/index.html", "index.html", "", "/tmp/site/.site.openmap-new/a/b.html", "/a", "/",
                      "feuilles-de-route/2015/île-de-france/index.html", "a/b"])
    func parentFolderIsFoundations(path: String) {
        #expect(FastFile.parentFolder(of: path) == (path as NSString).deletingLastPathComponent)
    }

    @Test(arguments: ["../evil.html", "/etc/passwd", "a/../../b", "", "./x"])
    func refusesPathsThatEscapeTheOutputFolder(path: String) throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        #expect(throws: OutputError.self) {
            try OutputWriter(outputDirectory: output.path).write([OutputFile(path: path, contents: .bytes([]))])
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("evil.html").path))
    }

    @Test func refusesDangerousDestinations() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let protected = [content.path, root.appendingPathComponent("templates").path]

        #expect(OutputWriter(outputDirectory: "/").checkDestination(protecting: protected).first?.code == "unsafe-output")
        #expect(OutputWriter(outputDirectory: content.path).checkDestination(protecting: protected).first?.code == "unsafe-output")
        // A folder that contains the content folder would swallow it on swap.
        #expect(OutputWriter(outputDirectory: root.path).checkDestination(protecting: protected).first?.code == "unsafe-output")
        #expect(OutputWriter(outputDirectory: content.appendingPathComponent("site").path)
            .checkDestination(protecting: protected).first?.code == "unsafe-output")

        // A non-empty folder openmap did not write is left alone.
        let documents = root.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: documents.appendingPathComponent("thesis.txt"))
        #expect(OutputWriter(outputDirectory: documents.path).checkDestination(protecting: protected).first?.code == "unsafe-output")

        // A fresh or openmap-written folder is fine.
        let site = root.appendingPathComponent("site")
        #expect(OutputWriter(outputDirectory: site.path).checkDestination(protecting: protected).isEmpty)
        _ = try OutputWriter(outputDirectory: site.path).write([OutputFile(path: "index.html", contents: .bytes([]))])
        #expect(OutputWriter(outputDirectory: site.path).checkDestination(protecting: protected).first?.code == "unsafe-output")
        let page = Array(#"<html><head><meta name="generator" content="openmap"></head></html>"#.utf8)
        _ = try OutputWriter(outputDirectory: site.path).write([OutputFile(path: "index.html", contents: .bytes(page))])
        #expect(OutputWriter(outputDirectory: site.path).checkDestination(protecting: protected).isEmpty)
        // An earlier openmap's marker.
        try FileManager.default.removeItem(at: site.appendingPathComponent("index.html"))
        try Data("openmap\n".utf8).write(to: site.appendingPathComponent(".openmap-site"))
        #expect(OutputWriter(outputDirectory: site.path).checkDestination(protecting: protected).isEmpty)
    }
}
