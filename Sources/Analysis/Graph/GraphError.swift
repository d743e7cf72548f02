/// Why a graph measure gave no result.
public enum GraphError: Error, Equatable, CustomStringConvertible {
    /// A power iteration (eigenvector centrality, PageRank) did not reach its tolerance within `iterations`
    /// (networkx raises `PowerIterationFailedConvergence` in the same case).
    case didNotConverge(measure: String, iterations: Int)

    public var description: String {
        switch self {
        case .didNotConverge(let measure, let iterations):
            return "\(measure) did not converge in \(iterations) iterations"
        }
    }
}
