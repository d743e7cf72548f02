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

    /// A heap of `elements`, built bottom-up in O(n) (Floyd, "Algorithm 245: Treesort 3", CACM 1964).
    init(_ elements: [Element]) {
        items = elements
        guard items.count > 1 else { return }
        items.withUnsafeMutableBufferPointer { heap in
            for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { Self.siftDown(heap, from: i, item: heap[i]) }
        }
    }

    var isEmpty: Bool { items.isEmpty }

    // The sift loops move a hole instead of swapping and skip bounds checks: the merge queue of a 13k-face
    // clustering sees half a million pushes and pops, and they were most of its time.
    mutating func push(_ item: Element) {
        items.append(item)
        items.withUnsafeMutableBufferPointer { heap in
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Element.precedes(item, heap[parent]) else { break }
                heap[i] = heap[parent]
                i = parent
            }
            heap[i] = item
        }
    }

    mutating func pop() -> Element? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items.withUnsafeMutableBufferPointer { Self.siftDown($0, from: 0, item: last) }
        }
        return first
    }

    /// Places `item` at `start` or below it, moving smaller children up.
    private static func siftDown(_ heap: UnsafeMutableBufferPointer<Element>, from start: Int, item: Element) {
        let count = heap.count
        var i = start
        while true {
            let l = 2 * i + 1
            if l >= count { break }
            var child = l
            if l + 1 < count, Element.precedes(heap[l + 1], heap[l]) { child = l + 1 }
            guard Element.precedes(heap[child], item) else { break }
            heap[i] = heap[child]
            i = child
        }
        heap[i] = item
    }
}
