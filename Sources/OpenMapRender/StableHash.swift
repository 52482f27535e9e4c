/// What a view holds, as a stable hash: two pages with the same template, templates and
/// fingerprint render to the same bytes, so an unchanged page need not be rendered again.
import OpenMapContent

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
        case let list as FragmentList:
            hasher.combine(10)
            hasher.combine(list.fingerprint)
        default:
            hasher.combine(8)
            hasher.combine(String(describing: value))
        }
    }
}
