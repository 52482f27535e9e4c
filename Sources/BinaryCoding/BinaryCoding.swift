#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compact, self-describing binary form for `Codable` values: what the build record keeps of
/// parsed content files and rendered Markdown texts (JSON was 4× larger and slower to read).
///
/// Every value starts with a tag byte, so any value can be skipped without knowing its type and
/// a keyed container can list its keys (what synthesized enums with payloads ask for). Keys are
/// written as text; strings up to `internLimit` bytes are written once per document and then
/// referred to by number (file paths and labels repeat in every need and diagnostic). Integers
/// are variable-length. The same value always gives the same bytes, so `digest` of two equal
/// values is equal — except for dictionaries and sets, which encode in their (per-process)
/// iteration order: never take the digest of a value that holds one.
public enum BinaryCoding {
    /// Strings of at most this many bytes are interned.
    static let internLimit = 96

    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let sink = BinaryWriter()
        try value.encode(to: ValueEncoder(sink: sink))
        return sink.bytes
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try decode(type, from: bytes[...])
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: ArraySlice<UInt8>) throws -> Value {
        try bytes.withUnsafeBytes { raw in
            let source = BinaryReader(raw)
            let value = try Value(from: ValueDecoder(source: source, codingPath: []))
            guard source.position == raw.count else { throw BinaryCodingError.trailingBytes }
            return value
        }
    }

    /// A stable 64-bit digest of a value's encoded form (the same in every run and process).
    public static func digest<Value: Encodable>(_ value: Value) -> UInt64 {
        guard let bytes = try? encode(value) else { return 0 }
        return StableDigest.of(bytes)
    }
}

public enum BinaryCodingError: Error, Equatable {
    case truncated
    case unexpectedTag(UInt8)
    case missingKey(String)
    case badStringReference
    case invalidUTF8
    case trailingBytes
    case unsupported(String)
}

