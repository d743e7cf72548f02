// How messages put numbers and lists into words, the same in the query shell and the commands.

/// "1 person", "3 people": `n` and the noun in the number that goes with it.
public func counted(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

/// "a", "a and b", "a, b and c".
public func listed(_ items: [String]) -> String {
    items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
}
