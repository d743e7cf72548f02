import Analysis
import Foundation
import Imaging
import Store

/// One mosaic image per person in `<photos>/Face Network/Clusters/Person_<id>.jpg`: a grid of that person's face
/// crops, the face closest to the person's medoid first, so a glance shows whether a cluster is one person.
public enum Mosaics {
    /// Side of one tile in pixels.
    public static let tileSide = 112
    /// At most this many faces are shown per person (10 × 10).
    public static let maxTiles = 100

    /// Writes a mosaic for every person whose faces changed since their mosaic was drawn (a fingerprint of the
    /// sorted face ids is kept per person in the store), removes mosaics of people that no longer exist, and
    /// returns the number written. Faces whose crop is missing are left out of the grid.
    @discardableResult
    public static func write(store: any FaceStoring, photos: URL) throws -> Int {
        let layout = CollectionLayout(photos: photos)
        let folder = layout.clusters
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ImageError("cannot create \(folder.path): \(fileErrorReason(error))")
        }
        let people = try store.people(minPhotos: 1, during: nil)
        let living = Set(people.map { CollectionLayout.mosaicName(ofPerson: $0.id) })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where CollectionLayout.isMosaicName(name) && !living.contains(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let drawn = try store.mosaicFingerprints()
        // Every person's face ids from one query: the fingerprints are compared for everyone on every edit.
        let facesOf = Dictionary(grouping: try store.assignments(), by: \.value).mapValues { $0.map(\.key) }
        var fingerprints: [Int64: String] = [:]
        defer { try? store.setMosaicFingerprints(fingerprints) }
        var written = 0
        for person in people {
            let url = layout.mosaic(ofPerson: person.id)
            let fingerprint = MosaicFingerprint.of(facesOf[person.id] ?? [])
            if drawn[person.id] == fingerprint, FileManager.default.fileExists(atPath: url.path) {
                fingerprints[person.id] = fingerprint
                continue
            }
            let faces = ordered(try store.faces(ofPerson: person.id)).prefix(maxTiles)
            let tiles = faces.compactMap { try? Thumbnails.image(of: $0, photos: photos, side: tileSide) }
            guard !tiles.isEmpty else { continue }
            let columns = Int(Double(tiles.count).squareRoot().rounded(.up))
            let rows = (tiles.count + columns - 1) / columns
            let canvas = try RGBImage.filled(width: columns * tileSide, height: rows * tileSide,
                                             red: 255, green: 255, blue: 255)
            for (i, tile) in tiles.enumerated() {
                canvas.draw(tile, x: (i % columns) * tileSide, y: (i / columns) * tileSide)
            }
            do {
                try canvas.jpegData(quality: 88).write(to: url, options: .atomic)
            } catch {
                throw ImageError("cannot write \(url.path): \(fileErrorReason(error))")
            }
            fingerprints[person.id] = fingerprint
            written += 1
        }
        return written
    }

    /// Faces sorted by distance to the medoid face (the one with the smallest total distance to the others).
    static func ordered(_ faces: [FaceCropInfo]) -> [FaceCropInfo] {
        guard faces.count > 2 else { return faces }
        return Descriptors(faces.map(\.descriptor)).byDistanceToMedoid().map { faces[$0.row] }
    }
}