/// The stable hash the record uses for digests (a SplitMix64 finaliser over eight bytes at a
/// time, in four lanes over 32-byte blocks: each lane's multiplications wait only on its own, so
/// a record's tens of megabytes are read at memory speed).
public enum StableDigest {
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    public static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var stream = Stream()
        stream.update(raw)
        return stream.finalize()
    }

    /// The digest of bytes given a part at a time: the same as `of` over them all.
    public struct Stream {
        private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344,
                                                               0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
        /// Bytes short of a block, waiting for the next part.
        private var pending: [UInt8] = []
        private var count: UInt64 = 0

        public init() {}

        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        public mutating func update(_ raw: UnsafeRawBufferPointer) {
            count += UInt64(raw.count)
            var offset = 0
            if !pending.isEmpty {
                let taken = min(32 - pending.count, raw.count)
                pending.append(contentsOf: raw[..<taken])
                offset = taken
                guard pending.count == 32 else { return }
                pending.withUnsafeBytes { block(in: $0, at: 0) }
                pending.removeAll(keepingCapacity: true)
            }
            while offset + 32 <= raw.count {
                block(in: raw, at: offset)
                offset += 32
            }
            pending.append(contentsOf: raw[offset...])
        }

        private mutating func block(in raw: UnsafeRawBufferPointer, at offset: Int) {
            lanes.0 = mix(lanes.0 ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = mix(lanes.1 ^ raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2 ^ raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3 ^ raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
        }

        public func finalize() -> UInt64 {
            var state = mix(mix(mix(mix(lanes.0 ^ count) ^ lanes.1) ^ lanes.2) ^ lanes.3)
            pending.withUnsafeBytes { raw in
                var offset = 0
                while offset + 8 <= raw.count {
                    state = mix(state ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    offset += 8
                }
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while offset < raw.count {
                    tail |= UInt64(raw[offset]) << shift
                    shift += 8
                    offset += 1
                }
                state = mix(mix(state ^ tail ^ 0x9E37_79B9_7F4A_7C15))
            }
            return state
        }
    }

    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 31)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}

// MARK: - Tags

enum Tag {
    static let null: UInt8 = 0
    static let falseValue: UInt8 = 1
    static let trueValue: UInt8 = 2
    static let signed: UInt8 = 3
    static let unsigned: UInt8 = 4
    static let double: UInt8 = 5
    static let string: UInt8 = 6
    static let stringReference: UInt8 = 7
    static let keyed: UInt8 = 8
    static let unkeyed: UInt8 = 9
}

// MARK: - Writing

final class BinaryWriter {
    var bytes: [UInt8] = []
    private var interned: [String: Int] = [:]

    init() { bytes.reserveCapacity(256) }

    func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    func signed(_ value: Int64) {
        bytes.append(Tag.signed)
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))  // zigzag
    }

    func unsigned(_ value: UInt64) {
        bytes.append(Tag.unsigned)
        varint(value)
    }

    func string(_ text: String) {
        if text.utf8.count <= BinaryCoding.internLimit {
            if let index = interned[text] {
                bytes.append(Tag.stringReference)
                varint(UInt64(index))
                return
            }
            interned[text] = interned.count
        }
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(Tag.string)
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A key: its text, without tag (keys are always text).
    func key(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes a container's header with a count to be filled in; returns where the count is.
    func openContainer(_ tag: UInt8) -> Int {
        bytes.append(tag)
        bytes.append(contentsOf: [0, 0, 0, 0])
        return bytes.count - 4
    }

    /// Fills in a container's count (four bytes, little-endian: containers are patched after
    /// their elements are written).
    func closeContainer(at position: Int, count: Int) {
        let value = UInt32(truncatingIfNeeded: count)
        for index in 0..<4 { bytes[position + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
    }
}

/// The value encoder: one per value; containers write into the shared writer, in order.
struct ValueEncoder: Encoder {
    let sink: BinaryWriter
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(sink: sink, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        UnkeyedWriter(sink: sink, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleWriter(sink: sink, codingPath: codingPath)
    }
}

/// The primitive values, shared by the three kinds of containers.
protocol PrimitiveWriting {
    var sink: BinaryWriter { get }
    var codingPath: [CodingKey] { get }
}

extension PrimitiveWriting {
    func write(_ value: Bool) { sink.bytes.append(value ? Tag.trueValue : Tag.falseValue) }
    func write(_ value: String) { sink.string(value) }
    func write(_ value: Double) {
        sink.bytes.append(Tag.double)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { sink.bytes.append(contentsOf: $0) }
    }
    func write<T: BinaryInteger>(integer value: T) {
        if T.isSigned { sink.signed(Int64(value)) } else { sink.unsigned(UInt64(value)) }
    }
    func write<T: Encodable>(encodable value: T) throws {
        // By static type: a dynamic cast would take any empty array for bytes, and unwrap optionals.
        if T.self == String.self, let text = value as? String {
            write(text)
        } else if T.self == [UInt8].self, let bytes = value as? [UInt8] {
            // Byte arrays (digests, hashes) as one string of bytes, not a list of numbers.
            sink.bytes.append(Tag.string)
            sink.varint(UInt64(bytes.count))
            sink.bytes.append(contentsOf: bytes)
        } else {
            try value.encode(to: ValueEncoder(sink: sink, codingPath: codingPath))
        }
    }
}

/// A keyed container: its header (tag, entry count), then each entry's key and value.
final class KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol, PrimitiveWriting {
    let sink: BinaryWriter
    let codingPath: [CodingKey]
    private let countPosition: Int
    private var count = 0

    init(sink: BinaryWriter, codingPath: [CodingKey]) {
        self.sink = sink
        self.codingPath = codingPath
        countPosition = sink.openContainer(Tag.keyed)
    }

    private func entry(_ key: Key) {
        count += 1
        sink.closeContainer(at: countPosition, count: count)
        sink.key(key.stringValue)
    }

    func encodeNil(forKey key: Key) { entry(key); sink.bytes.append(Tag.null) }
    func encode(_ value: Bool, forKey key: Key) { entry(key); write(value) }
    func encode(_ value: String, forKey key: Key) { entry(key); write(value) }
    func encode(_ value: Double, forKey key: Key) { entry(key); write(value) }
    func encode(_ value: Float, forKey key: Key) { entry(key); write(Double(value)) }
    func encode(_ value: Int, forKey key: Key) { entry(key); write(integer: value) }
    func encode(_ value: Int8, forKey key: Key) { entry(key); write(integer: value) }
    func encode(_ value: Int16, forKey key: Key) { entry(key); write(integer: value) }
    func encode(_ value: Int32, forKey key: Key) { entry(key); write(integer: value) }
    func encode(_ value: Int64, forKey key: Key) { entry(key); write(integer: value) }
    func encode(_ value: UInt, forKey key: Key) { entry(key); write(integer: value) }
    func encode(_ value: UInt8, forKey key: Key) { entry(key); write(integer: value) }
    func encode(_ value: UInt16, forKey key: Key) { entry(key); write(integer: value) }
    func encode(_ value: UInt32, forKey key: Key) { entry(key); write(integer: value) }
    func encode(_ value: UInt64, forKey key: Key) { entry(key); write(integer: value) }
    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        entry(key)
        try write(encodable: value)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        entry(key)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(sink: sink, codingPath: codingPath))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        entry(key)
        return UnkeyedWriter(sink: sink, codingPath: codingPath)
    }

    func superEncoder() -> Encoder { ValueEncoder(sink: sink, codingPath: codingPath) }
    func superEncoder(forKey key: Key) -> Encoder {
        entry(key)
        return ValueEncoder(sink: sink, codingPath: codingPath)
    }
}

/// An unkeyed container: its header (tag, element count), then each element.
final class UnkeyedWriter: UnkeyedEncodingContainer, PrimitiveWriting {
    let sink: BinaryWriter
    let codingPath: [CodingKey]
    private let countPosition: Int
    private(set) var count = 0

    init(sink: BinaryWriter, codingPath: [CodingKey]) {
        self.sink = sink
        self.codingPath = codingPath
        countPosition = sink.openContainer(Tag.unkeyed)
    }

    private func element() {
        count += 1
        sink.closeContainer(at: countPosition, count: count)
    }

    func encodeNil() { element(); sink.bytes.append(Tag.null) }
    func encode(_ value: Bool) { element(); write(value) }
    func encode(_ value: String) { element(); write(value) }
    func encode(_ value: Double) { element(); write(value) }
    func encode(_ value: Float) { element(); write(Double(value)) }
    func encode(_ value: Int) { element(); write(integer: value) }
    func encode(_ value: Int8) { element(); write(integer: value) }
    func encode(_ value: Int16) { element(); write(integer: value) }
    func encode(_ value: Int32) { element(); write(integer: value) }
    func encode(_ value: Int64) { element(); write(integer: value) }
    func encode(_ value: UInt) { element(); write(integer: value) }
    func encode(_ value: UInt8) { element(); write(integer: value) }
    func encode(_ value: UInt16) { element(); write(integer: value) }
    func encode(_ value: UInt32) { element(); write(integer: value) }
    func encode(_ value: UInt64) { element(); write(integer: value) }
    func encode<T: Encodable>(_ value: T) throws {
        element()
        try write(encodable: value)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        element()
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(sink: sink, codingPath: codingPath))
    }

    func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        element()
        return UnkeyedWriter(sink: sink, codingPath: codingPath)
    }

    func superEncoder() -> Encoder {
        element()
        return ValueEncoder(sink: sink, codingPath: codingPath)
    }
}

