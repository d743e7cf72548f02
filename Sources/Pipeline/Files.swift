import Foundation
import Imaging
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
public func writeFile(_ text: String, to path: String) throws {
    if let problem = pathProblem(path) { throw UserError(problem) }
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
    let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
    guard descriptor >= 0 else { throw UserError("cannot write \(path): \(String(cString: strerror(errno)))") }
    var reason = writeAll(text, to: descriptor)
    if close(descriptor) != 0, reason == nil { reason = String(cString: strerror(errno)) }
    if let reason { throw UserError("cannot write \(path): \(reason)") }
}

/// Why `writeFile` could not write `path` (named after `option`), found before any long step: empty, a folder, or
/// in a folder that does not exist or may not be written (or an existing file that may not be written); nil when
/// it can.
public func writeProblem(_ path: String, option: String) -> String? {
    guard !path.isEmpty else { return "\(option) needs a file name" }
    if let problem = pathProblem(path) { return problem }
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

/// What is wrong with `path` as a file to write, from its spelling and its folder alone; nil when nothing is.
private func pathProblem(_ path: String) -> String? {
    guard !path.isEmpty else { return "cannot write to an empty path: give a file name" }
    if path.hasSuffix("/") { return "cannot write \(path): give a file name (the path ends with '/')" }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
        return "cannot write \(path): the folder \(folder) does not exist"
    }
    return isFolder.boolValue ? nil : "cannot write \(path): \(folder) is a file, not a folder"
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
