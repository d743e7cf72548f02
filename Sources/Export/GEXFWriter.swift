import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The network as GEXF 1.3 (https://gexf.net/schema.html), Gephi's own format, also read by networkx
/// (`read_gexf`).
///
/// Shape: `<graph defaultedgetype="undirected">` with `<attributes>` declarations for the attributes of
/// `NetworkAttributes` (types `string`, `long`, `double`; a missing value has no `<attvalue>`), one `<node
/// id="<person id>" label="…">` per person with `viz:size` (from photos, as the HTML page sizes people) and
/// `viz:color` (its community's colour), and one `<edge id="<i>" source target weight>` per co-appearance (the
/// weight is GEXF's own edge weight, so it is not repeated among the attribute values).
///
/// Time, for Gephi's timeline: when any photo has an EXIF date the graph is `mode="dynamic"` with
/// `timeformat="date"`, each edge has `start`/`end` from its first to its last shared photo and each person from
/// their first to their last dated photo; whatever has no date has no bounds (always present). Dates are days
/// ('YYYY-MM-DD'): the date-time format would stop networkx reading the file; the exact times stay in the
/// `first_taken_at` and `last_taken_at` attributes.
public enum GEXFWriter {
    public static let namespace = "http://gexf.net/1.3"
    public static let vizNamespace = "http://gexf.net/1.3/viz"

    /// The GEXF document as UTF-8 text. `scale` multiplies node sizes as in the HTML page (radius
    /// 12 + log10(photos + 1) · scale).
    /// The meta element carries no `lastmodifieddate` (GEXF makes it optional): the day of writing would make two
    /// exports of one store differ, and the README promises byte-identical outputs.
    public static func document(_ network: NetworkData, scale: Double = 10) -> String {
        let root = XMLElement.make("gexf", ["version": "1.3"])
        root.declare("", namespace)
        root.declare("viz", vizNamespace)
        root.declare("xsi", "http://www.w3.org/2001/XMLSchema-instance")
        root.set("xsi:schemaLocation", "\(namespace) \(namespace)/gexf.xsd")
        let meta = root.append(.make("meta"))
        meta.append(.make("creator", text: "face-network"))
        meta.append(.make("description", text: "People who appear in the same photos; edge weight = photos shared"))

        let nodeDates = network.nodes.map { network.dates(of: $0) }
        let dynamic = nodeDates.contains { $0 != nil }
        let graph = root.append(.make("graph", ["defaultedgetype": "undirected"]))
        graph.set("mode", dynamic ? "dynamic" : "static")
        if dynamic { graph.set("timeformat", "date") }

        // label is the node's own label attribute and weight the edge's; the rest are declared attributes.
        let nodeColumns = NetworkAttributes.nodeColumns(network).filter { $0.name != "label" }
        let edgeColumns = NetworkAttributes.edgeColumns(network).filter { $0.name != "weight" }
        for (domain, columns) in [("node", nodeColumns), ("edge", edgeColumns)] {
            let declarations = graph.append(.make("attributes", ["class": domain, "mode": "static"]))
            for column in columns {
                declarations.append(.make("attribute", ["id": column.name, "title": column.name, "type": column.kind.xmlType]))
            }
        }

        let nodes = graph.append(.make("nodes"))
        for (i, node) in network.nodes.enumerated() {
            let element = nodes.append(.make("node", ["id": String(node.id), "label": node.label]))
            if let dates = nodeDates[i] { bound(element, dates.first, dates.last) }
            attach(nodeColumns, network: network, index: i, to: element)
            let colour = NodeStyle.communityColour(network.measures.community[i])
            element.append(.make("viz:color", ["r": String(colour.r), "g": String(colour.g), "b": String(colour.b)]))
            element.append(.make("viz:size", ["value": XMLValue.number(NodeStyle.radius(photos: node.photos, scale: scale))]))
        }
        let edges = graph.append(.make("edges"))
        for (i, link) in network.links.enumerated() {
            let element = edges.append(.make("edge", ["id": String(i), "source": String(link.source),
                                                      "target": String(link.target), "weight": String(link.weight)]))
            if let first = link.firstTakenAt, let last = link.lastTakenAt { bound(element, first, last) }
            attach(edgeColumns, network: network, index: i, to: element)
        }
        return XMLOutput.document(root)
    }

    /// `start` and `end` as days, the first ten characters of EXIF dates 'YYYY-MM-DD HH:MM:SS'; nothing when either
    /// is not such a date (a camera's "0000:00:00" placeholder would stop Gephi's import).
    private static func bound(_ element: XMLElement, _ first: String, _ last: String) {
        guard let start = day(first), let end = day(last) else { return }
        element.set("start", start)
        element.set("end", end)
    }

    static func day(_ date: String) -> String? {
        let text = String(date.prefix(10))
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
              parts[0].count == 4, year > 0, (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        return text
    }

    private static func attach(_ columns: [NetworkAttributes.Column], network: NetworkData, index: Int,
                               to element: XMLElement) {
        let values = XMLElement.make("attvalues")
        for column in columns {
            guard let value = column.value(network, index) else { continue }
            values.append(.make("attvalue", ["for": column.name, "value": value.text]))
        }
        if values.childCount > 0 { element.addChild(values) }
    }
}