struct SingleWriter: SingleValueEncodingContainer, PrimitiveWriting {
    let sink: BinaryWriter
    let codingPath: [CodingKey]

    func encodeNil() { sink.bytes.append(Tag.null) }
    func encode(_ value: Bool) { write(value) }
    func encode(_ value: String) { write(value) }
    func encode(_ value: Double) { write(value) }
    func encode(_ value: Float) { write(Double(value)) }
    func encode(_ value: Int) { write(integer: value) }
    func encode(_ value: Int8) { write(integer: value) }
    func encode(_ value: Int16) { write(integer: value) }
    func encode(_ value: Int32) { write(integer: value) }
    func encode(_ value: Int64) { write(integer: value) }
    func encode(_ value: UInt) { write(integer: value) }
    func encode(_ value: UInt8) { write(integer: value) }
    func encode(_ value: UInt16) { write(integer: value) }
    func encode(_ value: UInt32) { write(integer: value) }
    func encode(_ value: UInt64) { write(integer: value) }
    func encode<T: Encodable>(_ value: T) throws { try write(encodable: value) }
}

// MARK: - Reading

/// Reads a document; the bytes must outlive it (`BinaryCoding.decode` holds them).
final class BinaryReader {
    let raw: UnsafeRawBufferPointer
    var position = 0
    private var strings: [String] = []

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    /// Where the reader is, interned strings included, to come back to after reading ahead.
    var mark: (position: Int, strings: Int) { (position, strings.count) }

