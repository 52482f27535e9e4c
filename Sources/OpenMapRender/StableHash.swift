/// What a view holds, as a stable hash: two pages with the same template, templates and
/// fingerprint render to the same bytes, so an unchanged page need not be rendered again.
import OpenMapContent

enum ViewFingerprint {
    static func combine(_ value: Any, into hasher: inout StableHasher) {
        switch value {
        case let text as String:
            combine(text: text, into: &hasher)
        case let view as [String: Any]:
            combine(view: view, into: &hasher)
        // Lists of views and of texts by their own types: cast to [Any], they would be copied
        // into a new array of boxes, element by element, for every list of every page.
        case let list as [[String: Any]]:
            hasher.combine(3)
            hasher.combine(UInt64(list.count))
            for view in list { combine(view: view, into: &hasher) }
        case let list as [String]:
            hasher.combine(3)
            hasher.combine(UInt64(list.count))
            for text in list { combine(text: text, into: &hasher) }
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

    private static func combine(text: String, into hasher: inout StableHasher) {
        hasher.combine(1)
        hasher.combine(text)
    }

    private static func combine(view: [String: Any], into hasher: inout StableHasher) {
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
    }
}
