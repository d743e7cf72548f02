import Foundation

/// Hands out work items to worker threads and collects their results so that the caller can consume them in
/// the items' order, whatever order the workers finish in. Items are appended as the caller claims them from the
/// store's queue; with one process the store is then the same for any number of workers (face ids follow the order
/// of the walk).
final class OrderedWorkQueue<Item: Sendable, Result: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Items appended and not yet taken, by index: taken ones are let go.
    private var items: [Int: Item] = [:]
    private var appended = 0
    private var nextItem = 0
    private var results: [Int: Result] = [:]
    private var cancelled = false

    init(_ items: [Item] = []) { append(items) }

    /// Starts `workers` threads; each calls `makeWorker` once on its own thread (to own per-thread state such as
    /// dlib models) and then the returned function on items as they come, until `cancel()`.
    func start(workers: Int, makeWorker: @escaping @Sendable () -> ((Item) -> Result)) {
        for _ in 0..<max(1, workers) {
            let thread = Thread { [self] in
                let work = makeWorker()
                while let (index, item) = take() {
                    let result = work(item)
                    condition.lock()
                    results[index] = result
                    condition.broadcast()
                    condition.unlock()
                }
            }
            thread.stackSize = 8 << 20   // dlib's detector and network use deep stacks
            thread.start()
        }
    }

    /// Adds items after those given before; returns the index of the first.
    @discardableResult
    func append(_ more: [Item]) -> Int {
        condition.lock()
        defer { condition.unlock() }
        let first = appended
        for item in more {
            items[appended] = item
            appended += 1
        }
        condition.broadcast()
        return first
    }

    /// The next item for a worker; waits for one to be appended, nil once cancelled.
    private func take() -> (Int, Item)? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, nextItem >= appended { condition.wait() }
        guard !cancelled, let item = items.removeValue(forKey: nextItem) else { return nil }
        nextItem += 1
        return (nextItem - 1, item)
    }

    /// Waits for the result of item `index` (results must be taken in order 0, 1, 2, …).
    func result(_ index: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        return results.removeValue(forKey: index)!
    }

    /// Stops handing out items (workers finish the item they hold, then end).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
