import People
import Store

/// The tabular reports of `face-network export`, each one query under `sql/queries`.
public enum Report: String, CaseIterable, Sendable {
    /// `photo,face,left,top,right,bottom,person,age,gender`: one row per face (photo relative to the photo folder,
    /// face 1-based, bounding box in pixels of the upright photo, person empty when unassigned, apparent age in
    /// years and gender as p(female) when `extract --age-gender` estimated them, else empty).
    case faces
    /// `person,name,photos,faces,mean_to_medoid,max_to_medoid,low_cohesion,median_age,mean_gender`: one row per
    /// person, with its cohesion (descriptor distances to its medoid face; `low_cohesion` 1 when a face lies beyond
    /// 0.6, see `PeopleCohesion`) and the median apparent age and mean gender of its estimated faces (empty when
    /// none was).
    case people
    /// `source,target,weight,first_taken_at,last_taken_at`: one row per co-appearance edge, weight = number of
    /// distinct photos, with the earliest and latest EXIF date taken among them (empty when none has a date).
    case edges

    /// Runs the report. `minPhotos` keeps people (and their edges) seen in at least that many photos; it does not
    /// apply to `faces`.
    public func table(from store: any FaceStoring, minPhotos: Int = 1) throws -> ResultTable {
        switch self {
        case .faces: return try store.facesTable()
        case .people:
            // people_summary also names each person's representative face, which the export leaves out.
            let summary = try store.peopleTable(minPhotos: minPhotos)
            let estimates = ["median_age", "mean_gender"].map { summary.columns.firstIndex(of: $0)! }
            let keep = summary.columns.indices.filter { summary.columns[$0] != "face" && !estimates.contains($0) }
            let cohesion = try PeopleCohesion.measure(store: store)
            let idColumn = summary.columns.firstIndex(of: "person")!
            return ResultTable(
                columns: keep.map { summary.columns[$0] } + ["mean_to_medoid", "max_to_medoid", "low_cohesion", "median_age", "mean_gender"],
                rows: summary.rows.map { row in
                    var cells = keep.map { row[$0] }
                    if case .integer(let id) = row[idColumn], let c = cohesion[id] {
                        // Rounded to 4 decimals: float32 distances carry no more.
                        cells += [.real((Double(c.mean) * 1e4).rounded() / 1e4), .real((Double(c.maximum) * 1e4).rounded() / 1e4),
                                  .integer(c.isLow ? 1 : 0)]
                    } else {
                        cells += [.null, .null, .null]
                    }
                    return cells + estimates.map { row[$0] }
                })
        case .edges: return try store.edgesTable(minPhotos: minPhotos)
        }
    }
}
