import Foundation

/// Where face-network keeps what it makes for a folder of photos, the one place that names it:
///
///     <photos>/Face Network/
///         Data/FaceNetwork.sqlite        the store (unless --db names another)
///         Data/Image_Network.html, Image_Network.svg, Edges.csv   the network files
///         Data/query_history             beside the store: the query shell's history
///         Faces/<folder>/face<i>_<name>  a crop of every face
///         Clusters/Person_<id>.jpg       one mosaic per person
///
/// The photo walker never enters a folder of this name, wherever it is.
public struct CollectionLayout: Sendable, Equatable {
    /// The output folder's name, inside the photo folder.
    public static let folderName = "Face Network"
    /// The crops' folder, relative to the photo folder.
    public static let facesFolder = folderName + "/Faces"

    /// The photo folder.
    public let photos: URL

    public init(photos: URL) {
        self.photos = photos
    }

    /// `<photos>/Face Network`.
    public var root: URL { photos.appendingPathComponent(Self.folderName) }
    /// The store and the network files.
    public var data: URL { root.appendingPathComponent("Data") }
    /// The face crops.
    public var faces: URL { photos.appendingPathComponent(Self.facesFolder) }
    /// The mosaics, one per person.
    public var clusters: URL { root.appendingPathComponent("Clusters") }
    /// The store when no other is named.
    public var store: URL { data.appendingPathComponent("FaceNetwork.sqlite") }
    /// The interactive network page.
    public var networkPage: URL { data.appendingPathComponent("Image_Network.html") }
    /// The network drawn by Graphviz.
    public var networkSVG: URL { data.appendingPathComponent("Image_Network.svg") }
    /// The co-appearance edges as CSV.
    public var edgesCSV: URL { data.appendingPathComponent("Edges.csv") }

    /// The mosaic of person `id`, named `Person_<id>.jpg` in `clusters`.
    public func mosaic(ofPerson id: Int64) -> URL { clusters.appendingPathComponent(Self.mosaicName(ofPerson: id)) }

    /// `Person_<id>.jpg`.
    public static func mosaicName(ofPerson id: Int64) -> String { "Person_\(id).jpg" }
    /// The mosaic of person `id`, relative to the photo folder (what `check` names).
    public static func mosaicPath(ofPerson id: Int64) -> String { folderName + "/Clusters/" + mosaicName(ofPerson: id) }

    /// Whether `name` is a mosaic's file name.
    public static func isMosaicName(_ name: String) -> Bool { name.hasPrefix("Person_") && name.hasSuffix(".jpg") }

    /// The query shell's history file, beside the store at `database`.
    public static func queryHistory(besideStore database: URL) -> URL {
        database.deletingLastPathComponent().appendingPathComponent("query_history")
    }
}
