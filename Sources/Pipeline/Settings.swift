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
    /// What the run records (`runs.parameters`).
    public var parameters: [String: String]

    public init(method: ClusteringMethod, allowSamePhoto: Bool = false, minClusterSize: Int = 2,
                faceThreshold: Float? = nil, dendrogram: String? = nil, mosaic: Bool = true,
                parameters: [String: String] = [:]) {
        self.method = method
        self.allowSamePhoto = allowSamePhoto
        self.minClusterSize = minClusterSize
        self.faceThreshold = faceThreshold
        self.dendrogram = dendrogram
        self.mosaic = mosaic
        self.parameters = parameters
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

    public init(minPhotos: Int = 1, scale: Double = 10, layout: NetworkLayout.Engine = .sfdp, countCopies: Bool = false) {
        self.minPhotos = minPhotos
        self.scale = scale
        self.layout = layout
        self.countCopies = countCopies
    }
}
