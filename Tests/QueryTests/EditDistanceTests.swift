@testable import Query
import People
import Reports
import XCTest

final class EditDistanceTests: XCTestCase {
    func testDistances() {
        XCTAssertEqual(EditDistance.between("kitten", "sitting"), 3)
        XCTAssertEqual(EditDistance.between("wiht", "with"), 1, "a swap of neighbours is one edit")
        XCTAssertEqual(EditDistance.between("ALICE", "alice"), 0)
        XCTAssertEqual(EditDistance.between("", "abc"), 3)
        XCTAssertEqual(EditDistance.between("Zoë", "Zoe"), 1)
    }

    func testClosestNames() {
        let names = ["Alice", "Alicia", "Bob", "Robert", "Zoë"]
        XCTAssertEqual(EditDistance.closest(to: "Alcie", among: names), ["Alice", "Alicia"])
        XCTAssertEqual(EditDistance.closest(to: "rob", among: names), ["Bob", "Robert"])
        XCTAssertEqual(EditDistance.closest(to: "Xavier", among: names), [])
    }
}
