import Foundation

/// The interactive network page `Image_Network.html`: a D3 force layout where each person is drawn as their face,
/// with a tooltip (name or id, photos, connections), zoom, pan and drag. One self-contained file: thumbnails are
/// embedded as data URIs and D3 is inlined from Debian's `node-d3` when installed, so the page still works when
/// moved or opened offline.
public enum NetworkHTML {
    /// Where Debian's node-d3 package installs D3 (version 5.16 in Debian 12).
    public static let debianD3 = "/usr/share/nodejs/d3/dist/d3.min.js"
    /// Used only when node-d3 is not installed; the same major version as Debian's, so the page code is the same.
    public static let d3URL = "https://cdn.jsdelivr.net/npm/d3@5.16.0/dist/d3.min.js"

    /// The page for `network`. `scale` multiplies node sizes (log10 of photos, as the original tool's `scale`).
    public static func page(_ network: NetworkData, title: String, scale: Double = 10, d3Path: String = debianD3) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = String(decoding: try encoder.encode(network.nodes), as: UTF8.self)
        let links = String(decoding: try encoder.encode(network.links), as: UTF8.self)
        let d3: String
        if let inline = try? String(contentsOfFile: d3Path, encoding: .utf8) {
            d3 = "<script>\n" + scriptSafe(inline) + "\n</script>"
        } else {
            d3 = "<script src=\"\(d3URL)\"></script>"
        }
        return template
            .replacingOccurrences(of: "{{TITLE}}", with: htmlEscaped(title))
            .replacingOccurrences(of: "{{D3}}", with: d3)
            .replacingOccurrences(of: "{{NODES}}", with: scriptSafe(data))
            .replacingOccurrences(of: "{{LINKS}}", with: scriptSafe(links))
            .replacingOccurrences(of: "{{SCALE}}", with: String(scale))
    }

    /// Text safe inside a <script> element: "</" cannot close it, and U+2028/2029 are escaped for old parsers.
    static func scriptSafe(_ text: String) -> String {
        text.replacingOccurrences(of: "</", with: "<\\/")
            .replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    // Node labels and names reach the page only through JSON data and D3's .text(), never as HTML.
    static let template = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>{{TITLE}}</title>
    <style>
      html, body { margin: 0; height: 100%; font-family: Helvetica, Arial, sans-serif; background: #fafafa; }
      #graph { width: 100%; height: 100%; display: block; cursor: grab; }
      #info { position: absolute; top: 8px; left: 12px; color: #333; font-size: 13px; }
      #tooltip { position: absolute; pointer-events: none; background: rgba(255,255,255,0.95); border: 1px solid #bbb;
                 border-radius: 4px; padding: 6px 8px; font-size: 12px; display: none; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
      .link { stroke: #999; stroke-opacity: 0.6; }
      .ring { fill: #9ecae1; stroke: #3182bd; stroke-width: 2px; }
      #empty { position: absolute; top: 45%; width: 100%; text-align: center; color: #777; font-size: 18px; }
    </style>
    {{D3}}
    </head>
    <body>
    <div id="info"></div>
    <div id="tooltip"></div>
    <svg id="graph"></svg>
    <script>
    "use strict";
    const nodes = {{NODES}};
    const links = {{LINKS}};
    const scale = {{SCALE}};
    const info = document.getElementById("info");
    info.textContent = nodes.length + " people, " + links.length + " co-appearance links. Scroll to zoom, drag to move.";
    if (nodes.length === 0) {
      const empty = document.createElement("div");
      empty.id = "empty";
      empty.textContent = "No people yet: run face-network cluster with more photos.";
      document.body.appendChild(empty);
    }
    const svg = d3.select("#graph");
    const width = window.innerWidth, height = window.innerHeight;
    const root = svg.append("g");
    // D3 5 passes (d) and sets d3.event; D3 6+ passes (event, d). Support both.
    const ev = (a) => (a && a.sourceEvent !== undefined) || (a && a.transform !== undefined) ? a : d3.event;
    const datum = (a, b) => ((a instanceof Event) || (a && a.sourceEvent !== undefined) ? b : a);
    const zoom = d3.zoom().scaleExtent([0.05, 8]).on("zoom", function (a) { root.attr("transform", ev(a).transform); });
    svg.call(zoom);
    const radius = (d) => 12 + Math.log10(d.photos + 1) * scale;
    // People with no link start on an outer ring, so the pull to the middle cannot trap them inside a group
    // where they would look linked.
    const loners = nodes.filter((d) => d.connections === 0);
    loners.forEach((d, i) => {
      const angle = 2 * Math.PI * i / Math.max(1, loners.length);
      d.x = width / 2 + 350 * Math.cos(angle);
      d.y = height / 2 + 350 * Math.sin(angle);
    });
    const simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id((d) => d.id).distance((l) => 60 + 40 / l.weight))
      .force("charge", d3.forceManyBody().strength(-220))
      .force("collide", d3.forceCollide().radius((d) => radius(d) + 4))
      .force("center", d3.forceCenter(width / 2, height / 2))
      // Weak pulls towards the middle keep separate groups and lone people on screen.
      .force("x", d3.forceX(width / 2).strength((d) => (d.connections > 0 ? 0.06 : 0.02)))
      .force("y", d3.forceY(height / 2).strength((d) => (d.connections > 0 ? 0.06 : 0.02)));
    const link = root.append("g").selectAll("line").data(links).enter().append("line")
      .attr("class", "link").attr("stroke-width", (l) => 1 + Math.log2(l.weight) * 1.5);
    const defs = svg.append("defs");
    defs.selectAll("clipPath").data(nodes).enter().append("clipPath")
      .attr("id", (d) => "clip" + d.id).append("circle").attr("r", radius);
    const node = root.append("g").selectAll("g").data(nodes).enter().append("g").style("cursor", "pointer");
    node.append("circle").attr("class", "ring").attr("r", (d) => radius(d) + 2);
    node.filter((d) => d.image).append("image")
      .attr("href", (d) => d.image).attr("xlink:href", (d) => d.image)
      .attr("x", (d) => -radius(d)).attr("y", (d) => -radius(d))
      .attr("width", (d) => 2 * radius(d)).attr("height", (d) => 2 * radius(d))
      .attr("clip-path", (d) => "url(#clip" + d.id + ")");
    const tooltip = d3.select("#tooltip");
    node.on("mouseover", function (a, b) {
        const d = datum(a, b);
        tooltip.style("display", "block").html("");
        tooltip.append("b").text(d.label);
        tooltip.append("div").text("id " + d.id);
        tooltip.append("div").text(d.photos + (d.photos === 1 ? " photo" : " photos") + ", " + d.faces + (d.faces === 1 ? " face" : " faces"));
        tooltip.append("div").text(d.connections + (d.connections === 1 ? " connection" : " connections"));
      })
      .on("mousemove", function (a) {
        const e = (a && a.pageX !== undefined) ? a : d3.event;
        tooltip.style("left", (e.pageX + 14) + "px").style("top", (e.pageY + 14) + "px");
      })
      .on("mouseout", function () { tooltip.style("display", "none"); });
    node.call(d3.drag()
      .on("start", function (a, b) { const d = datum(a, b); if (!ev(a).active) simulation.alphaTarget(0.3).restart(); d.fx = d.x; d.fy = d.y; })
      .on("drag", function (a, b) { const d = datum(a, b); d.fx = ev(a).x; d.fy = ev(a).y; })
      .on("end", function (a, b) { const d = datum(a, b); if (!ev(a).active) simulation.alphaTarget(0); d.fx = null; d.fy = null; }));
    function draw() {
      link.attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y).attr("x2", (l) => l.target.x).attr("y2", (l) => l.target.y);
      node.attr("transform", (d) => "translate(" + d.x + "," + d.y + ")");
    }
    // Settle the layout before the first paint (the page opens on a still picture, not a swarm), then zoom so
    // that everyone fits in the window; dragging restarts the simulation.
    simulation.stop();
    const warmTicks = nodes.length <= 1000 ? 300 : 120;
    for (let i = 0; i < warmTicks; i++) simulation.tick();
    draw();
    if (nodes.length > 0) {
      const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y), pad = 60;
      const x0 = Math.min(...xs) - pad, x1 = Math.max(...xs) + pad, y0 = Math.min(...ys) - pad, y1 = Math.max(...ys) + pad;
      const k = Math.min(2.5, width / (x1 - x0), height / (y1 - y0));
      svg.call(zoom.transform, d3.zoomIdentity.translate(width / 2 - k * (x0 + x1) / 2, height / 2 - k * (y0 + y1) / 2).scale(k));
    }
    simulation.on("tick", draw);
    </script>
    </body>
    </html>
    """#
}
