import Foundation

/// A photo as copy detection sees it: its size in pixels, when it was taken and where its faces are.
public struct PhotoLayout: Sendable, Equatable {
    /// A face: its row in the descriptors, its centre and its size, in pixels of the upright photo.
    public struct Face: Sendable, Equatable {
        public var row: Int
        public var x: Float
        public var y: Float
        /// A length that scales with the face: the distance between the eyes' centres (from the 5-point landmarks),
        /// or the box's width when no landmarks are known.
        public var size: Float

        public init(row: Int, x: Float, y: Float, size: Float) {
            (self.row, self.x, self.y, self.size) = (row, x, y, size)
        }
    }

    public var photoID: Int64
    public var width: Int
    public var height: Int
    /// EXIF DateTimeOriginal; two photos taken at different moments are never copies (burst shots).
    public var takenAt: String?
    public var faces: [Face]

    public init(photoID: Int64, width: Int, height: Int, takenAt: String?, faces: [Face]) {
        (self.photoID, self.width, self.height, self.takenAt, self.faces) = (photoID, width, height, takenAt, faces)
    }
}

/// Near-duplicate photos ("copies"): one picture saved again, resized, re-compressed or slightly cropped, as archives
/// and feeds hold it many times. Byte-identical files are one photo already (content hash); these are the rest.
///
/// Two photos are copies when every face of the one with fewer faces has a face of the other within a small
/// descriptor distance (one-to-one, nearest pairs first), and the matched faces sit at the same places. A copy may
/// show fewer faces than its original (a thumbnail loses faces too small to detect; a crop loses a face at the
/// edge), but at least two, since one face alone says nothing about a group photo:
/// - two or more faces: their centres, taken relative to the faces' centroid and divided by their spread (the root
///   mean square distance from the centroid), agree within `layoutTolerance`, and so do their sizes on that scale
///   within `sizeTolerance`. Neither resizing nor cropping changes this arrangement; people who moved between two
///   shots (a burst) change it.
/// - one face: its centre, as a fraction of the photo's width and height, agrees within `frameTolerance`, and its
///   size as a fraction of the photo's width within `sizeTolerance` (a crop of a few per cent moves both a little).
/// Photos with different EXIF dates (DateTimeOriginal) are never copies, nor in one group of copies: a burst shot a
/// second later is another photo, while a re-saved copy keeps the date or loses it.
///
/// The descriptor limit grows for small faces: dlib's ResNet describes a 150-px chip, so a face of fewer pixels is
/// upsampled, and re-compressing or shrinking it moves its descriptor further (docs/clustering.md has the
/// measurements). Copies are grouped transitively; each group's original is its lowest photo id (the first stored).
///
/// Cost: one neighbour graph at the largest limit (blocked BLAS, `Descriptors.neighbourGraph`), then a check of
/// each pair of photos that share a face pair within it: O(n² · d) for n faces in sgemm, memory O(n + pairs).
public struct PhotoCopies: Sendable {
    /// Descriptor limit for faces at least `largeFace` wide (the smaller of the two faces' sizes decides).
    public var largeFaceLimit: Float = 0.12
    /// Descriptor limit for faces at most `smallFace` wide; linear in between.
    public var smallFaceLimit: Float = 0.25
    /// Face sizes (`PhotoLayout.Face.size`, the eye distance in pixels) at which the limits apply. An eye distance of
    /// 40 px is a face about 100 px wide (dlib's 150-px chip spans about 3.7 eye distances with its padding).
    public var largeFace: Float = 60
    public var smallFace: Float = 20
    /// Largest difference of a face's centre in the faces' own frame (centroid, spread 1) for photos with 2+ faces.
    public var layoutTolerance: Float = 0.1
    /// Largest relative difference of a face's size (ratio − 1) between copies.
    public var sizeTolerance: Float = 0.2
    /// Largest difference of a lone face's centre, as a fraction of the photo's width or height.
    public var frameTolerance: Float = 0.08

    public init() {}

    /// The descriptor limit for two matched faces of these sizes.
    public func descriptorLimit(size a: Float, _ b: Float) -> Float {
        let size = min(a, b)
        if size >= largeFace { return largeFaceLimit }
        if size <= smallFace { return smallFaceLimit }
        return smallFaceLimit + (largeFaceLimit - smallFaceLimit) * (size - smallFace) / (largeFace - smallFace)
    }

    /// For every photo that is a copy of another, the id of its group's original (the lowest photo id in the group).
    /// Photos that are no copy are absent. `descriptors` rows are the ones `PhotoLayout.Face.row` names.
    public func originals(of photos: [PhotoLayout], descriptors: Descriptors) -> [Int64: Int64] {
        let withFaces = photos.filter { !$0.faces.isEmpty }
        guard withFaces.count > 1 else { return [:] }
        var photoOfRow = [Int: Int]()
        for (index, photo) in withFaces.enumerated() { for face in photo.faces { photoOfRow[face.row] = index } }
        let rows = photoOfRow.keys.sorted()
        let subset = Descriptors(rows: rows, of: descriptors)
        let graph = subset.neighbourGraph(radius: max(largeFaceLimit, smallFaceLimit))

        // Candidate pairs of photos: at least one face pair within the largest limit.
        var candidates = Set<Pair>()
        for position in rows.indices {
            let p = photoOfRow[rows[position]]!
            for other in graph.neighbours(of: position) {
                let q = photoOfRow[rows[Int(other)]]!
                if p != q { candidates.insert(Pair(p, q)) }
            }
        }
        // Closest pairs first; a group never holds two EXIF dates, so a copy without a date cannot join two
        // moments of a burst into one picture.
        let verified = candidates.compactMap { pair in
            copyDistance(withFaces[pair.a], withFaces[pair.b], descriptors: descriptors).map { (pair, $0) }
        }.sorted { ($0.1, $0.0.a, $0.0.b) < ($1.1, $1.0.a, $1.0.b) }
        var groups = UnionFind(count: withFaces.count)
        var dateOfRoot = [Int: String]()
        for index in withFaces.indices { if let date = withFaces[index].takenAt { dateOfRoot[index] = date } }
        for (pair, _) in verified {
            let (ra, rb) = (groups.find(pair.a), groups.find(pair.b))
            guard ra != rb else { continue }
            let (da, db) = (dateOfRoot[ra], dateOfRoot[rb])
            if let da, let db, da != db { continue }
            groups.union(ra, rb)
            dateOfRoot[groups.find(ra)] = da ?? db
        }
        var lowest = [Int: Int64]()
        for index in withFaces.indices {
            let root = groups.find(index)
            lowest[root] = min(lowest[root] ?? .max, withFaces[index].photoID)
        }
        var originals = [Int64: Int64]()
        for index in withFaces.indices {
            let original = lowest[groups.find(index)]!
            if original != withFaces[index].photoID { originals[withFaces[index].photoID] = original }
        }
        return originals
    }

