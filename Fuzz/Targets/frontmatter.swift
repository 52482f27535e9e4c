import Foundation
@testable import OpenMapContent

/// libFuzzer entry: a Markdown content file through the loader's normalisation and its
/// front-matter splitter, the YAML parse and the reading of a page's fields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard var text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    text = text.replacingOccurrences(of: "\r\n", with: "\n")
    let session = LoadSession(contentDirectory: "/nonexistent-openmap-fuzz")
    let source = SourceText(relativePath: "pages/fuzz.md", text: text, report: FileReport(file: "pages/fuzz.md", text: text))
    _ = session.loadPage(slug: "fuzz", source: source)
    session.collect(source.report)
    return 0
}
