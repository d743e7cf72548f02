import Store

/// The network as two tables, for `nodes.csv` and `edges.csv` (written by Query's `TableFormat`): the same
/// attributes as GraphML and GEXF, one row per person and per co-appearance.
public enum NetworkTables {
    /// `person`, then the columns of `NetworkAttributes.nodeColumns` (`name`, `label`, `photos`, `faces`,
    /// `first_taken_at`, `last_taken_at`, the centralities, `community`); a missing value is NULL (empty in CSV).
    public static func nodes(_ network: NetworkData) -> ResultTable {
        let columns = NetworkAttributes.nodeColumns(network)
        return ResultTable(
            columns: ["person"] + columns.map(\.name),
            rows: network.nodes.indices.map { i in
                [.integer(network.nodes[i].id)] + columns.map { cell($0.value(network, i)) }
            })
    }

    /// `source`, `target` (person ids, source < target), then the columns of `NetworkAttributes.edgeColumns`
    /// (`weight`, `first_taken_at`, `last_taken_at`, `photo_paths` as a JSON array); heaviest edges first.
    public static func edges(_ network: NetworkData) -> ResultTable {
        let columns = NetworkAttributes.edgeColumns(network)
        return ResultTable(
            columns: ["source", "target"] + columns.map(\.name),
            rows: network.links.indices.map { i in
                [.integer(network.links[i].source), .integer(network.links[i].target)]
                    + columns.map { cell($0.value(network, i)) }
            })
    }

    private static func cell(_ value: NetworkAttributes.Value?) -> ResultTable.Cell {
        switch value {
        case nil: return .null
        case .string(let s)?: return .text(s)
        case .integer(let i)?: return .integer(i)
        case .double(let d)?: return .real(d)
        }
    }
}
