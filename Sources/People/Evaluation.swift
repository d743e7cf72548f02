import Analysis
import Foundation
import Store

/// Scores the stored clustering against ground truth given per photo (`face-network evaluate`).
///
/// A label names the person of one face of its photo: the largest face (one person per photo, as in a folder of
/// portraits) or the face whose box centre is nearest the photo's centre (what LFW's labels mean). The photo's other
/// faces, and labelled photos where no face was found, are left out of the score.
public enum Evaluation {
    /// Which face of a labelled photo the label belongs to.
    public enum LabelFace: String, CaseIterable, Sendable {
        case largest, central
    }

    public struct Result: Sendable, Encodable {
        public var labelledPhotos: Int
        /// Labelled photos in which no face was found (not scored).
        public var photosWithoutFace: Int
        /// Labels whose path matches no photo in the store (typos, or photos outside the folder).
        public var unmatchedLabels: Int
        /// The first few of those labels' paths (or files that could not be read), by path.
        public var unmatchedExamples: [String]
        public var scores: ClusteringScores
    }

    public struct TruthError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Ground truth as photo path → identity. From a CSV file with a `path` (or `photo`/`image`) column and an
    /// `identity` column, paths relative to the photo folder or ending with such a path (every row as long as the
    /// header; a row with an empty identity labels nothing); or, when `location` is
    /// the photo folder itself, each photo's parent folder name is its identity (a folder-per-identity tree).
    public static func loadTruth(_ location: String, photos: URL) throws -> Truth {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location, isDirectory: &isFolder) else {
            throw TruthError(description: "the ground truth \(location) does not exist")
        }
        if isFolder.boolValue {
            let given = URL(fileURLWithPath: location).standardizedFileURL.resolvingSymlinksInPath().path
            guard given == photos.standardizedFileURL.resolvingSymlinksInPath().path else {
                throw TruthError(description: "a folder as --truth must be the photo folder itself (its subfolders name the people); give a labels CSV for other layouts")
            }
            return .folderNames
        }
        let text: String
        do { text = try String(contentsOfFile: location, encoding: .utf8) } catch {
            throw TruthError(description: "cannot read \(location) as UTF-8 text")
        }
        let rows: [(line: Int, fields: [String])]
        do { rows = try CSV.numberedRows(text) } catch let error as CSV.UnclosedQuote {
            throw TruthError(description: "\(location) line \(error.line): a quoted field opens here and is never closed")
        }
        guard let header = rows.first?.fields else { throw TruthError(description: "\(location) is empty") }
        let pathColumns = header.indices.filter { ["path", "photo", "image"].contains(header[$0].lowercased()) }
        let identityColumns = header.indices.filter { header[$0].lowercased() == "identity" }
        guard let pathColumn = pathColumns.first, let identityColumn = identityColumns.first else {
            throw TruthError(description: "\(location) needs a 'path' (or 'photo', 'image') column and an 'identity' column; its header is: \(header.joined(separator: ","))")
        }
        guard pathColumns.count == 1, identityColumns.count == 1 else {
            throw TruthError(description: "\(location) has \(pathColumns.count > 1 ? "more than one path column (path, photo or image)" : "more than one identity column"); its header is: \(header.joined(separator: ","))")
        }
        var labels: [String: String] = [:]
        for (line, row) in rows.dropFirst() {
            // A row of other length is a misaligned line (an unquoted comma in a name shifts the fields after it):
            // refused rather than read with the wrong field as the identity.
            guard row.count == header.count else {
                throw TruthError(description: "\(location) line \(line): \(row.count) field\(row.count == 1 ? "" : "s") where the "
                                 + "header has \(header.count) (a name with a comma must be in double quotes)")
            }
            // Spaces around a field are typing, not part of the name: "Ann " and "Ann" are one identity.
            let path = row[pathColumn].trimmingCharacters(in: .whitespaces)
            let identity = row[identityColumn].trimmingCharacters(in: .whitespaces)
            // An empty identity labels nothing (as in cluster-descriptors' faces.csv); an empty path is an error.
            guard !identity.isEmpty else { continue }
            guard !path.isEmpty else {
                throw TruthError(description: "\(location) line \(line): the identity \(identity) has no path")
            }
            if let earlier = labels[path], earlier != identity {
                throw TruthError(description: "\(location) line \(line): \(path) is labelled both \(earlier) and \(identity)")
            }
            labels[path] = identity
        }
        guard !labels.isEmpty else { throw TruthError(description: "\(location) holds no labels (no row with a path and an identity)") }
        return .labels(labels)
    }

    public enum Truth: Sendable {
        case folderNames
        case labels([String: String])

        /// The identity of the photo at `path` (relative to the photo folder), if labelled.
        func identity(of path: String, suffixes: [String: String?]) -> String? {
            switch self {
            case .folderNames:
                let parts = path.split(separator: "/")
                return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
            case .labels(let labels):
                return labels[path] ?? (suffixes[path] ?? nil)
            }
        }

        /// Every label also under each of its path's tails ("a/b/c.jpg" → "b/c.jpg", "c.jpg"); a tail shared by
        /// labels of different identities is ambiguous (nil).
        var suffixes: [String: String?] {
            guard case .labels(let labels) = self else { return [:] }
            var out: [String: String?] = [:]
            for (path, identity) in labels {
                var parts = path.split(separator: "/")[...]
                while parts.count > 1 {
                    parts = parts.dropFirst()
                    let tail = parts.joined(separator: "/")
                    if let existing = out[tail], existing != identity { out[tail] = .some(nil) } else { out[tail] = identity }
                }
            }
            return out
        }
    }

    /// Scores the store's current people against `truth`.
    /// - Throws: `TruthError` when nobody has been clustered yet or no label names a stored face.
    public static func evaluate(store: any FaceStoring, truth: Truth, labelFace: LabelFace) throws -> Result {
        // A clustering that found nobody (every face alone) is scored; only a store never clustered is refused.
        guard try store.counts().people > 0 || store.lastRunParameters(command: "cluster") != nil else {
            throw TruthError(description: "nobody has been clustered yet: run 'face-network cluster' first")
        }
        let table = try store.evaluationFaces()
        let column = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) })
        func int(_ row: [ResultTable.Cell], _ name: String) -> Int64? {
            if case .integer(let v) = row[column[name]!] { return v }
            return nil
        }
        func text(_ row: [ResultTable.Cell], _ name: String) -> String {
            if case .text(let v) = row[column[name]!] { return v }
            return ""
        }
        let suffixes = truth.suffixes
        // For each labelled photo, the chosen face: (identity, face id, person, rank), lower rank wins.
        var chosen: [Int64: (identity: String, face: Int64, person: Int64?, rank: Double)] = [:]
        var labelledPhotos = Set<Int64>()
        // One picture under two paths (byte-identical copies are one photo) must not carry two identities: which
        // one would be scored is arbitrary, so it is refused, as two labels of one path are.
        var labelOfPhoto: [Int64: (path: String, identity: String)] = [:]
        for row in table.rows {
            let path = text(row, "path")
            guard let photo = int(row, "photo_id"), let face = int(row, "face"),
                  let identity = truth.identity(of: path, suffixes: suffixes) else { continue }
            if let earlier = labelOfPhoto[photo], earlier.identity != identity {
                let pair = [earlier, (path: path, identity: identity)].sorted { $0.path < $1.path }
                throw TruthError(description: "\(pair[0].path) and \(pair[1].path) are the same picture (byte-identical "
                                 + "copies, one photo in the store) but are labelled \(pair[0].identity) and \(pair[1].identity)")
            }
            labelOfPhoto[photo] = (path, identity)
            labelledPhotos.insert(photo)
            let (l, t, r, b) = (Double(int(row, "left")!), Double(int(row, "top")!), Double(int(row, "right")!),
                                Double(int(row, "bottom")!))
            let rank: Double
            switch labelFace {
            case .largest: rank = -(r - l) * (b - t)
            case .central:
                let (w, h) = (Double(int(row, "width")!), Double(int(row, "height")!))
                rank = pow((l + r) / 2 - w / 2, 2) + pow((t + b) / 2 - h / 2, 2)
            }
            if let current = chosen[photo], current.rank <= rank, current.face != face { continue }
            chosen[photo] = (identity, face, int(row, "person"), rank)
        }
        let picks = chosen.values.sorted { $0.face < $1.face }
        let scores = ClusteringScores.compare(truth: picks.map(\.identity), predicted: picks.map { $0.person.map(Int.init) })
        // Labelled photos without faces never reach the faces table; tell them from labels that match no photo.
        var withoutFace = 0, unmatched = 0, unmatchedPaths: [String] = []
        let withFaces = Set(table.rows.map { text($0, "path") })
        switch truth {
        case .folderNames:
            // Every photo in a subfolder is labelled: the stored ones without a face, and the files that could
            // not be read (recorded as failures), which count as labels that match no stored photo.
            let labelled = { (path: String) in truth.identity(of: path, suffixes: [:]) != nil }
            withoutFace = try store.knownPaths().keys.filter { labelled($0) && !withFaces.contains($0) }.count
            unmatchedPaths = try store.failures().map(\.path).filter(labelled)
            unmatched = unmatchedPaths.count
        case .labels(let labels):
            let stored = Set(try store.knownPaths().keys)
            func matches(_ label: String, _ paths: Set<String>) -> Bool {
                var parts = label.split(separator: "/")[...]
                while !parts.isEmpty {
                    if paths.contains(parts.joined(separator: "/")) { return true }
                    parts = parts.dropFirst()
                }
                return false
            }
            for label in labels.keys where !matches(label, withFaces) {
                if matches(label, stored) { withoutFace += 1 } else { unmatched += 1; unmatchedPaths.append(label) }
            }
        }
        guard !picks.isEmpty else {
            if case .folderNames = truth {
                throw TruthError(description: "no photo with a face is in a subfolder: a folder as --truth takes each "
                                 + "photo's folder name as its identity; give a labels CSV for photos side by side")
            }
            throw TruthError(description: "no labelled photo has a stored face"
                             + (unmatched > 0 ? " (\(counted(unmatched, "label matches", "labels match")) no photo in the store)" : "")
                             + "; check that the labels' paths are relative to the photo folder")
        }
        return Result(labelledPhotos: labelledPhotos.count + withoutFace, photosWithoutFace: withoutFace,
                      unmatchedLabels: unmatched, unmatchedExamples: Array(unmatchedPaths.sorted().prefix(5)), scores: scores)
    }
}

