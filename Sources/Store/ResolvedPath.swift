import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where `path` is on disk, as the kernel finds it: the file itself resolved when it exists (symbolic links
/// followed), else its folder resolved (symbolic links and `..` in the order the kernel takes them) with the name
/// appended; the path as given when its folder does not exist either.
public func resolved(_ path: String) -> String {
    if let real = realpath(path, nil) {
        defer { free(real) }
        return String(cString: real)
    }
    let url = URL(fileURLWithPath: path)
    guard let folder = realpath(url.deletingLastPathComponent().path, nil) else { return url.path }
    defer { free(folder) }
    return URL(fileURLWithPath: String(cString: folder)).appendingPathComponent(url.lastPathComponent).path
}

