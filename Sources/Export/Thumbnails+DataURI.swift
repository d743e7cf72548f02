import Foundation
import Store

extension Thumbnails {
    /// The face `faceID` as a `side × side` JPEG `data:` URI, for pages that must work offline; nil when the face
    /// or its crop file is missing or unreadable (a page then shows no image rather than failing).
    public static func dataURI(ofFace faceID: Int64, store: any FaceStoring, photos: URL, side: Int = 64) -> String? {
        guard let face = try? store.face(id: faceID),
              let jpeg = try? jpeg(of: face, photos: photos, side: side) else { return nil }
        return dataURI(jpeg: jpeg)
    }

    /// A JPEG as a `data:image/jpeg;base64,…` URI.
    public static func dataURI(jpeg: Data) -> String {
        "data:image/jpeg;base64," + jpeg.base64EncodedString()
    }
}
