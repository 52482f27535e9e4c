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

/// What a view holds, as a stable hash: two pages with the same template, templates and
/// fingerprint render to the same bytes, so an unchanged page need not be rendered again.
enum ViewFingerprint {
    static func combine(_ value: Any, into hasher: inout StableHasher) {
        switch value {
        case let text as String:
            hasher.combine(1)
            hasher.combine(text)
        case let view as [String: Any]:
            hasher.combine(2)
            hasher.combine(UInt64(view.count))
            // Each key and value hashed on its own, then summed: the same for any order of
            // iteration, without sorting the keys of every view of every page.
            var sum: UInt64 = 0
            for (key, element) in view {
                var entry = StableHasher()
                entry.combine(key)
                combine(element, into: &entry)
                sum &+= entry.finalize()
            }
            hasher.combine(sum)
        case let list as [Any]:
            hasher.combine(3)
            hasher.combine(UInt64(list.count))
            for element in list { combine(element, into: &hasher) }
        case let flag as Bool:
            hasher.combine(flag ? 4 : 5)
        case let number as Int:
            hasher.combine(6)
            hasher.combine(UInt64(bitPattern: Int64(number)))
        case let fragment as Fragment:
            hasher.combine(7)
            hasher.combine(fragment.fingerprint)
        case let fragment as RootedFragment:
            hasher.combine(9)
            hasher.combine(fragment.fingerprint)
        default:
            hasher.combine(8)
            hasher.combine(String(describing: value))
        }
    }
}
