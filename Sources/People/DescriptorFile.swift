import Analysis
import Foundation

/// A folder of face descriptors without images, as `../shared/data/lfw-descriptors` holds them: `descriptors.f32`
/// (n × 128 little-endian float32, row-major) and `faces.csv` with at least the columns `row` (0, 1, … in order),
/// `photo` and `identity` (empty: not labelled), and optionally `labelled` (1 = the face the identity names). Lets clustering be run and scored
/// without extraction (`face-network cluster-descriptors`, `bench/cluster`).
public struct DescriptorFile: Sendable {
    public var descriptors: Descriptors
    /// The photo of each row (for cannot-link), as a dense id.
    public var photos: [Int64]
    /// The identity of each row that is labelled, else nil.
    public var identities: [String?]

    /// Rows of descriptors with the photo (dense id) and, where labelled, the identity of each.
    public init(descriptors: Descriptors, photos: [Int64], identities: [String?]) {
        precondition(photos.count == descriptors.count && identities.count == descriptors.count,
                     "DescriptorFile: one photo and one identity (or nil) per descriptor")
        self.descriptors = descriptors
        self.photos = photos
        self.identities = identities
    }

    /// The two files of a descriptor folder.
    public static let descriptorsName = "descriptors.f32", facesName = "faces.csv"

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads `<folder>/descriptors.f32` and `<folder>/faces.csv`.
    /// - Throws: `LoadError` naming the file when either is missing, the float count is not a multiple of 128, or
    ///   the CSV's rows do not match the descriptors.
    public static func load(folder: String) throws -> DescriptorFile {
        let base = URL(fileURLWithPath: folder)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isFolder) else {
            throw LoadError(description: "the folder \(base.path) does not exist")
        }
        guard isFolder.boolValue else {
            throw LoadError(description: "\(base.path) is a file; give the folder that holds \(descriptorsName) and \(facesName)")
        }
        let binary = base.appendingPathComponent(descriptorsName), table = base.appendingPathComponent(facesName)
        for file in [binary, table] where !FileManager.default.fileExists(atPath: file.path) {
            throw LoadError(description: "\(file.path) does not exist")
        }
        guard let data = FileManager.default.contents(atPath: binary.path) else {
            throw LoadError(description: "cannot read \(binary.path) (no permission, or not a file)")
        }
        guard !data.isEmpty else { throw LoadError(description: "\(binary.path) is empty: there are no faces to cluster") }
        guard data.count % (4 * 128) == 0 else {
            throw LoadError(description: "\(binary.path) holds \(data.count) bytes, not rows of 128 float32")
        }
        let values: [Float] = data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
            }
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw LoadError(description: "\(binary.path): row \(bad / 128) holds \(values[bad]), not a finite number")
        }
        let descriptors = Descriptors(packed: values)
        guard let text = try? String(contentsOfFile: table.path, encoding: .utf8) else {
            throw LoadError(description: "cannot read \(table.path) as UTF-8 text")
        }
        let rows: [[String]]
        do { rows = try CSV.parse(text) } catch let error as CSV.UnclosedQuote {
            throw LoadError(description: "\(table.path) line \(error.line): a quoted field opens here and is never closed")
        }
        guard let header = rows.first else { throw LoadError(description: "\(table.path) is empty") }
        var columns: [String: Int] = [:]
        for name in ["row", "photo", "identity"] {
            guard let index = header.firstIndex(of: name) else {
                throw LoadError(description: "\(table.path) needs the column '\(name)' (row, photo and identity; its header "
                                + "is: \(header.joined(separator: ",")))")
            }
            columns[name] = index
        }
        let (rowColumn, photoColumn, identityColumn) = (columns["row"]!, columns["photo"]!, columns["identity"]!)
        let labelledColumn = header.firstIndex(of: "labelled")
        let body = rows.dropFirst()
        guard body.count == descriptors.count else {
            throw LoadError(description: "\(table.path) has \(body.count) rows for \(descriptors.count) descriptors")
        }
        var photoIDs: [String: Int64] = [:]
        var photos: [Int64] = [], identities: [String?] = []
        for (line, row) in body.enumerated() {
            guard row.count == header.count else {
                throw LoadError(description: "\(table.path) line \(line + 2) has \(row.count) field\(row.count == 1 ? "" : "s"), "
                                + "the header \(header.count)")
            }
            let next = Int64(photoIDs.count)
            photos.append(photoIDs[row[photoColumn], default: next])
            if photoIDs[row[photoColumn]] == nil { photoIDs[row[photoColumn]] = next }
            // Rows are matched to descriptors by position; the row column must say the same.
            guard row[rowColumn] == String(line) else {
                throw LoadError(description: "\(table.path) line \(line + 2): row is '\(row[rowColumn])' where \(line) "
                                + "was expected (faces.csv lists the descriptors in their order, from row 0)")
            }
            // An empty identity is no label: the face is clustered but left out of the score, as `evaluate` does.
            if let column = labelledColumn, row[column] != "0", row[column] != "1" {
                throw LoadError(description: "\(table.path) line \(line + 2): labelled is '\(row[column])'; it is 1 (the face "
                                + "the identity names) or 0")
            }
            let labelled = (labelledColumn.map { row[$0] == "1" } ?? true) && !row[identityColumn].isEmpty
            identities.append(labelled ? row[identityColumn] : nil)
        }
        return DescriptorFile(descriptors: descriptors, photos: photos, identities: identities)
    }

    /// Scores `clusters` (row lists) on the labelled rows; unassigned rows count as clusters of their own.
    public func score(_ clusters: [[Int]]) -> ClusteringScores {
        var cluster = [Int?](repeating: nil, count: descriptors.count)
        for (c, rows) in clusters.enumerated() { for row in rows { cluster[row] = c } }
        let labelled = identities.indices.filter { identities[$0] != nil }
        return ClusteringScores.compare(truth: labelled.map { identities[$0]! }, predicted: labelled.map { cluster[$0] })
    }
}
