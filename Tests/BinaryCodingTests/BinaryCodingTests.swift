import BinaryCoding
import Testing

/// Values of every shape the build record holds: optionals (nil and not, first and last),
/// enums with and without payloads, nested lists, repeated strings, every integer width.
struct Sample: Codable, Equatable {
    enum Budget: Codable, Equatable {
        case range(min: Int, max: Int)
        case single(Int)
        case toBeDefined
    }

    enum Status: String, Codable, Equatable { case open, closed }

    var first: String?
    var title: String
    var count: Int
    var negative: Int64
    var small: UInt8
    var large: UInt64
    var ratio: Double
    var flag: Bool
    var budget: Budget?
    var budgets: [Budget]
    var status: Status
    var tags: [String]
    var nested: [[Int?]]
    var bytes: [UInt8]
    var child: Child?
    var last: String?

    struct Child: Codable, Equatable {
        var name: String
        var note: String?
    }
}

@Suite struct BinaryCodingTests {
    static let samples: [Sample] = [
        Sample(first: nil, title: "Plaine Commune — feuille de route", count: 3, negative: -42, small: 255, large: .max,
               ratio: 0.25, flag: true, budget: .range(min: 20_000, max: 50_000),
               budgets: [.single(7), .toBeDefined, .range(min: 0, max: 0)], status: .closed,
               tags: ["opendata", "opendata", "mobilité", ""], nested: [[1, nil, 3], [], [nil]], bytes: [0, 1, 254],
               child: Sample.Child(name: "opendata", note: nil), last: "fin"),
        Sample(first: "début", title: "", count: 0, negative: .min, small: 0, large: 0, ratio: -1e300, flag: false,
               budget: nil, budgets: [], status: .open, tags: [], nested: [], bytes: [], child: nil, last: nil),
    ]

    @Test(arguments: samples)
    func readsBackWhatItWrites(_ sample: Sample) throws {
        let bytes = try BinaryCoding.encode(sample)
        #expect(try BinaryCoding.decode(Sample.self, from: bytes) == sample)
        #expect(try BinaryCoding.encode(sample) == bytes)  // the same value, the same bytes
    }

    @Test func digestsTellValuesApart() {
        let (one, two) = (Self.samples[0], Self.samples[1])
        var changed = one
        changed.tags[1] = "opendatA"
        #expect(BinaryCoding.digest(one) == BinaryCoding.digest(one))
        #expect(BinaryCoding.digest(one) != BinaryCoding.digest(two))
        #expect(BinaryCoding.digest(one) != BinaryCoding.digest(changed))
    }

    /// Any cut or changed byte gives an error or another value, never a crash.
    @Test func damagedBytesNeverCrash() throws {
        let bytes = try BinaryCoding.encode(Self.samples[0])
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try BinaryCoding.decode(Sample.self, from: Array(bytes.prefix(length))) }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var damaged = bytes
            damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            _ = try? BinaryCoding.decode(Sample.self, from: damaged)
        }
    }

    @Test func aTypeThatDoesNotMatchIsAnError() throws {
        let bytes = try BinaryCoding.encode(Sample.Child(name: "x", note: "y"))
        #expect(throws: (any Error).self) { try BinaryCoding.decode(Sample.self, from: bytes) }
    }

    /// A record's checksum: any one changed byte, in any lane or in the tail, and any length
    /// change give another digest.
    @Test func digestSeesEveryByteAndTheLength() {
        let bytes = (0..<75).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let original = StableDigest.of(bytes)
        var digests: Set<UInt64> = [original]
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 0x01
            digests.insert(StableDigest.of(changed))
        }
        for length in 0..<bytes.count { digests.insert(StableDigest.of(Array(bytes.prefix(length)))) }
        #expect(digests.count == 1 + 2 * bytes.count)
        #expect(StableDigest.of(bytes) == original)
    }

    /// Given in parts of any sizes, the bytes have the digest they have whole.
    @Test func digestOfPartsIsTheDigestOfTheWhole() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 101 &+ 7) }
        for partSize in [1, 3, 8, 31, 32, 33, 64, 100, 299, 300] {
            var stream = StableDigest.Stream()
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + partSize, bytes.count)
                stream.update(Array(bytes[offset..<end]))
                offset = end
            }
            #expect(stream.finalize() == StableDigest.of(bytes), "parts of \(partSize)")
        }
    }
}
