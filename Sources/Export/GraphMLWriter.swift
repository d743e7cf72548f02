import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The network as GraphML (http://graphml.graphdrawing.org/specification.html), for networkx (`read_graphml`),
/// Gephi, Cytoscape, yEd and igraph.
///
/// Shape: one undirected `<graph>`; a `<node id="<person id>">` per person and an `<edge id="e<i>">` per
/// co-appearance, each with `<data>` for the attributes of `NetworkAttributes` (typed `string`, `int` or
/// `double` in the `<key>` declarations; a missing value has no `<data>`). Key ids are `n_<name>` for nodes and
/// `e_<name>` for edges, so a node and an edge attribute may share a name (`first_taken_at`).
public enum GraphMLWriter {
    public static let namespace = "http://graphml.graphdrawing.org/xmlns"

    /// The GraphML document as UTF-8 text.
    public static func document(_ network: NetworkData) -> String {
        let root = XMLElement.make("graphml")
        root.declare("", namespace)
        root.declare("xsi", "http://www.w3.org/2001/XMLSchema-instance")
        root.set("xsi:schemaLocation", "\(namespace) \(namespace)/1.0/graphml.xsd")
        let nodeColumns = NetworkAttributes.nodeColumns(network)
        let edgeColumns = NetworkAttributes.edgeColumns(network)
        for (prefix, domain, columns) in [("n", "node", nodeColumns), ("e", "edge", edgeColumns)] {
            for column in columns {
                root.append(.make("key", ["id": "\(prefix)_\(column.name)", "for": domain,
                                          "attr.name": column.name, "attr.type": column.kind.xmlType]))
            }
        }
        let graph = root.append(.make("graph", ["id": "FaceNetwork", "edgedefault": "undirected"]))
        for (i, node) in network.nodes.enumerated() {
            let element = graph.append(.make("node", ["id": String(node.id)]))
            add(nodeColumns, prefix: "n", network: network, index: i, to: element)
        }
        for (i, link) in network.links.enumerated() {
            let element = graph.append(.make("edge", ["id": "e\(i)", "source": String(link.source),
                                                      "target": String(link.target)]))
            add(edgeColumns, prefix: "e", network: network, index: i, to: element)
        }
        return XMLOutput.document(root)
    }

    private static func add(_ columns: [NetworkAttributes.Column], prefix: String, network: NetworkData, index: Int,
                            to element: XMLElement) {
        for column in columns {
            guard let value = column.value(network, index) else { continue }
            element.append(.make("data", ["key": "\(prefix)_\(column.name)"], text: value.text))
        }
    }
}
