import Foundation
import OpenMapMarkdown

/// libFuzzer entry: the cmark-gfm wrapper with raw HTML refused. Beyond crashes, it checks the
/// safety promise on every tag of the output (text is escaped, so a literal « < » opens a real
/// tag): no script-capable element, no event-handler attribute, no script URL.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    let rendered = MarkdownRenderer().render(text, headingLevelOffset: 1)
    // Plain scanning, not Regex: it keeps the target fast enough to be worth running.
    var rest = Substring(rendered.html.lowercased())
    while let open = rest.firstIndex(of: "<") {
        let close = rest[open...].firstIndex(of: ">") ?? rest.endIndex
        let tag = rest[open..<close]
        rest = close < rest.endIndex ? rest[rest.index(after: close)...] : ""
        let words = tag.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "/" })
        let name = words.first.map { String($0.dropFirst()) } ?? ""
        let attributes = words.dropFirst().map { $0.split(separator: "=", maxSplits: 1) }
        let unsafe = ["script", "iframe", "style", "object", "embed", "svg", "math", "form", "base", "meta", "link"].contains(name)
            || attributes.contains { $0.first?.hasPrefix("on") == true }
            || attributes.contains { attribute in
                guard attribute.count == 2, ["href", "src"].contains(attribute[0]) else { return false }
                let value = attribute[1].drop { $0 == "\"" || $0 == " " }
                return ["javascript:", "vbscript:", "data:"].contains { value.hasPrefix($0) }
            }
        if unsafe {
            FileHandle.standardError.write(Data("unsafe tag « \(tag) » in:\n\(rendered.html)\n".utf8))
            abort()
        }
    }
    _ = MarkdownRenderer().plainText(text)
    return 0
}
