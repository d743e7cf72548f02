import Analysis
import Store

/// Finds the copies of one picture among the stored photos (`PhotoCopies`) and records them, so that every edge
/// counts a picture once: what `extract` runs after storing new photos.
public enum CopyDetection {
    /// Compares every stored photo with faces against the others and replaces the store's copy links. Returns how
    /// many photos are copies of another. O(n² · d) for n faces in blocked sgemm (one neighbour graph at 0.25).
    @discardableResult
    public static func run(store: any FaceStoring, rules: PhotoCopies = PhotoCopies()) throws -> Int {
        let faces = try store.copyCandidateFaces()
        var layouts: [PhotoLayout] = []
        for (row, face) in faces.enumerated() {
            let placed = PhotoLayout.Face(row: row, x: face.x, y: face.y, size: face.eyeDistance)
            if layouts.last?.photoID == face.photoID {
                layouts[layouts.count - 1].faces.append(placed)
            } else {
                layouts.append(PhotoLayout(photoID: face.photoID, width: face.photoWidth, height: face.photoHeight,
                                           takenAt: face.takenAt, faces: [placed]))
            }
        }
        let originals = rules.originals(of: layouts, descriptors: Descriptors(faces.map(\.descriptor)))
        // Replacing the links again after a lost connection leaves the same links.
        try againIfConnectionLost { try store.setCopies(originals) }
        return originals.count
    }
}
