/// SplitMix64: a small, fast generator whose sequence depends only on the seed, on every platform.
public struct SeededRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    public mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// `count` distinct indices of 0..<total, in drawing order.
    mutating func distinct(_ count: Int, of total: Int) -> [Int] {
        var pool = Array(0..<total)
        var result: [Int] = []
        for _ in 0..<min(count, total) {
            let index = below(pool.count)
            result.append(pool.remove(at: index))
        }
        return result
    }
}