    func reset(to mark: (position: Int, strings: Int)) {
        position = mark.position
        strings.removeLast(strings.count - mark.strings)
    }

    func byte() throws -> UInt8 {
        guard position < raw.count else { throw BinaryCodingError.truncated }
        defer { position += 1 }
        return raw[position]
    }

    func peek() throws -> UInt8 {
        guard position < raw.count else { throw BinaryCodingError.truncated }
        return raw[position]
    }

    func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw BinaryCodingError.truncated }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    func count32() throws -> Int {
        guard position + 4 <= raw.count else { throw BinaryCodingError.truncated }
        var value = 0
        for index in 0..<4 { value |= Int(raw[position + index]) << (8 * index) }
        position += 4
        return value
    }

    /// The bytes of a length-prefixed run, as a range of `raw`.
    func run() throws -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(raw.count - position) else { throw BinaryCodingError.truncated }
        defer { position += Int(length) }
        return position..<(position + Int(length))
    }

    func text(_ range: Range<Int>) throws -> String {
        let slice = UnsafeRawBufferPointer(rebasing: raw[range])
        guard let text = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw BinaryCodingError.invalidUTF8
        }
        return text
    }

    func string() throws -> String {
        switch try byte() {
        case Tag.string:
            let range = try run()
            let text = try text(range)
            if range.count <= BinaryCoding.internLimit { strings.append(text) }
            return text
        case Tag.stringReference:
            let index = try varint()
            guard index < UInt64(strings.count) else { throw BinaryCodingError.badStringReference }
            return strings[Int(index)]
        case let tag:
            throw BinaryCodingError.unexpectedTag(tag)
        }
    }

    func bytes() throws -> [UInt8] {
        let tag = try byte()
        guard tag == Tag.string else { throw BinaryCodingError.unexpectedTag(tag) }
        return Array(UnsafeRawBufferPointer(rebasing: raw[try run()]))
    }

    func bool() throws -> Bool {
        switch try byte() {
        case Tag.trueValue: return true
        case Tag.falseValue: return false
        case let tag: throw BinaryCodingError.unexpectedTag(tag)
        }
    }

    func double() throws -> Double {
        let tag = try byte()
        guard tag == Tag.double else { throw BinaryCodingError.unexpectedTag(tag) }
        guard position + 8 <= raw.count else { throw BinaryCodingError.truncated }
        defer { position += 8 }
        return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)))
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        switch try byte() {
        case Tag.signed:
            let zigzag = try varint()
            let value = Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
            guard let result = T(exactly: value) else { throw BinaryCodingError.unexpectedTag(Tag.signed) }
            return result
        case Tag.unsigned:
            guard let result = T(exactly: try varint()) else { throw BinaryCodingError.unexpectedTag(Tag.unsigned) }
            return result
        case let tag:
            throw BinaryCodingError.unexpectedTag(tag)
        }
    }

    /// Reads a key (text without tag).
    func keyRange() throws -> Range<Int> { try run() }

    /// Steps over one value of any kind. (Interned strings are recorded on the way, so that
    /// later references resolve.)
    func skipValue() throws {
        switch try peek() {
        case Tag.null, Tag.falseValue, Tag.trueValue:
            position += 1
        case Tag.signed, Tag.unsigned:
            position += 1
            _ = try varint()
        case Tag.double:
            _ = try double()
        case Tag.string, Tag.stringReference:
            _ = try string()
        case Tag.keyed:
            position += 1
            for _ in 0..<(try count32()) {
                _ = try keyRange()
                try skipValue()
            }
        case Tag.unkeyed:
            position += 1
            for _ in 0..<(try count32()) { try skipValue() }
        case let tag:
            throw BinaryCodingError.unexpectedTag(tag)
        }
    }
}

