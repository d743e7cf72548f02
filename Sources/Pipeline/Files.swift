import Foundation
import Imaging
import Store
#if canImport(Glibc)
import Glibc
#endif

/// A mistake in what the user asked for: printed as "Error: …" without the usage text, exit status 1.
public struct UserError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Paths as printed on one line: control characters (newlines in file names) escaped.
public func printable(_ path: String) -> String {
    path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? String(format: "\\x%02x", $0.value) : String($0) }.joined()
}

/// Writes `text` to `path`, turning file-system errors into a sentence that names the file.
///
/// A regular file, or a path where nothing is yet, is replaced atomically (a temporary file renamed over it), so a
/// reader never sees half a file. Anything else that exists — a symbolic link, a FIFO, a device such as
/// `/dev/stdout` — is written through and never replaced: renaming over it would delete the link or the device.
/// - Throws: `UserError` naming the path when it is a folder or cannot be written (including a full disk).
/// - Throws: `UserError` too when `path` holds a picture or a database (`precious`): no output of this tool is one,
///   so such a file is a photo or a store given by mistake, and is never replaced.
public func writeFile(_ text: String, to path: String) throws {
    if let problem = pathProblem(path) { throw UserError(problem) }
    if let problem = precious(path) { throw UserError(problem) }
    var status = stat()
    let exists = lstat(path, &status) == 0
    let kind = status.st_mode & S_IFMT
    if exists, kind == S_IFDIR { throw UserError("cannot write \(path): it is a folder; give a file name") }
    guard exists, kind != S_IFREG else {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw UserError("cannot write \(path): \(fileErrorReason(error))")
        }
        return
    }
    // A FIFO (itself or at the end of a symbolic link) is opened without waiting: with no process reading it, that
    // is an error now, not a hang.
    var target = stat()
    let fifo = stat(path, &target) == 0 && target.st_mode & S_IFMT == S_IFIFO
    let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | (fifo ? O_NONBLOCK : 0))
    guard descriptor >= 0 else {
        if errno == ENXIO { throw UserError("cannot write \(path): it is a FIFO that no process is reading") }
        throw UserError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    if fifo { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK) }
    var reason = writeAll(text, to: descriptor)
    if close(descriptor) != 0, reason == nil { reason = String(cString: strerror(errno)) }
    if let reason { throw UserError("cannot write \(path): \(reason)") }
}

/// Why `writeFile` could not write `path` (named after `option`), found before any long step: empty, a folder, or
/// in a folder that does not exist or may not be written (or an existing file that may not be written); nil when
/// it can.
/// Also refused: a file that holds a picture or a database (`precious`), and any of `protected` (the store and
/// its companion files, a command's own input) under whatever name: compared by device and inode.
public func writeProblem(_ path: String, option: String, protecting protected: [ProtectedFile] = []) -> String? {
    guard !path.isEmpty else { return "\(option) needs a file name" }
    if let problem = pathProblem(path) { return problem }
    if let problem = precious(path) { return problem }
    // The same file: by device and inode when it exists, by resolved path when it does not yet (a journal or lock
    // SQLite has not made yet must not become a report either).
    let target = fileIdentity(path), place = resolved(path)
    if let match = protected.first(where: { (target != nil && fileIdentity($0.path) == target) || resolved($0.path) == place }) {
        return "\(option) \(path) is \(match.path == path ? "" : "the same file as \(match.path), ")\(match.role); "
            + "give another file name"
    }
    var status = stat()
    if lstat(path, &status) == 0 {
        if status.st_mode & S_IFMT == S_IFDIR { return "cannot write \(path): it is a folder; give a file name" }
        if status.st_mode & S_IFMT != S_IFREG {
            return access(path, W_OK) == 0 ? nil : "cannot write \(path): \(String(cString: strerror(errno)))"
        }
    }
    // A regular file is replaced by a rename in its folder, so the folder must exist and be writable.
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return access(folder, W_OK) == 0 ? nil : "cannot write \(path): \(String(cString: strerror(errno))) (\(folder))"
}

/// The files a store at `storePath` (SQLite) keeps beside itself: its journals, shared memory and run lock, beside
/// the real file when that name is a symbolic link (where SQLite and the run lock put them), and beside the name
/// given (where a store a link points at has none yet, and older versions put the lock).
public func storeFiles(_ storePath: String) -> [ProtectedFile] {
    let names = Set([storePath, resolved(storePath)])
    let companions = [("", "the store"), ("-wal", "the store's write-ahead log"), ("-shm", "the store's shared memory"),
                      ("-journal", "the store's rollback journal"), (".lock", "the store's run lock")]
    return names.sorted().flatMap { name in companions.map { ProtectedFile(name + $0.0, role: $0.1) } }
}

/// A file an output must not replace, and what it is, for the refusal ("the store's run lock", "an input of this
/// command").
public struct ProtectedFile: Sendable {
    public let path: String
    public let role: String

    public init(_ path: String, role: String) {
        self.path = path
        self.role = role
    }

    /// Files the command reads.
    public static func inputs(_ paths: [String]) -> [ProtectedFile] { paths.map { ProtectedFile($0, role: "an input of this command") } }
}

/// Device and inode of the file at `path` (following symbolic links), nil when there is none.
private func fileIdentity(_ path: String) -> [UInt64]? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return [UInt64(status.st_dev), UInt64(status.st_ino)]
}

/// Why the existing file at `path` must not be replaced by an output: its first bytes are a picture in a format
/// this tool reads (a photo, perhaps of the collection) or an SQLite database or journal (a store); nil otherwise.
private func precious(_ path: String) -> String? {
    // Only a regular file is read: opening a FIFO to read would wait for a writer.
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
          let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let header = try? handle.read(upToCount: ImageFormat.headerLength), !header.isEmpty else { return nil }
    if let format = ImageFormat.sniff(header) {
        return "will not write over \(path): it is a picture (\(format.rawValue.uppercased())); give another file name"
    }
    let sqlite = Data("SQLite format 3\u{0}".utf8)
    // The write-ahead log's two magic numbers and the rollback journal's (sqlite.org/fileformat.html).
    let magic: [[UInt8]] = [[0x37, 0x7f, 0x06, 0x82], [0x37, 0x7f, 0x06, 0x83],
                            [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]]
    if header.starts(with: sqlite) || magic.contains(where: { header.starts(with: $0) }) {
        return "will not write over \(path): it is an SQLite database (a face-network store?); give another file name"
    }
    return nil
}

/// What is wrong with `path` as a file to write, from its spelling and its folder alone; nil when nothing is.
private func pathProblem(_ path: String) -> String? {
    guard !path.isEmpty else { return "cannot write to an empty path: give a file name" }
    if path.hasSuffix("/") { return "cannot write \(path): give a file name (the path ends with '/')" }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
        return "cannot write \(path): the folder \(folder) does not exist"
    }
    guard isFolder.boolValue else { return "cannot write \(path): \(folder) is a file, not a folder" }
    // A symbolic link is written through (never replaced), so one that leads nowhere cannot be written.
    var status = stat()
    if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, stat(path, &status) != 0, errno == ENOENT,
       let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
        return "cannot write \(path): it is a symbolic link to \(target), which does not exist; "
            + "give another file name, or make the file it leads to first"
    }
    return nil
}

/// Writes all of `text` to `descriptor` (resuming after partial writes and signals); nil on success, else the
/// system's reason.
public func writeAll(_ text: String, to descriptor: Int32) -> String? {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if count < 0 {
            if errno == EINTR { continue }
            return String(cString: strerror(errno))
        }
        offset += count
    }
    return nil
}
