import Foundation

/// Each person's face crop under a name the tool makes, for drawings that refer to image files by name.
///
/// Graphviz copies a node's `image` file name into the SVG it draws without escaping it, so a photo's name (which
/// may hold a quote that ends the attribute, tags or `&amp;`) must never reach it: DOT files name the faces as
/// `person-faces/p<id>.jpg` (or `.png` for a PNG crop), links to the crops made here.
public enum PersonFaceFiles {
    /// The folder, beside the DOT file, that holds the faces it names.
    public static let folderName = "person-faces"

    /// Links (copies, where the file system cannot link) the crop of every person with one (`Node.facePath`,
    /// relative to `photos`) into `<parent>/person-faces/p<id>.<jpg|png>`, replacing what was there.
    /// - Returns: for each person with a crop, its path relative to `parent` (`person-faces/p12.jpg`), made only of
    ///   ASCII letters, digits, '-', '/' and '.'.
    /// - Throws: file errors when the folder cannot be made or a crop cannot be linked or copied.
    public static func place(_ network: NetworkData, photos: URL, in parent: URL) throws -> [Int64: String] {
        let folder = parent.appendingPathComponent(folderName)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var names: [Int64: String] = [:]
        for node in network.nodes {
            guard let crop = node.facePath else { continue }
            let source = photos.appendingPathComponent(crop)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            let name = "p\(node.id)." + (source.pathExtension.lowercased() == "png" ? "png" : "jpg")
            let target = folder.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: target)
            do {
                try FileManager.default.linkItem(at: source, to: target)
            } catch {
                try FileManager.default.copyItem(at: source, to: target)
            }
            names[node.id] = folderName + "/" + name
        }
        return names
    }
}
