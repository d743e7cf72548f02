import CGraphviz
import Foundation

/// Static drawings of the network laid out by Graphviz (libgvc through the CGraphviz module).
public enum NetworkSVG {
    public struct GraphvizError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The network in the DOT language: one node per person (label: name or "Person <id>" and photo count),
    /// edges with `penwidth` growing with the number of shared photos. Identifiers are person ids; labels are
    /// escaped so that any name is safe.
    public static func dot(_ network: NetworkData) -> String {
        var lines = [
            "graph FaceNetwork {",
            "  graph [overlap=false, splines=true, outputorder=edgesfirst, pad=0.3, bgcolor=\"white\"];",
            "  node [shape=circle, style=filled, fillcolor=\"#9ecae1\", color=\"#3182bd\", fontname=\"Helvetica\", fontsize=10, fixedsize=false];",
            "  edge [color=\"#888888\"];",
        ]
        let maxPhotos = max(1, network.nodes.map(\.photos).max() ?? 1)
        for node in network.nodes {
            let width = 0.6 + 0.8 * log10(Double(node.photos) + 1) / log10(Double(maxPhotos) + 1)
            lines.append("  p\(node.id) [label=\(quoted("\(node.label)\n\(node.photos) photo\(node.photos == 1 ? "" : "s")")), width=\(String(format: "%.2f", width))];")
        }
        for link in network.links {
            let pen = 1 + log2(Double(link.weight))
            lines.append("  p\(link.source) -- p\(link.target) [penwidth=\(String(format: "%.2f", pen)), weight=\(link.weight), tooltip=\(quoted("\(link.weight) photo\(link.weight == 1 ? "" : "s")"))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Lays `dot` out with Graphviz's `layout` engine (sfdp, neato, fdp, dot, circo) and renders it as SVG.
    /// - Throws: `GraphvizError` when Graphviz cannot parse the graph or lacks the layout plugin.
    public static func render(dot: String, layout: String = "sfdp") throws -> String {
        agseterr(AGERR)   // Graphviz warnings would otherwise go straight to stderr
        guard let context = gvContext() else { throw GraphvizError(description: "cannot start Graphviz") }
        defer { gvFreeContext(context) }
        guard let graph = agmemread(dot) else { throw GraphvizError(description: "Graphviz cannot parse the graph") }
        defer { agclose(graph) }
        guard gvLayout(context, graph, layout) == 0 else {
            throw GraphvizError(description: "Graphviz has no '\(layout)' layout (is libgraphviz-dev installed?)")
        }
        defer { gvFreeLayout(context, graph) }
        var data: UnsafeMutablePointer<CChar>? = nil
        var length: UInt32 = 0
        guard gvRenderData(context, graph, "svg", &data, &length) == 0, let data else {
            throw GraphvizError(description: "Graphviz cannot render SVG")
        }
        defer { gvFreeRenderData(data) }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    /// A DOT double-quoted string: backslashes and quotes escaped, newlines as centred line breaks.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
