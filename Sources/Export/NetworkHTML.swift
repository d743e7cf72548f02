import Foundation
import Store

/// The interactive network page (`Image_Network.html`, `export html`): one self-contained file that opens on a
/// settled picture even for thousands of people.
///
/// - Layout: positions are computed before saving (`NetworkLayout`, Graphviz sfdp by default), so the browser only
///   draws; dragging a person moves them alone.
/// - Drawing: one `<canvas>` (thousands of SVG elements with clipped images would make every zoom step slow), each
///   person a circle of radius `NodeStyle.radius` in their community's colour with their face (64 px JPEG
///   thumbnails embedded as data URIs, decoded after the first paint), edges as lines of width 1 + 1.5·log2(weight).
/// - Interaction: zoom, pan and drag; search by name or id; filters for the smallest edge weight and the top N
///   people by a centrality; colouring by community or none; a tooltip (name, id, photos, faces, connections);
///   clicking a person or an edge lists the photos behind it as links.
/// - Safety: names and paths reach the page only as JSON inside `<script type="application/json">` with every `<`
///   written `\u003c` (so no `</script>` or `<!--` can appear in it) and are shown with `textContent` and canvas
///   `fillText`, never parsed as HTML. Photo links are built from the page's own base and percent-encoded segments.
/// - D3 (zoom, drag, quadtree) is inlined from Debian's `node-d3`, or loaded from `d3URL` when it is not installed.
/// - Instrumentation for tests and curious users: after the first paint the canvas carries `data-drawn-nodes`,
///   `data-drawn-links` and `data-first-render-ms` (milliseconds since navigation start).
public enum NetworkHTML {
    /// Where Debian's node-d3 package installs D3 (version 5.16 in Debian 12).
    public static let debianD3 = "/usr/share/nodejs/d3/dist/d3.min.js"
    /// Used only when node-d3 is not installed; the same major version as Debian's, so the page code is the same.
    public static let d3URL = "https://cdn.jsdelivr.net/npm/d3@5.16.0/dist/d3.min.js"