/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
enum CSV {
    /// A quoted field still open at the end of the text.
    struct UnclosedQuote: Error {
        /// 1-based line where the field's quote opened.
        let line: Int
    }

    /// Rows of RFC 4180 CSV: fields separated by commas, quoted fields may hold commas, line breaks and doubled
    /// quotes; blank lines (empty, or only white space: spaces, tabs, no-break spaces …) are skipped.
    /// - Throws: `UnclosedQuote` when a quoted field is never closed (the rest of the file would be one field).
    static func parse(_ text: String) throws -> [[String]] { try numberedRows(text).map(\.fields) }

    /// `parse`'s rows, each with the 1-based line it starts on (a quoted field may span lines).
    static func numberedRows(_ text: String) throws -> [(line: Int, fields: [String])] {
        // Any white space: spaces and tabs, and also the no-break spaces, vertical tabs and form feeds that
        // spreadsheets and word processors leave in exported text.
        func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }
        var rows: [(line: Int, fields: [String])] = [], row: [String] = [], field = ""
        var quoted = false, afterQuote = false
        var line = 1, quoteLine = 1, rowLine = 1
        for ch in text {
            if ch == "\n" || ch == "\r\n" || ch == "\r" { line += 1 }
            if quoted {
                if ch == "\"" { quoted = false; afterQuote = true } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"":
                if afterQuote { field.append("\"") }   // "" inside a quoted field
                quoted = true
                quoteLine = line
                afterQuote = false
            case ",":
                row.append(field); field = ""; afterQuote = false
            case "\n", "\r\n", "\r":
                row.append(field); field = ""; afterQuote = false
                // A line of nothing but white space is as blank as an empty one (a trailing line of spaces is typing).
                if !(row.count == 1 && isBlank(row[0])) { rows.append((rowLine, row)) }
                row = []
                rowLine = line
            default:
                field.append(ch); afterQuote = false
            }
        }
        if quoted { throw UnclosedQuote(line: quoteLine) }
        if !row.isEmpty || !isBlank(field) { row.append(field); rows.append((rowLine, row)) }
        return rows
    }
}