struct ValueDecoder: Decoder {
    let source: BinaryReader
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedReader<Key>(source: source, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        try UnkeyedReader(source: source, codingPath: codingPath)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleReader(source: source, codingPath: codingPath)
    }
}

protocol PrimitiveReading {
    var source: BinaryReader { get }
    var codingPath: [CodingKey] { get }
}

extension PrimitiveReading {
    func read<T: Decodable>(decodable type: T.Type) throws -> T {
        if type == String.self, let text = try source.string() as? T { return text }
        if type == [UInt8].self, let bytes = try source.bytes() as? T { return bytes }
        return try T(from: ValueDecoder(source: source, codingPath: codingPath))
    }
}

/// Entries are read in the order they were written (synthesized code asks in that order); an
/// optional whose key is not next was nil when encoded (`encodeIfPresent` wrote nothing).
final class KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol, PrimitiveReading {
    let source: BinaryReader
    let codingPath: [CodingKey]
    private let count: Int
    private var index = 0
    /// The next entry's key, read ahead.
    private var nextKey: Range<Int>?
    /// Where the container's entries start, for `allKeys`.
    private let entriesStart: Int

    init(source: BinaryReader, codingPath: [CodingKey]) throws {
        self.source = source
        self.codingPath = codingPath
        let tag = try source.byte()
        guard tag == Tag.keyed else { throw BinaryCodingError.unexpectedTag(tag) }
        count = try source.count32()
        entriesStart = source.position
        try readKey()
    }

    private func readKey() throws {
        nextKey = index < count ? try source.keyRange() : nil
    }

    private func isNext(_ key: Key) -> Bool {
        guard let nextKey else { return false }
        var name = key.stringValue
        return name.withUTF8 { utf8 in
            guard utf8.count == nextKey.count else { return false }
            guard let mine = utf8.baseAddress, let theirs = source.raw.baseAddress else { return utf8.isEmpty }
            return memcmp(mine, theirs + nextKey.lowerBound, utf8.count) == 0
        }
    }

    /// Positions the reader on `key`'s value, or throws.
    private func seek(_ key: Key) throws {
        guard isNext(key) else { throw BinaryCodingError.missingKey(key.stringValue) }
    }

    private func advance() throws {
        index += 1
        try readKey()
    }

