import OpenMapYAML

/// libFuzzer entry: the libyaml wrapper, with its node and depth limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    if let document = try? YAMLParser().parse(text, lineOffset: 1) {
        _ = document.root?.kindDescription
    }
    return 0
}
