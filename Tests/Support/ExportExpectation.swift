import Export

extension ExportCheckers {
    /// What `Tests/Support/Checkers/check_graph.py` expects of `network`, built from the network's own fields (not
    /// through the writers' attribute list).
    public static func expectation(_ network: NetworkData) -> [String: Any] {
        var nodes: [String: Any] = [:]
        for (i, node) in network.nodes.enumerated() {
            var attributes: [String: Any] = ["label": node.label, "photos": node.photos, "faces": node.faces,
                                             "community": network.measures.community[i]]
            if let name = node.name { attributes["name"] = name }
            if let dates = network.dates(of: node) {
                attributes["first_taken_at"] = dates.first
                attributes["last_taken_at"] = dates.last
            }
            for (measure, values) in network.measures.values {
                attributes[measure.column] = measure.isCount ? Int(values[i].rounded()) as Any : values[i] as Any
            }
            nodes[String(node.id)] = attributes
        }
        let edges = network.links.map { link -> [String: Any] in
            var edge: [String: Any] = ["source": String(link.source), "target": String(link.target), "weight": link.weight,
                                       "photo_paths": link.photoIndices.map { network.photos[$0].path }]
            if let first = link.firstTakenAt { edge["first_taken_at"] = first }
            if let last = link.lastTakenAt { edge["last_taken_at"] = last }
            return edge
        }
        let dynamic = network.nodes.contains { network.dates(of: $0) != nil }
        return ["nodes": nodes, "edges": edges, "dynamic": dynamic]
    }
}
