import Foundation

/// Runs per-source work over every core (Brandes' betweenness, closeness, eccentricities): sources are cut into a
/// fixed number of contiguous blocks, worker threads take blocks in turn, and each block accumulates into its own
/// state. The states come back in block order, so summing them gives the same floating-point result on every run
/// of one machine whatever the thread timing.
enum ParallelSources {
    static func run<State>(count: Int, make: () -> State, work: (Int, inout State) -> Void) -> [State] {
        guard count > 0 else { return [] }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let blocks = min(count, max(1, 8 * cores))
        return withoutActuallyEscaping(make) { make in
            withoutActuallyEscaping(work) { work in
                let shared = SourceBlocks(count: count, blocks: blocks, make: make, work: work)
                DispatchQueue.concurrentPerform(iterations: min(cores, blocks)) { _ in shared.work() }
                return shared.results.map { $0! }
            }
        }
    }
}

/// The blocks of `ParallelSources.run` and their results. Each block is taken by exactly one thread (under the
/// lock) and its result slot written by that thread only; the results are read after every thread has finished.
private final class SourceBlocks<State>: @unchecked Sendable {
    let bounds: [Int]
    let make: () -> State
    let body: (Int, inout State) -> Void
    var results: [State?]
    private let lock = NSLock()
    private var next = 0

    init(count: Int, blocks: Int, make: @escaping () -> State, work: @escaping (Int, inout State) -> Void) {
        bounds = (0...blocks).map { $0 * count / blocks }
        self.make = make
        body = work
        results = [State?](repeating: nil, count: blocks)
    }

    func work() {
        while let block = take() {
            var state = make()
            for source in bounds[block]..<bounds[block + 1] { body(source, &state) }
            lock.lock()
            results[block] = state
            lock.unlock()
        }
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < bounds.count - 1 else { return nil }
        next += 1
        return next - 1
    }
}

/// Splits a loop over the rows of a graph (one output value per node) across every core, each thread writing
/// its own contiguous range of the output: used for the matrix–vector products of PageRank and eigenvector
/// centrality. Each value is computed by one thread in a fixed order, so results never depend on timing.
enum ParallelRows {
    static func fill(_ output: inout [Double], body: (Range<Int>, UnsafeMutableBufferPointer<Double>) -> Void) {
        let count = output.count
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // Below about 50,000 rows a thread costs more than it saves.
        let parts = count < 50_000 ? 1 : min(count, 4 * cores)
        output.withUnsafeMutableBufferPointer { out in
            if parts == 1 { body(0..<count, out); return }
            withoutActuallyEscaping(body) { body in
                let shared = RowParts(body: body, output: out)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    shared.body(part * count / parts..<(part + 1) * count / parts, shared.output)
                }
            }
        }
    }
}

/// What the threads of `ParallelRows.fill` share; each writes a disjoint range of `output`.
private final class RowParts: @unchecked Sendable {
    let body: (Range<Int>, UnsafeMutableBufferPointer<Double>) -> Void
    let output: UnsafeMutableBufferPointer<Double>
    init(body: @escaping (Range<Int>, UnsafeMutableBufferPointer<Double>) -> Void,
         output: UnsafeMutableBufferPointer<Double>) {
        self.body = body
        self.output = output
    }
}
