import Store

/// The tabular reports of `face-network export`, each one query under `sql/queries`.
public enum Report: String, CaseIterable, Sendable {
    /// `photo,face,left,top,right,bottom,person`: one row per face (photo relative to the photo folder, face
    /// 1-based, bounding box in pixels of the upright photo, person empty when unassigned).
    case faces
    /// `person,name,photos,faces`: one row per person.
    case people
    /// `source,target,weight`: one row per co-appearance edge, weight = number of distinct photos.
    case edges

    /// Runs the report. `minPhotos` keeps people (and their edges) seen in at least that many photos; it does not
    /// apply to `faces`.
    public func table(from store: FaceStore, minPhotos: Int = 1) throws -> ResultTable {
        switch self {
        case .faces: return try store.table(query: "faces_export")
        case .people: return try store.table(query: "people_export", arguments: ["min_photos": minPhotos])
        case .edges: return try store.table(query: "network_edges", arguments: ["min_photos": minPhotos])
        }
    }
}
