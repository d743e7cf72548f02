import Foundation
import Analysis
import Export

/// How `cluster` runs: the method with its limits, what it draws, and the parameters its run records.
public struct ClusterSettings: Sendable {
    public var method: ClusteringMethod
    /// Whether two faces of one photo may be the same person (by default they never are: cannot-link).
    public var allowSamePhoto: Bool
    /// Smallest number of faces that makes a person.
    public var minClusterSize: Int
    /// The single-face limit given by the user, if any: said when it is lowered to the large-cluster limit.
    public var faceThreshold: Float?
    /// Where to write the dendrogram of the merges (agglomerative only), if anywhere.
    public var dendrogram: String?
    /// Whether to draw the mosaics of people whose faces changed.
    public var mosaic: Bool
    /// Seconds to wait for extract workers still at work on the store (other processes, PostgreSQL) before
    /// clustering; 0 stops at once with a message saying how far the extraction is.
    public var wait: TimeInterval = 0

    public init(method: ClusteringMethod, allowSamePhoto: Bool = false, minClusterSize: Int = 2,
                faceThreshold: Float? = nil, dendrogram: String? = nil, mosaic: Bool = true) {
        self.method = method
        self.allowSamePhoto = allowSamePhoto
        self.minClusterSize = minClusterSize
        self.faceThreshold = faceThreshold
        self.dendrogram = dendrogram
        self.mosaic = mosaic
    }

    /// What the run records, so a clustering can be reproduced: the chosen algorithm's parameters as used
    /// (ahc's limits as given, or "default" when they follow the number of faces).
    public var parameters: [String: String] {
        var recorded = ["algorithm": algorithm, "min_cluster_size": "\(minClusterSize)",
                        "allow_same_photo": "\(allowSamePhoto)"]
        switch method {
        case .dbscan(let m):
            recorded.merge(["iterations": "\(m.iterations)", "initial_eps": "\(m.initialEps)",
                            "min_samples": "\(m.minSamples)", "max_distance": "\(m.maxDistance)"]) { $1 }
        case .chineseWhispers(let m):
            recorded["threshold"] = "\(m.threshold)"
        case .agglomerative(let m):
            recorded.merge(["linkage": m.linkage.rawValue, "separation": "\(m.separation)",
                            "spread_floor": "\(m.spreadFloor)", "copy_radius": "\(m.copyRadius)",
                            "density_neighbours": "\(m.density?.neighbours ?? 0)",
                            "density_reference": m.density.map { "\($0.reference)" } ?? "off",
                            "threshold": m.scale?.movesThreshold == true ? "default" : "\(m.threshold)",
                            "face_threshold": m.scale?.movesFaceThreshold == true
                                ? "default" : m.faceThreshold.map { "\($0)" } ?? "default"]) { $1 }
        case .optics(let m):
            recorded.merge(["min_samples": "\(m.minSamples)", "max_eps": "\(m.maxEps)", "eps": "\(m.eps)"]) { $1 }
        }
        return recorded
    }

    /// The algorithm as `--algorithm` names it.
    var algorithm: String {
        switch method {
        case .dbscan: return "dbscan"
        case .chineseWhispers: return "chinese-whispers"
        case .agglomerative: return "ahc"
        case .optics: return "optics"
        }
    }
}

/// How `network` runs: who is in the network and how its files draw it.
public struct NetworkSettings: Sendable {
    /// Leave out people seen in fewer photos than this.
    public var minPhotos: Int
    /// Node size factor in the HTML page.
    public var scale: Double
    /// Graphviz layout of the SVG and the HTML page.
    public var layout: NetworkLayout.Engine
    /// Count copies of one picture apart in the ties (each photo one tie); by default a picture counts once. Kept in
    /// the store until a network run without it, so `cluster`'s rebuild counts the same way.
    public var countCopies: Bool
    /// Seconds to wait for extract workers still at work on the store (as `ClusterSettings.wait`).
    public var wait: TimeInterval = 0

    public init(minPhotos: Int = 1, scale: Double = 10, layout: NetworkLayout.Engine = .sfdp, countCopies: Bool = false) {
        self.minPhotos = minPhotos
        self.scale = scale
        self.layout = layout
        self.countCopies = countCopies
    }
}
