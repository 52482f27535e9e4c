// Placeholder until the rendering branch lands.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    public enum Contents: Sendable, Hashable { case bytes([UInt8]); case copy(from: String) }
    public var contents: Contents
    public init(path: String, contents: Contents) { self.path = path; self.contents = contents }
}
