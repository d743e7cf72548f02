/// An element of a `MinHeap`: `precedes` is its strict order (the first popped precedes all others).
protocol HeapOrdered {
    static func precedes(_ x: Self, _ y: Self) -> Bool
}

/// A 4-ary min-heap (Williams, "Algorithm 232: Heapsort", CACM 1964, with four children per node as Johnson's
/// d-heaps, "Priority queues with update and finding minimum spanning trees", Inf. Process. Lett. 1975): O(log n)
/// push and pop. The merge queue of agglomerative clustering and the seed list of OPTICS. Four children make the
/// heap half as deep as a binary one and put siblings in one cache line: at a million faces the queue holds tens of
/// millions of candidates and each level of a pop is a cache miss. The order is strict and total, so the pops come
/// out in the same order whatever the arity. The order is a static requirement rather than a stored
/// closure so that it is specialised and inlined (a closure call per comparison made the heap a third of AHC's
/// time on LFW).
struct MinHeap<Element: HeapOrdered> {
    private var items: [Element] = []

    init() {}

    /// A heap of `elements`, built bottom-up in O(n) (Floyd, "Algorithm 245: Treesort 3", CACM 1964).
    /// `elements` is left empty: taking the buffer instead of copying it keeps one copy of a queue that may hold
    /// tens of millions of candidates.
    init(taking elements: inout [Element]) {
        swap(&items, &elements)
        guard items.count > 1 else { return }
        items.withUnsafeMutableBufferPointer { heap in
            for i in stride(from: (heap.count - 2) / 4, through: 0, by: -1) { Self.siftDown(heap, from: i, item: heap[i]) }
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
                let parent = (i - 1) / 4
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
            let first = 4 * i + 1
            if first >= count { break }
            var child = first
            for c in (first + 1)..<min(first + 4, count) where Element.precedes(heap[c], heap[child]) { child = c }
            guard Element.precedes(heap[child], item) else { break }
            heap[i] = heap[child]
            i = child
        }
        heap[i] = item
    }
}
