import Foundation
import Pipeline
import Store

/// Ctrl-C in the query shell: the first stops the statement that is running (SQL stops at once; a centrality being
/// computed cannot be stopped, so a second Ctrl-C while it still runs leaves the shell, status 130). At the prompt
/// Ctrl-C does nothing: `.quit` or Ctrl-D leave.
final class InterruptHandler: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false
    private var interrupted = false
    private var source: DispatchSourceSignal?

    init(store: FaceStore) {
        // The signal is delivered to the dispatch source, not to the default action that ends the process.
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.fire(store) }
        source.resume()
        self.source = source
    }

    /// Runs `body` as the statement Ctrl-C stops.
    func run<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock { running = true; interrupted = false }
        defer { lock.withLock { running = false } }
        return try body()
    }

    private func fire(_ store: FaceStore) {
        let (active, again) = lock.withLock { () -> (Bool, Bool) in
            let again = interrupted
            if running { interrupted = true }
            return (running, again)
        }
        guard active else { return }
        if again {
            warn("\ninterrupted twice: leaving")
            exit(130)
        }
        store.interrupt()
    }
}
