import Analysis
import People
import Store

extension QueryExecutor {
    /// `top N by measure`. Degree and weighted degree are counted in SQL (`graph/top_degree.sql`); the others are
    /// computed by the analysis layer over the whole graph loaded from the store:
    /// - betweenness: Brandes, shortest paths by hops, normalised as networkx (pairs of other people);
    /// - closeness: by hops, Wasserman–Faust corrected for disconnected graphs (networkx's default);
    /// - harmonic closeness: Σ 1/d by hops, not normalised;
    /// - eigenvector and PageRank (damping 0.85): weighted by shared photos.
    /// The path measures (betweenness, closeness, harmonic closeness) are estimated from sampled sources above
    /// `pathMeasureSampling.exactUpTo` people (`Centrality.sampleSources`, the same sample as `report`'s).
    /// Ties are broken by person id. Rows: rank, person, name, the measure.
    func top(_ n: Int, by measure: Measure, dates: DateWindow?, during: String,
             at range: SourceRange) throws -> QueryResult {
        let column = measure.column
        let columns = ["rank", "person", "name", column]
        let rows: [[ResultTable.Cell]]
        var sampledNote = ""
        switch measure {
        case .degree, .weightedDegree:
            let table = try store.topDegree(weighted: measure == .weightedDegree, limit: n, during: dates)
            rows = table.rows.enumerated().map { [.integer(Int64($0.offset + 1))] + $0.element }
        default:
            let loaded = try loadGraph(dates: dates)
            let graph = loaded.graph
            let values: [Double]
            // Path measures cost one search per source: above `pathMeasureSampling.exactUpTo` people, from a sample.
            // Sampled as CentralitySet samples (report, export): by its rule, and never without edges.
            let (exactUpTo, k) = pathMeasureSampling
            let sample = CentralitySet.sources(nodes: graph.nodeCount, asked: nil, exactUpTo: exactUpTo, otherwise: k)
                .flatMap { graph.edgeCount > 0 ? Centrality.sampleSources(count: graph.nodeCount, k: $0) : nil }
            if let sample {
                sampledNote = " (estimated from \(sample.count) of \(graph.nodeCount) people drawn at random with a fixed "
                    + "seed, as networkx's k; exact up to \(exactUpTo) people)"
            }
            do {
                switch measure {
                case .betweenness:
                    values = sample.map { Centrality.betweenness(graph, distance: .hops, sources: $0) }
                        ?? Centrality.betweenness(graph)
                case .closeness:
                    values = sample.map { Centrality.sampledCloseness(graph, sources: $0).closeness } ?? Centrality.closeness(graph)
                case .harmonicCloseness:
                    values = sample.map { Centrality.sampledCloseness(graph, sources: $0).harmonic }
                        ?? Centrality.harmonicCloseness(graph)
                case .eigenvector: values = try Centrality.eigenvector(graph, weighted: true, maxIterations: 1000)
                case .pageRank: values = try Centrality.pageRank(graph, damping: 0.85, weighted: true, maxIterations: 1000)
                case .degree, .weightedDegree: values = []
                }
            } catch let error as GraphError {
                throw QueryError("\(error)", at: range)
            }
            let order = values.indices.sorted { (values[$0], -graph.nodes[$0]) > (values[$1], -graph.nodes[$1]) }
            rows = order.prefix(n).enumerated().map { rank, i in
                let id = graph.nodes[i]
                return [.integer(Int64(rank + 1)), .integer(id), loaded.names[id].map { .text($0) } ?? .null, .real(values[i])]
            }
        }
        return QueryResult(table: ResultTable(columns: columns, rows: rows),
                           summary: "top \(rows.count) by \(measure.rawValue)\(during)\(sampledNote)")
    }

    /// `communities`: Louvain (resolution 1, the analysis layer's fixed seed, weighted by shared photos), largest
    /// first. Rows: community (1 = largest), size, members (names or "Person <id>", by id). People without ties are
    /// in no community (Louvain leaves each alone): left out of the rows, counted in the summary with the modularity.
    func communities(dates: DateWindow?, during: String) throws -> QueryResult {
        let loaded = try loadGraph(dates: dates)
        let graph = loaded.graph
        let partition = Communities.louvain(graph)
        let modularity = Communities.modularity(graph, partition: partition)
        let (groups, alone) = Communities.groupsWithTies(graph, partition: partition)
        let rows: [[ResultTable.Cell]] = groups.enumerated().map { index, nodes in
            let ids = nodes.map { graph.nodes[$0] }.sorted()
            return [.integer(Int64(index + 1)), .integer(Int64(ids.count)),
                    .text(ids.map { loaded.names[$0] ?? "Person \($0)" }.joined(separator: ", "))]
        }
        return QueryResult(table: ResultTable(columns: ["community", "size", "members"], rows: rows),
                           summary: "\(counted(groups.count, "community", "communities")), modularity "
                               + String(format: "%.4f", modularity)
                               + (alone > 0 ? "; \(counted(alone, "person", "people")) without ties left out" : "") + during)
    }

    /// The graph of the statement's date range (`FaceStore.network`) and the names of its people.
    func loadGraph(dates: DateWindow?) throws -> (graph: SocialGraph, names: [Int64: String]) {
        let network = try store.network(minPhotos: 1, during: dates)
        var names: [Int64: String] = [:]
        for person in network.people { names[person.id] = person.name }
        return (SocialGraph(nodes: network.people.map(\.id), edges: network.weightedEdges), names)
    }
}