    /// Every key of the container (read over a copy of the position: only synthesized enums ask,
    /// before reading anything).
    var allKeys: [Key] {
        let saved = source.mark
        defer { source.reset(to: saved) }
        source.position = entriesStart
        var keys: [Key] = []
        for _ in 0..<count {
            guard let range = try? source.keyRange(), let name = try? source.text(range), let key = Key(stringValue: name) else { break }
            keys.append(key)
            if (try? source.skipValue()) == nil { break }
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { isNext(key) }

    func decodeNil(forKey key: Key) throws -> Bool {
        try seek(key)
        guard try source.peek() == Tag.null else { return false }
        source.position += 1
        try advance()
        return true
    }

    private func value<T>(_ key: Key, _ read: () throws -> T) throws -> T {
        try seek(key)
        let result = try read()
        try advance()
        return result
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key) { try source.bool() } }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key) { try source.string() } }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key) { try source.double() } }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(key) { Float(try source.double()) } }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key) { try source.integer(Int.self) } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key) { try source.integer(Int8.self) } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key) { try source.integer(Int16.self) } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key) { try source.integer(Int32.self) } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key) { try source.integer(Int64.self) } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key) { try source.integer(UInt.self) } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key) { try source.integer(UInt8.self) } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key) { try source.integer(UInt16.self) } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key) { try source.integer(UInt32.self) } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key) { try source.integer(UInt64.self) } }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try value(key) { try read(decodable: type) }
    }

    // Optionals: absent when their key is not next (nil values are not written).
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(key) { try source.bool() } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(key) { try source.string() } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optional(key) { try source.integer(Int.self) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optional(key) { try source.integer(Int64.self) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optional(key) { try source.integer(UInt64.self) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(key) { try source.double() } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try optional(key) { try read(decodable: type) }
    }

    private func optional<T>(_ key: Key, _ read: () throws -> T) throws -> T? {
        guard isNext(key) else { return nil }
        if try source.peek() == Tag.null {
            source.position += 1
            try advance()
            return nil
        }
        let result = try read()
        try advance()
        return result
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try value(key) { KeyedDecodingContainer(try KeyedReader<NestedKey>(source: source, codingPath: codingPath)) }
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try value(key) { try UnkeyedReader(source: source, codingPath: codingPath) }
    }

    func superDecoder() throws -> Decoder { throw BinaryCodingError.unsupported("superDecoder") }
    func superDecoder(forKey key: Key) throws -> Decoder { throw BinaryCodingError.unsupported("superDecoder") }
}

final class UnkeyedReader: UnkeyedDecodingContainer, PrimitiveReading {
    let source: BinaryReader
    let codingPath: [CodingKey]
    let count: Int?
    private(set) var currentIndex = 0

    init(source: BinaryReader, codingPath: [CodingKey]) throws {
        self.source = source
        self.codingPath = codingPath
        let tag = try source.byte()
        guard tag == Tag.unkeyed else { throw BinaryCodingError.unexpectedTag(tag) }
        count = try source.count32()
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    private func element<T>(_ read: () throws -> T) throws -> T {
        guard !isAtEnd else { throw BinaryCodingError.truncated }
        let result = try read()
        currentIndex += 1
        return result
    }

    func decodeNil() throws -> Bool {
        guard !isAtEnd, try source.peek() == Tag.null else { return false }
        source.position += 1
        currentIndex += 1
        return true
    }

    func decode(_ type: Bool.Type) throws -> Bool { try element { try source.bool() } }
    func decode(_ type: String.Type) throws -> String { try element { try source.string() } }
    func decode(_ type: Double.Type) throws -> Double { try element { try source.double() } }
    func decode(_ type: Float.Type) throws -> Float { try element { Float(try source.double()) } }
    func decode(_ type: Int.Type) throws -> Int { try element { try source.integer(Int.self) } }
    func decode(_ type: Int8.Type) throws -> Int8 { try element { try source.integer(Int8.self) } }
    func decode(_ type: Int16.Type) throws -> Int16 { try element { try source.integer(Int16.self) } }
    func decode(_ type: Int32.Type) throws -> Int32 { try element { try source.integer(Int32.self) } }
    func decode(_ type: Int64.Type) throws -> Int64 { try element { try source.integer(Int64.self) } }
    func decode(_ type: UInt.Type) throws -> UInt { try element { try source.integer(UInt.self) } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try element { try source.integer(UInt8.self) } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try element { try source.integer(UInt16.self) } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try element { try source.integer(UInt32.self) } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try element { try source.integer(UInt64.self) } }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try element { try read(decodable: type) } }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try element { KeyedDecodingContainer(try KeyedReader<NestedKey>(source: source, codingPath: codingPath)) }
    }

    func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        try element { try UnkeyedReader(source: source, codingPath: codingPath) }
    }

    func superDecoder() throws -> Decoder { throw BinaryCodingError.unsupported("superDecoder") }
}

struct SingleReader: SingleValueDecodingContainer, PrimitiveReading {
    let source: BinaryReader
    let codingPath: [CodingKey]

    func decodeNil() -> Bool {
        guard (try? source.peek()) == Tag.null else { return false }
        source.position += 1
        return true
    }

    func decode(_ type: Bool.Type) throws -> Bool { try source.bool() }
    func decode(_ type: String.Type) throws -> String { try source.string() }
    func decode(_ type: Double.Type) throws -> Double { try source.double() }
    func decode(_ type: Float.Type) throws -> Float { Float(try source.double()) }
    func decode(_ type: Int.Type) throws -> Int { try source.integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try source.integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try source.integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try source.integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try source.integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try source.integer(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try source.integer(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try source.integer(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try source.integer(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try source.integer(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try read(decodable: type) }
}
