@testable import Analysis
import XCTest

/// The agglomeration's hash table against Swift's Dictionary as the model: the same contents after every step of
/// a long random run of inserts, updates and removals (including removals inside probe runs that wrap around).
final class PairMapTests: XCTestCase {
    func testAgreesWithDictionaryThroughRandomUpdates() {
        var generator = SplitMix64(seed: 11)
        for keySpace in [8, 64, 5_000] {
            var map = PairMap()
            var model: [Int: PairStats] = [:]
            for step in 0..<20_000 {
                let key = Int(generator.next() % UInt64(keySpace))
                if generator.next() % 3 == 0 {
                    map[key] = nil
                    model[key] = nil
                } else {
                    let stats = PairStats(count: step, sum: Double(key), minimum: Float(step), maximum: 0)
                    map[key] = stats
                    model[key] = stats
                }
                XCTAssertEqual(map.count, model.count)
                if step % 997 == 0 || keySpace == 8 {
                    XCTAssertEqual(Dictionary(uniqueKeysWithValues: map.map { ($0.key, $0.value.count) }),
                                   model.mapValues(\.count), "key space \(keySpace), step \(step)")
                }
                let probe = Int(generator.next() % UInt64(keySpace))
                XCTAssertEqual(map[probe]?.count, model[probe]?.count)
            }
        }
    }
}
