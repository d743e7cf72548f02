/// The pairs of one cluster in agglomerative clustering: neighbour slot → what is known of their face distances.
///
/// An open-addressing hash table (linear probing, backward-shift deletion: Knuth, TAOCP vol. 3, §6.4, Algorithm R)
/// with 32-bit keys and a multiplicative hash, in place of `[Int: PairStats]`: a 13k-face clustering makes about
/// two million lookups and updates, and Swift's seeded SipHash dictionary was a quarter of its time.
struct PairMap: Sequence {
    private var keys: [Int32]
    private var values: [PairStats]
    private(set) var count = 0
    fileprivate static let empty: Int32 = -1

    init(minimumCapacity: Int = 0) {
        var capacity = 4
        while capacity * 3 < minimumCapacity * 4 { capacity *= 2 }   // load factor at most 3/4
        keys = Array(repeating: Self.empty, count: capacity)
        values = Array(repeating: PairStats(count: 0, sum: 0, minimum: 0, maximum: 0), count: capacity)
    }

    @inline(__always) private func home(_ key: Int32) -> Int {
        // Fibonacci hashing (Knuth, §6.4): the high bits of key × 2³²/φ, spread over the table.
        Int((UInt32(bitPattern: key) &* 0x9E37_79B9) >> 8) & (keys.count - 1)
    }

    private func slot(of key: Int) -> Int? {
        let k = Int32(key), mask = keys.count - 1
        var i = home(k)
        while true {
            let found = keys[i]
            if found == k { return i }
            if found == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    subscript(key: Int) -> PairStats? {
        get { slot(of: key).map { values[$0] } }
        set {
            if let newValue { insert(key, newValue) } else { remove(key) }
        }
    }

    private mutating func insert(_ key: Int, _ value: PairStats) {
        if let i = slot(of: key) { values[i] = value; return }
        if (count + 1) * 4 > keys.count * 3 { grow() }
        let k = Int32(key), mask = keys.count - 1
        var i = home(k)
        while keys[i] != Self.empty { i = (i + 1) & mask }
        keys[i] = k
        values[i] = value
        count += 1
    }

    private mutating func remove(_ key: Int) {
        guard var hole = slot(of: key) else { return }
        let mask = keys.count - 1
        var i = hole
        // Shift later members of the probe run back into the hole when their home is not between hole and them.
        while true {
            i = (i + 1) & mask
            let k = keys[i]
            if k == Self.empty { break }
            let h = home(k)
            let movable = hole <= i ? (h <= hole || h > i) : (h <= hole && h > i)
            if movable {
                keys[hole] = k
                values[hole] = values[i]
                hole = i
            }
        }
        keys[hole] = Self.empty
        count -= 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        self = PairMap(minimumCapacity: oldKeys.count)
        for (k, v) in zip(oldKeys, oldValues) where k != Self.empty { insert(Int(k), v) }
    }

    func makeIterator() -> Iterator { Iterator(keys: keys, values: values) }

    struct Iterator: IteratorProtocol {
        let keys: [Int32]
        let values: [PairStats]
        var i = 0

        mutating func next() -> (key: Int, value: PairStats)? {
            while i < keys.count {
                defer { i += 1 }
                if keys[i] != PairMap.empty { return (Int(keys[i]), values[i]) }
            }
            return nil
        }
    }
}