    /// Whether `a` and `b` are copies of one picture (the rules above).
    public func areCopies(_ a: PhotoLayout, _ b: PhotoLayout, descriptors: Descriptors) -> Bool {
        copyDistance(a, b, descriptors: descriptors) != nil
    }

    /// The largest descriptor distance of the matched faces when `a` and `b` are copies, else nil.
    func copyDistance(_ a: PhotoLayout, _ b: PhotoLayout, descriptors: Descriptors) -> Float? {
        let (fewer, more) = a.faces.count <= b.faces.count ? (a, b) : (b, a)
        guard !fewer.faces.isEmpty, fewer.faces.count >= 2 || more.faces.count == 1 else { return nil }
        if let ta = a.takenAt, let tb = b.takenAt, ta != tb { return nil }
        guard let matched = matchFaces(fewer.faces, more.faces, descriptors: descriptors) else { return nil }
        let distance = matched.map { descriptors.distance($0.0.row, $0.1.row) }.max()!
        if matched.count == 1 {
            let (fa, fb) = matched[0]
            let (wa, ha, wb, hb) = (Float(fewer.width), Float(fewer.height), Float(more.width), Float(more.height))
            let same = abs(fa.x / wa - fb.x / wb) <= frameTolerance && abs(fa.y / ha - fb.y / hb) <= frameTolerance
                && similar(fa.size / wa, fb.size / wb)
            return same ? distance : nil
        }
        let frameA = FaceFrame(matched.map(\.0)), frameB = FaceFrame(matched.map(\.1))
        guard frameA.spread > 0, frameB.spread > 0 else { return nil }
        for (fa, fb) in matched {
            let (xa, ya) = frameA.place(fa), (xb, yb) = frameB.place(fb)
            guard ((xa - xb) * (xa - xb) + (ya - yb) * (ya - yb)).squareRoot() <= layoutTolerance,
                  similar(fa.size / frameA.spread, fb.size / frameB.spread) else { return nil }
        }
        return distance
    }

    /// One-to-one pairs of faces, nearest descriptors first; nil when a face of `a` has no partner within the limit.
    func matchFaces(_ a: [PhotoLayout.Face], _ b: [PhotoLayout.Face], descriptors: Descriptors)
        -> [(PhotoLayout.Face, PhotoLayout.Face)]? {
        var pairs: [(distance: Float, i: Int, j: Int)] = []
        for i in a.indices {
            for j in b.indices {
                let d = descriptors.distance(a[i].row, b[j].row)
                if d <= descriptorLimit(size: a[i].size, b[j].size) { pairs.append((d, i, j)) }
            }
        }
        pairs.sort { ($0.distance, $0.i, $0.j) < ($1.distance, $1.i, $1.j) }
        var usedA = Set<Int>(), usedB = Set<Int>(), matched: [(PhotoLayout.Face, PhotoLayout.Face)] = []
        for pair in pairs where !usedA.contains(pair.i) && !usedB.contains(pair.j) {
            usedA.insert(pair.i); usedB.insert(pair.j)
            matched.append((a[pair.i], b[pair.j]))
        }
        return matched.count == a.count ? matched : nil
    }

    private func similar(_ x: Float, _ y: Float) -> Bool {
        x > 0 && y > 0 && max(x, y) / min(x, y) - 1 <= sizeTolerance
    }
}

/// Face centres taken relative to their centroid and divided by their spread (root mean square distance from it):
/// the same for a photo and its resized or cropped copy.
private struct FaceFrame {
    let cx: Float, cy: Float, spread: Float

    init(_ faces: [PhotoLayout.Face]) {
        let n = Float(faces.count)
        cx = faces.map(\.x).reduce(0, +) / n
        cy = faces.map(\.y).reduce(0, +) / n
        let (x0, y0) = (cx, cy)
        spread = (faces.map { ($0.x - x0) * ($0.x - x0) + ($0.y - y0) * ($0.y - y0) }.reduce(0, +) / n).squareRoot()
    }

    func place(_ face: PhotoLayout.Face) -> (Float, Float) { ((face.x - cx) / spread, (face.y - cy) / spread) }
}

/// An unordered pair of photo positions, smaller first.
private struct Pair: Hashable {
    let a: Int, b: Int
    init(_ p: Int, _ q: Int) { (a, b) = (min(p, q), max(p, q)) }
}

/// Disjoint sets with path halving and union by size (Tarjan 1975).
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = [Int](repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        var (ra, rb) = (find(a), find(b))
        guard ra != rb else { return }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
    }
}