    /// The page. `scale` multiplies node sizes (see `NodeStyle.radius`); `photoBase` is prepended to photo paths
    /// (relative to the photo folder) to link them: a relative URL from the page's folder to the photo folder
    /// (see `photoBase(page:photos:)`). `positions` default to a Graphviz `layout` of the network.
    /// - Throws: `NetworkSVG.GraphvizError` when the layout fails.
    public static func page(_ network: NetworkData, title: String, scale: Double = 10, photoBase: String = "",
                            layout: NetworkLayout.Engine = .sfdp, positions: [Int64: NetworkLayout.Point]? = nil,
                            d3Path: String = debianD3) throws -> String {
        let points = try positions ?? NetworkLayout.positions(network, engine: layout) {
            2 * NodeStyle.radius(photos: $0.photos, scale: scale)
        }
        // Keys sorted: JSONEncoder otherwise follows dictionary order, which changes from run to run.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(payload(network, title: title, scale: scale,
                                                               photoBase: photoBase, positions: points)),
                          as: UTF8.self)
        let d3: String
        if let inline = try? String(contentsOfFile: d3Path, encoding: .utf8) {
            d3 = "<script>\n" + scriptSafe(inline) + "\n</script>"
        } else {
            d3 = "<script src=\"\(d3URL)\"></script>"
        }
        return fill(NetworkPage.template, ["TITLE": htmlEscaped(title), "D3": d3, "DATA": jsonInScript(json)])
    }

    /// `template` with each `{{NAME}}` replaced by `values[NAME]` in one pass, so that a value containing a
    /// placeholder (a folder named "{{D3}}") is never expanded itself.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            if let close = rest[open.upperBound...].range(of: "}}"),
               let value = values[String(rest[open.upperBound..<close.lowerBound])] {
                out += value
                rest = rest[close.upperBound...]
            } else {
                out += "{{"
                rest = rest[open.upperBound...]
            }
        }
        return out + rest
    }

    /// The URL prefix from a page saved in folder `page` to the photo folder `photos`: `../` steps when the page
    /// lies inside the photo folder (the page keeps working when the folder moves), else (or without a folder:
    /// a page written to standard output) the photo folder's `file:` URL.
    public static func photoBase(page: URL?, photos: URL) -> String {
        let photoParts = photos.standardizedFileURL.pathComponents
        if let pageParts = page?.standardizedFileURL.pathComponents, pageParts.starts(with: photoParts) {
            return String(repeating: "../", count: pageParts.count - photoParts.count)
        }
        return photos.standardizedFileURL.absoluteString.hasSuffix("/")
            ? photos.standardizedFileURL.absoluteString : photos.standardizedFileURL.absoluteString + "/"
    }

    // MARK: Data

    /// What the page script reads. Short keys: a network of 5,000 people is megabytes of JSON.
    struct Payload: Encodable {
        var title: String
        var scale: Double
        var photoBase: String
        /// Names of the centralities, in the order of each node's `m`.
        var measures: [String]
        var communities: Int
        var nodes: [Node]
        var links: [Link]
        /// `[path, date taken or null]` per photo.
        var photos: [[String?]]
    }

    struct Node: Encodable {
        var id: Int64
        var label: String
        var photos: Int
        var faces: Int
        var connections: Int
        /// Position and radius in pixels at zoom 1.
        var x: Double
        var y: Double
        var r: Double
        /// Community number and colour.
        var c: Int
        var colour: String
        /// Centralities in `Payload.measures` order.
        var m: [Double]
        /// Thumbnail data URI, empty without one.
        var img: String
        /// Photo indices.
        var p: [Int]
        /// Median apparent age (years) and mean gender (p(female)), absent when not estimated.
        var a: Double?
        var g: Double?
    }

    struct Link: Encodable {
        /// Node indices of the two people.
        var s: Int
        var t: Int
        var w: Int
        /// First and last date taken.
        var f: String?
        var l: String?
        var p: [Int]
    }

    static func payload(_ network: NetworkData, title: String, scale: Double, photoBase: String,
                        positions: [Int64: NetworkLayout.Point]) -> Payload {
        let measures = NetworkMeasures.Measure.allCases.filter { network.measures.values[$0] != nil }
        let index = Dictionary(uniqueKeysWithValues: network.nodes.enumerated().map { ($1.id, $0) })
        func rounded(_ v: Double) -> Double { (v * 10).rounded() / 10 }
        let nodes = network.nodes.enumerated().map { i, node in
            let point = positions[node.id] ?? NetworkLayout.Point(x: 0, y: 0)
            let community = network.measures.community[i]
            return Node(id: node.id, label: node.label, photos: node.photos, faces: node.faces,
                        connections: node.connections, x: rounded(point.x), y: rounded(point.y),
                        r: rounded(NodeStyle.radius(photos: node.photos, scale: scale)), c: community,
                        colour: NodeStyle.communityHex(community),
                        m: measures.map { network.measures.values[$0]![i] }, img: node.imageURI, p: node.photoIndices,
                        a: node.ageGender.map { PersonAgeGender.rounded($0.medianAge) },
                        g: node.ageGender.map { PersonAgeGender.rounded($0.meanGender) })
        }
        let links = network.links.compactMap { link -> Link? in
            guard let s = index[link.source], let t = index[link.target] else { return nil }
            return Link(s: s, t: t, w: link.weight, f: link.firstTakenAt, l: link.lastTakenAt, p: link.photoIndices)
        }
        return Payload(title: title, scale: scale, photoBase: photoBase, measures: measures.map(\.column),
                       communities: network.measures.communityCount, nodes: nodes, links: links,
                       photos: network.photos.map { [$0.path, $0.takenAt] })
    }

    // MARK: Escaping

    /// JSON made safe as the content of a `<script>` element: `<` becomes `\u003c` (still the same JSON), so the
    /// text can contain neither `</script>` nor `<!--`; U+2028 and U+2029 are escaped too, for pages that would
    /// evaluate it as JavaScript. One pass over the bytes with `memchr`: the JSON of a large network is tens of
    /// megabytes (String.replacingOccurrences took seconds on 18 MB).
    static func jsonInScript(_ json: String) -> String {
        let bytes = Array(json.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            /// The offset of the next `byte` at or after `from`, or the end.
            func next(_ byte: Int32, from: Int) -> Int {
                guard from < buffer.count, let found = memchr(base + from, byte, buffer.count - from) else { return buffer.count }
                return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            }
            // The next '<' and the next first byte of U+2028/U+2029 (E2 80 A8/A9), each searched again only once
            // passed.
            var less = next(0x3C, from: 0), e2 = next(0xE2, from: 0), start = 0
            while start < buffer.count {
                if less < start { less = next(0x3C, from: start) }
                if e2 < start { e2 = next(0xE2, from: start) }
                let hit = min(less, e2)
                out.append(contentsOf: buffer[start..<hit])
                guard hit < buffer.count else { break }
                if hit == less {
                    out.append(contentsOf: Array("\\u003c".utf8))
                    start = hit + 1
                } else if hit + 2 < buffer.count, buffer[hit + 1] == 0x80, buffer[hit + 2] == 0xA8 || buffer[hit + 2] == 0xA9 {
                    out.append(contentsOf: Array((buffer[hit + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                    start = hit + 3
                } else {
                    out.append(0xE2)
                    start = hit + 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Script text (D3) safe inside a `<script>` element: "</" cannot close it.
    static func scriptSafe(_ text: String) -> String {
        text.replacingOccurrences(of: "</", with: "<\\/")
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
