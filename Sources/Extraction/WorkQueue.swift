import Foundation

/// Hands out work items to worker threads and collects their results so that the caller can consume them in
/// the items' order, whatever order the workers finish in. That keeps the store identical for any number of
/// workers (face ids follow file order).
final class OrderedWorkQueue<Item: Sendable, Result: Sendable>: @unchecked Sendable {
    private let items: [Item]
    private let condition = NSCondition()
    private var nextItem = 0
    private var results: [Int: Result] = [:]
    private var cancelled = false

    init(_ items: [Item]) { self.items = items }

    /// Starts `workers` threads; each calls `makeWorker` once on its own thread (to own per-thread state such as
    /// dlib models) and then the returned function on items until none are left.
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

    private func take() -> (Int, Item)? {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled, nextItem < items.count else { return nil }
        nextItem += 1
        return (nextItem - 1, items[nextItem - 1])
    }

    /// Waits for the result of item `index` (results must be taken in order 0, 1, 2, …).
    func result(_ index: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        return results.removeValue(forKey: index)!
    }

    /// Stops handing out items (workers finish the item they hold).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }
}
