import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock (`flock(2)`) on `<store>.lock`, held by the one command that writes the store.
/// The lock file is beside the real store file (a store named through a symbolic link, or with `..` after one, has
/// one lock whatever its spelling), like SQLite's own journals.
///
/// SQLite alone lets a second writer wait and then fail with "database is locked" in the middle of its work; the lock
/// makes the second command stop at once with a message that says why. The kernel drops the lock when the process
/// ends however it ends (kill -9 included), so a held lock always means a live writer and a free lock means that
/// any run still marked `running` was interrupted.
final class RunLock: @unchecked Sendable {
    private let storePath: String
    private let mutex = NSLock()
    private var descriptor: Int32 = -1   // guarded by mutex

    init(storePath: String) { self.storePath = storePath }

    /// The lock file of the store at `storePath`, found when it is used: a new store's folder exists only then.
    static func lockPath(storePath: String) -> String { resolved(storePath) + ".lock" }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// True when a process holds the lock of the store at `storePath` (a command is writing it now).
    static func isHeld(storePath: String) -> Bool {
        let fd = open(lockPath(storePath: storePath), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return true }
        flock(fd, LOCK_UN)
        return false
    }

    /// Takes the lock, or returns at once when this store already holds it; waits up to `patience` seconds for
    /// another process to let it go. Returns true when this call took it (false: it was held already).
    /// - Throws: `StoreError.busy` when another process still holds it; `StoreError.cannotOpen` when the lock file
    ///   cannot be created.
    @discardableResult
    func acquire(patience: TimeInterval = 0) throws -> Bool {
        mutex.lock(); defer { mutex.unlock() }
        guard descriptor < 0 else { return false }
        let path = Self.lockPath(storePath: storePath)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(patience)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard Date() < deadline else {
                close(fd)
                throw StoreError.busy(path: storePath)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        descriptor = fd
        return true
    }

    /// True when this process holds the lock.
    var isHeldHere: Bool {
        mutex.lock(); defer { mutex.unlock() }
        return descriptor >= 0
    }

    /// Lets the lock go (a query shell after an edit, so that it does not hold the store while it waits for input).
    func release() {
        mutex.lock(); defer { mutex.unlock() }
        guard descriptor >= 0 else { return }
        close(descriptor)   // closing the descriptor drops the flock
        descriptor = -1
    }
}
