import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The write end of the watcher's pipe: all its signal handler touches (a handler may only make async-signal-safe
/// calls, such as write(2)). One watcher at a time per process.
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// Runs `handler` on a thread of its own, with the signal's number, each time the process gets one of `signals`,
/// until `cancel`, which restores the signals' default action (ending the process at once). Used by extract:
/// Ctrl-C and SIGTERM give the claims back and say what was kept. (The query shell keeps its dispatch source:
/// libedit handles SIGINT itself while it reads a line, and a Ctrl-C at the prompt then ended the shell.)
///
/// A signal handler (sigaction) that writes the signal's number to a pipe, read by that thread. Not a dispatch
/// signal source: on Linux it reads signals through signalfd, which sees a signal only when the thread the kernel
/// delivers it to blocks it, and threads the process started before (workers, database readers) do not; with the
/// disposition set to ignore, so that the process is not ended, a Ctrl-C delivered to one of them was dropped and
/// an extraction ran on to the end.
final class SignalWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var ends: [Int32] = [-1, -1]   // guarded by lock
    private let signals: [Int32]

    init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        guard pipe(&ends) == 0 else { return }   // then the default action ends the process, unannounced
        let readEnd = ends[0]
        Thread {
            var number: UInt8 = 0
            while read(readEnd, &number, 1) == 1 { handler(Int32(number)) }
            close(readEnd)
        }.start()
        signalPipe = ends[1]
        for number in signals {
            signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipe, &byte, 1)
            }
        }
    }

    /// Restores the signals' default action and stops the watching thread.
    func cancel() {
        for number in signals { signal(number, SIG_DFL) }
        lock.withLock {
            guard ends[1] >= 0 else { return }
            signalPipe = -1
            close(ends[1])   // the reading thread sees the end and stops
            ends[1] = -1
        }
    }

    deinit { cancel() }
}
