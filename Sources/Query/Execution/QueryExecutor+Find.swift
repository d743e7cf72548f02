import People
import Store

extension QueryExecutor {
    /// `who is in "photo.jpg"`: the faces of the photo matched to people (`FaceFinder`), as `face-network find`.
    /// - Throws: `QueryError` at the path when the photo cannot be read or no face models are loaded.
    func whoIsIn(_ path: String, at range: SourceRange) throws -> QueryResult {
        guard let faceReader else {
            throw QueryError("who is in needs the face models, and this shell has none (install them with Models/install)",
                             at: range)
        }
        let faces: [(box: FaceBox, descriptor: [Float])]
        do {
            faces = try faceReader(path)
        } catch {
            throw QueryError("\(error)", at: range)
        }
        let found = FaceFinder.find(faces, in: try PeopleIndex.load(from: store))
        let like = try FaceFinder.pathsOfUnassignedLike(found, in: store)
        let matched = found.filter { $0.match != nil }.count
        return QueryResult(table: FaceFinder.table(found, pathOfFace: like),
                           summary: "\(counted(found.count, "face", "faces")) in \(path): \(matched) matched, "
                               + "\(found.count - matched) no one in the collection")
    }
}
