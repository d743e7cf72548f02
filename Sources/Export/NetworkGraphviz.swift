import CGraphviz
import Foundation

/// Static drawings of the network laid out by Graphviz (libgvc through the CGraphviz module): DOT text, and SVG
/// rendered from it.
public enum NetworkSVG {
    public struct GraphvizError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Above this many edges, edges are drawn as straight lines: routing splines around thousands of nodes takes
    /// Graphviz minutes.
    public static let splineEdgeLimit = 2_000

    /// Side of a face drawn by `--faces`, in inches: the 64 px thumbnails, which Graphviz measures as 64 points.
    static let faceSide = 64.0 / 72

    /// The network in the DOT language. One node `p<id>` per person: a circle of radius `NodeStyle.radius` (at
    /// least; it grows to fit its label) in its community's colour, labelled with the name (or "Person <id>") and
    /// the number of photos, with a tooltip giving faces and connections. Edges have `penwidth` 1 + log2(weight)
    /// and Graphviz `weight` = shared photos. With `images` (person id → image file path), those people are drawn
    /// as their face above the label. Graphviz copies these paths into the SVG it draws without escaping them, so
    /// they must be names the tool made (`PersonFaceFiles`), never a photo's name; `imageFolder` (the graph's
    /// `imagepath`) is where Graphviz looks for relative ones, left out when it holds a character DOT or
    /// Graphviz's path list cannot carry (`"`, `\`, `:`, control characters), which leaves Graphviz looking in
    /// the folder it runs in.
    ///
    /// Overlaps are removed as `NetworkLayout` removes them (PRISM, at most 20 passes). With `layout`, the graph
    /// names its engine (`layout=sfdp`), which Graphviz's command-line tools follow (`dot -Tsvg` then lays it out
    /// with sfdp).
    ///
    /// Every text is a DOT double-quoted string with `\`, `"` and line breaks escaped, and `&` written as `&amp;`
    /// (Graphviz reads entities in labels), so any name reaches the drawing as plain text.
    public static func dot(_ network: NetworkData, scale: Double = 10, images: [Int64: String] = [:],
                           imageFolder: String? = nil, layout: NetworkLayout.Engine? = nil) -> String {
        let imagePath = imageFolder.flatMap { folder in
            folder.unicodeScalars.contains { "\"\\:".unicodeScalars.contains($0) || $0.value < 0x20 || $0.value == 0x7F }
                ? nil : ", imagepath=" + quotedPath(folder)
        }
        var lines = [
            "graph FaceNetwork {",
            "  graph [overlap=prism20, splines=\(network.links.count <= splineEdgeLimit ? "true" : "line"), "
                + "outputorder=edgesfirst, pad=0.3, bgcolor=\"white\"\(layout.map { ", layout=\($0.rawValue)" } ?? "")"
                + "\(imagePath ?? "")];",
            "  node [shape=circle, style=filled, fontname=\"Helvetica\", fontsize=10, fixedsize=false];",
            "  edge [color=\"#88888899\"];",
        ]
        lines.reserveCapacity(network.nodes.count + network.links.count + 5)
        for (i, node) in network.nodes.enumerated() {
            let community = network.measures.community[i]
            let diameter = 2 * NodeStyle.radius(photos: node.photos, scale: scale) / 72
            var attributes = [
                "label=" + quoted("\(node.label)\n\(node.photos) photo\(node.photos == 1 ? "" : "s")"),
                "tooltip=" + quoted("\(node.label) (id \(node.id)): \(node.photos) photo\(node.photos == 1 ? "" : "s"), "
                    + "\(node.faces) face\(node.faces == 1 ? "" : "s"), \(node.connections) connection\(node.connections == 1 ? "" : "s")"),
                "color=\"\(NodeStyle.communityHex(community))\"",
                "fillcolor=\"\(NodeStyle.communityHex(community))40\"",
            ]
            if let image = images[node.id] {
                // The face at its own size (a 64 px thumbnail is 64 points to Graphviz) above a two-line label.
                attributes += ["shape=box", "style=\"rounded,filled\"", "image=" + quotedPath(image), "imagescale=false",
                               "imagepos=tc", "labelloc=b", "fixedsize=true",
                               "width=\(format(max(diameter, faceSide + 0.2)))", "height=\(format(faceSide + 0.5))"]
            } else {
                attributes.append("width=\(format(diameter))")
            }
            lines.append("  p\(node.id) [\(attributes.joined(separator: ", "))];")
        }
        for link in network.links {
            let photos = "\(link.weight) photo\(link.weight == 1 ? "" : "s")"
            lines.append("  p\(link.source) -- p\(link.target) [penwidth=\(format(1 + log2(Double(link.weight)))), "
                         + "weight=\(link.weight), tooltip=\(quoted(photos))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The network drawn by Graphviz as one self-contained SVG document. With `faces`, each person with a
    /// thumbnail is drawn as their face: the thumbnails are written to a temporary folder for Graphviz to measure
    /// and place, and their references in the SVG are then replaced by `data:` URIs, so the file stands alone.
    /// - Throws: `GraphvizError` when Graphviz cannot lay the graph out or render it.
    public static func svg(_ network: NetworkData, layout: NetworkLayout.Engine = .sfdp, scale: Double = 10,
                           faces: Bool = false) throws -> String {
        guard faces else { return try render(dot: dot(network, scale: scale), layout: layout.rawValue) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("face-network-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var images: [Int64: String] = [:]
        var uris: [String: String] = [:]
        for node in network.nodes {
            guard let thumbnail = node.thumbnail else { continue }
            // A name of letters and digits only, so that Graphviz writes the path into the SVG unchanged.
            let path = folder.appendingPathComponent("p\(node.id).jpg").path
            try thumbnail.write(to: URL(fileURLWithPath: path))
            images[node.id] = path
            uris[path] = node.imageURI
        }
        return replacingImageReferences(in: try render(dot: dot(network, scale: scale, images: images),
                                                       layout: layout.rawValue), with: uris)
    }

    /// `svg` with every `xlink:href="PATH"` whose PATH is a key of `uris` pointing at its value instead, in one
    /// pass over the document (O(length), whatever the number of images).
    static func replacingImageReferences(in svg: String, with uris: [String: String]) -> String {
        let marker = "xlink:href=\""
        var result = ""
        result.reserveCapacity(svg.utf8.count + uris.values.reduce(0) { $0 + $1.utf8.count })
        var rest = svg[...]
        while let found = rest.range(of: marker) {
            result += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            if let end = rest.firstIndex(of: "\""), let uri = uris[String(rest[..<end])] {
                result += uri
                rest = rest[end...]
            }
        }
        result += rest
        return result
    }

    /// Lays `dot` out with Graphviz's `layout` engine (sfdp, neato, fdp, dot, circo) and renders it in `format`
    /// (`svg`, or `plain` for positions).
    /// - Throws: `GraphvizError` when Graphviz cannot parse the graph or lacks the layout plugin.
    public static func render(dot: String, layout: String = "sfdp", format: String = "svg") throws -> String {
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
        guard gvRenderData(context, graph, format, &data, &length) == 0, let data else {
            throw GraphvizError(description: "Graphviz cannot render \(format)")
        }
        defer { gvFreeRenderData(data) }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    /// A DOT double-quoted string: backslashes and quotes escaped, `&` as `&amp;` (Graphviz decodes entities in
    /// labels and tooltips), line breaks as centred line breaks; other control characters dropped, since Graphviz
    /// would pass them into the SVG, where XML forbids them.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "&": out += "&amp;"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || !XMLText.allowed(scalar): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A file path as a DOT double-quoted string. Graphviz reads paths without label escapes, so only quotes are
    /// escaped (its lexer turns `\"` into `"` and keeps every other backslash).
    static func quotedPath(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
