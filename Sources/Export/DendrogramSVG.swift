import Analysis
import Foundation

/// The dendrogram of an agglomerative clustering as a standalone SVG (`face-network cluster --algorithm ahc
/// --dendrogram FILE`): leaves are the faces that took part in a merge (faces never merged are left out), in the
/// order of a depth-first walk so that no lines cross; a merge is drawn at the height of its linkage distance,
/// from 0 at the bottom to the threshold at the top, where a dashed line marks it.
public enum DendrogramSVG {
    static let leafWidth = 14.0, plotHeight = 400.0, margin = 40.0, labelSpace = 90.0

    /// - Parameters:
    ///   - merges: in merge order, with scipy's cluster ids (rows 0..<count are faces; merge k makes count + k).
    ///   - labels: the text under each face's leaf (for example its face id), `count` entries.
    ///   - threshold: the distance drawn at the top of the plot.
    /// - Returns: the SVG document. O(merges) time and size.
    public static func render(merges: [Agglomerative.Merge], count: Int, labels: [String], threshold: Float) -> String {
        precondition(labels.count == count, "DendrogramSVG: one label per face")
        var children: [Int: (Int, Int)] = [:]
        var height: [Int: Double] = [:]
        var isChild = Set<Int>()
        for (k, merge) in merges.enumerated() {
            children[count + k] = (merge.a, merge.b)
            height[count + k] = Double(merge.distance)
            isChild.formUnion([merge.a, merge.b])
        }
        let roots = (0..<merges.count).map { count + $0 }.filter { !isChild.contains($0) }
        // Leaf order by an explicit-stack depth-first walk (chains of thousands of merges would overflow recursion).
        var leaves: [Int] = []
        for root in roots {
            var stack = [root]
            while let id = stack.popLast() {
                if let (a, b) = children[id] { stack.append(b); stack.append(a) } else { leaves.append(id) }
            }
        }
        var x: [Int: Double] = [:]
        for (i, leaf) in leaves.enumerated() { x[leaf] = margin + (Double(i) + 0.5) * leafWidth }
        let top = max(Double(threshold), merges.map { Double($0.distance) }.max() ?? 0, 1e-6)
        func y(_ distance: Double) -> Double { margin + plotHeight * (1 - distance / top) }
        var lines: [String] = []
        for k in 0..<merges.count {
            let id = count + k
            let (a, b) = children[id]!
            x[id] = (x[a]! + x[b]!) / 2
            let ya = y(height[a] ?? 0), yb = y(height[b] ?? 0), ym = y(height[id]!)
            lines.append(String(format: "<path d=\"M%.1f %.1fV%.1fH%.1fV%.1f\"/>", x[a]!, ya, ym, x[b]!, yb))
        }
        let width = 2 * margin + Double(leaves.count) * leafWidth
        let totalHeight = margin + plotHeight + labelSpace
        var svg = String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" font-size=\"9\">\n",
                         width, totalHeight)
        svg += "<g fill=\"none\" stroke=\"#333\" stroke-width=\"1\">\n" + lines.joined(separator: "\n") + "\n</g>\n"
        svg += String(format: "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c00\" stroke-dasharray=\"4 3\"/>\n",
                      margin, width - margin, y(Double(threshold)), y(Double(threshold)))
        svg += String(format: "<text x=\"%.0f\" y=\"%.1f\" fill=\"#c00\">threshold %.3f</text>\n", margin, y(Double(threshold)) - 4,
                      Double(threshold))
        for leaf in leaves {
            let text = labels[leaf].replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            svg += String(format: "<text transform=\"translate(%.1f %.1f) rotate(90)\">%@</text>\n", x[leaf]! - 3,
                          margin + plotHeight + 4, text)
        }
        return svg + "</svg>\n"
    }
}
