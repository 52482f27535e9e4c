/// A fast, stable 64-bit hash (the same in every run, unlike `Hasher`), eight bytes at a time,
/// for build caches: what a file or a page was made from. Collisions are further guarded by the
/// lengths the caches keep beside it.
public struct StableHasher: Sendable {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3

    public init() {}

    public mutating func combine(_ value: UInt64) {
        state = Self.mix(state ^ value)
    }

    public mutating func combine(_ raw: UnsafeRawBufferPointer) {
        combine(UInt64(raw.count))
        let count = raw.count
        var offset = 0
        while offset + 8 <= count {
            combine(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(raw[offset]) << shift
            shift += 8
            offset += 1
        }
        combine(tail ^ 0x9E37_79B9_7F4A_7C15)
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    public func finalize() -> UInt64 { Self.mix(state) }

    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 31)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}

/// The stable hash of a byte string.
public enum ContentHash {
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = StableHasher()
        bytes.withUnsafeBytes { hasher.combine($0) }
        return hasher.finalize()
    }

    public static func hash(_ text: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(text)
        return hasher.finalize()
    }
}

import OpenMapYAML

extension YAMLNode {
    /// A stable digest of what the node says (keys, values and how scalars were written), not
    /// of where it is: what the build record compares to tell whether a need, say, changed.
    var contentDigest: UInt64 {
        var hasher = StableHasher()
        combine(into: &hasher)
        return hasher.finalize()
    }

    private func combine(into hasher: inout StableHasher) {
        switch kind {
        case .scalar(let scalar):
            hasher.combine(1)
            hasher.combine(scalar.value)
            hasher.combine(scalar.style.isQuoted ? 1 : 2)
            hasher.combine(scalar.tag ?? "")
        case .sequence(let items):
            hasher.combine(2)
            hasher.combine(UInt64(items.count))
            for item in items { item.combine(into: &hasher) }
        case .mapping(let pairs):
            hasher.combine(3)
            hasher.combine(UInt64(pairs.count))
            for pair in pairs {
                pair.key.combine(into: &hasher)
                pair.value.combine(into: &hasher)
            }
        }
    }
}
