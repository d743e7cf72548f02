import Foundation
import Store
import Imaging

/// A file found under the photo folder that is an image by its bytes.
public struct PhotoFile: Sendable, Equatable {
    /// Path relative to the photo folder, '/'-separated, exactly as the file system spells it.
    public var relativePath: String
    public var url: URL
    public var format: ImageFormat
    public var size: Int
    public var modifiedAt: Double
}

/// What a walk of the photo folder found.
public struct WalkResult: Sendable {
    /// Files that are images by their bytes (every `ImageFormat`, decodable here or not), sorted by relative path.
    public var files: [PhotoFile]
    /// Folders and files that could not be read, with the reason.
    public var unreadable: [(path: String, reason: String)]
    /// Symbolic links left alone (not followed without `followSymlinks`).
    public var skippedLinks: [String]
}

/// Walks a photo folder recursively and keeps the files that are images by their first bytes, never by their
/// name: `IMG_0001.JPG` counts, a text file `notes.jpg.txt` does not. A file named like an image whose bytes are
/// not one (empty, text, damaged header) is reported, not skipped silently. It never enters a `Face Network`
/// folder (the tool's own output, at any depth), and follows symbolic links only when asked to (then a folder
/// reached a second time is reported instead of walked again, so loops end).
public enum PhotoWalker {
    public static let outputFolderName = CollectionLayout.folderName

    public static func walk(_ root: URL, followSymlinks: Bool = false) -> WalkResult {
        var files: [PhotoFile] = []
        var unreadable: [(String, String)] = []
        var skippedLinks: [String] = []
        var pending: [String] = [""]   // relative folder paths still to read
        var visited = Set<[UInt64]>()  // (device, inode) of folders walked, to detect link loops
        var rootInfo = stat()
        if stat(root.path, &rootInfo) == 0 { visited.insert([UInt64(rootInfo.st_dev), UInt64(rootInfo.st_ino)]) }
        while let relativeFolder = pending.popLast() {
            let folderURL = relativeFolder.isEmpty ? root : root.appendingPathComponent(relativeFolder)
            let names: [String]
            do {
                var undecodable: [(name: String, isFolder: Bool)] = []
                names = try entries(of: folderURL.path, undecodable: &undecodable)
                for (name, isFolder) in undecodable {
                    unreadable.append((relativeFolder.isEmpty ? name : relativeFolder + "/" + name,
                                       "\(isFolder ? "folder not read: its" : "its") name is not UTF-8 (an older encoding, "
                                       + "such as Latin-1 from an old archive), so it cannot be named in the store; rename "
                                       + "it to UTF-8 (for example with convmv -f latin1 -t utf-8 -r --notest)"))
                }
            } catch {
                unreadable.append((relativeFolder.isEmpty ? "." : relativeFolder, "folder cannot be read: \(fileErrorReason(error))"))
                continue
            }
            for name in names.sorted() {
                let relative = relativeFolder.isEmpty ? name : relativeFolder + "/" + name
                if name == outputFolderName { continue }
                let url = folderURL.appendingPathComponent(name)
                var info = stat()
                guard lstat(url.path, &info) == 0 else {
                    unreadable.append((relative, "cannot be read: \(String(cString: strerror(errno)))"))
                    continue
                }
                if info.st_mode & S_IFMT == S_IFLNK {
                    guard followSymlinks else {
                        skippedLinks.append(relative)
                        continue
                    }
                    guard stat(url.path, &info) == 0 else {
                        unreadable.append((relative, "broken symbolic link: \(String(cString: strerror(errno)))"))
                        continue
                    }
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
                        unreadable.append((relative, "not walked again: this folder is reached twice through symbolic links (a loop, or a second link to it)"))
                        continue
                    }
                    pending.append(relative)
                case S_IFREG:
                    guard let format = sniff(url, unreadable: &unreadable, relative: relative) else { continue }
                    files.append(PhotoFile(
                        relativePath: relative, url: url, format: format, size: Int(info.st_size),
                        modifiedAt: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9))
                default:
                    continue // devices, sockets, pipes: not photos
                }
            }
        }
        files.sort { $0.relativePath < $1.relativePath }
        return WalkResult(files: files, unreadable: unreadable.sorted { $0.0 < $1.0 }, skippedLinks: skippedLinks.sorted())
    }

    /// The names in the folder at `path` (without `.` and `..`) that are UTF-8; the others go to `undecodable`
    /// (with whether they are folders), each byte outside UTF-8 written as `\xHH`. FileManager would decode them lossily (U+FFFD), and the name it
    /// gave could not be opened again.
    /// - Throws: `POSIXError` when the folder cannot be opened.
    static func entries(of path: String, undecodable: inout [(name: String, isFolder: Bool)]) throws -> [String] {
        guard let directory = opendir(path) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                names.append(name)
            } else {
                undecodable.append((escapingNonUTF8(bytes), entry.pointee.d_type == UInt8(DT_DIR)))
            }
        }
        return names
    }

    /// `bytes` as text: its UTF-8 sequences as they are, every other byte as `\xHH` ("caf\xe9.jpg").
    static func escapingNonUTF8(_ bytes: [UInt8]) -> String {
        var text = "", i = 0
        while i < bytes.count {
            if let length = (1...4).first(where: { i + $0 <= bytes.count && String(validating: bytes[i..<i + $0], as: UTF8.self) != nil }) {
                text += String(decoding: bytes[i..<i + length], as: UTF8.self)
                i += length
            } else {
                text += String(format: "\\x%02x", bytes[i])
                i += 1
            }
        }
        return text
    }

    /// File name endings of images, used only to report files that are named like images but are not (and to pick
    /// the reference photos in a folder of known people).
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "jpe", "png", "gif", "webp", "tif", "tiff", "heic", "heif",
                                               "hif", "avif", "bmp", "dib"]

    /// The file at `relative` under `root`, as a walk would have found it: for a path another worker queued (its
    /// walk found it, this one's did not). Returns the reason when it is not a readable image here.
    public static func file(_ root: URL, relative: String) -> Result<PhotoFile, Failure> {
        let url = root.appendingPathComponent(relative)
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            return .failure(Failure(path: relative, reason: "cannot be read under \(root.path) on this machine: "
                                    + String(cString: strerror(errno))))
        }
        var unreadable: [(String, String)] = []
        guard let format = sniff(url, unreadable: &unreadable, relative: relative) else {
            return .failure(Failure(path: relative, reason: unreadable.first?.1 ?? "not an image format we know"))
        }
        return .success(PhotoFile(relativePath: relative, url: url, format: format, size: Int(info.st_size),
                                  modifiedAt: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9))
    }

    private static func sniff(_ url: URL, unreadable: inout [(String, String)], relative: String) -> ImageFormat? {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            unreadable.append((relative, "file cannot be opened for reading"))
            return nil
        }
        defer { try? handle.close() }
        do {
            let header = try handle.read(upToCount: ImageFormat.headerLength) ?? Data()
            let format = ImageFormat.sniff(header)
            if format == nil, imageExtensions.contains(url.pathExtension.lowercased()) {
                unreadable.append((relative, header.isEmpty ? "empty file (0 bytes)"
                                   : "named like an image, but its bytes are not an image format we know"))
            }
            return format
        } catch {
            unreadable.append((relative, "file cannot be read: \(fileErrorReason(error))"))
            return nil
        }
    }

}
