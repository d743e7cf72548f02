/// An element of a `MinHeap`: `precedes` is its strict order (the first popped precedes all others).
protocol HeapOrdered {
    static func precedes(_ x: Self, _ y: Self) -> Bool
}

/// A binary min-heap (Williams, "Algorithm 232: Heapsort", CACM 1964): O(log n) push and pop. The merge queue of
/// agglomerative clustering and the seed list of OPTICS. The order is a static requirement rather than a stored
/// closure so that it is specialised and inlined (a closure call per comparison made the heap a third of AHC's
/// time on LFW).
struct MinHeap<Element: HeapOrdered> {
    private var items: [Element] = []

    init() {}

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ item: Element) {
        items.append(item)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Element.precedes(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Element? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < items.count, Element.precedes(items[l], items[best]) { best = l }
                if r < items.count, Element.precedes(items[r], items[best]) { best = r }
                if best == i { break }
                items.swapAt(i, best)
                i = best
            }
        }
        return first
    }
}
