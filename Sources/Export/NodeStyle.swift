import Foundation

/// How every drawing sizes and colours a person, so that the HTML page, the SVG and Gephi (GEXF `viz`) agree.
public enum NodeStyle {
    /// Radius in pixels (points in SVG and GEXF): 12 + log10(photos + 1) · `scale`, the original tool's `--scale`.
    public static func radius(photos: Int, scale: Double) -> Double {
        12 + log10(Double(photos) + 1) * scale
    }

    /// The colour of community `index` (0 = the largest): Tableau's ten categorical colours, then hues spaced by
    /// the golden angle so that any number of communities stay apart.
    public static func communityColour(_ index: Int) -> (r: Int, g: Int, b: Int) {
        let tableau: [(Int, Int, Int)] = [(78, 121, 167), (242, 142, 43), (225, 87, 89), (118, 183, 178), (89, 161, 79),
                                          (237, 201, 72), (176, 122, 161), (255, 157, 167), (156, 117, 95), (186, 176, 172)]
        if index >= 0, index < tableau.count { return tableau[index] }
        let hue = (Double(max(index, 0)) * 137.508).truncatingRemainder(dividingBy: 360)
        return hsl(hue: hue, saturation: 0.55, lightness: 0.55)
    }

    /// `communityColour` as `#rrggbb`.
    public static func communityHex(_ index: Int) -> String {
        let c = communityColour(index)
        return "#" + [c.r, c.g, c.b].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// HSL (hue in degrees, saturation and lightness in 0…1) to 8-bit RGB (CSS Color 4 §7.1).
    static func hsl(hue: Double, saturation: Double, lightness: Double) -> (r: Int, g: Int, b: Int) {
        func channel(_ n: Double) -> Int {
            let k = (n + hue / 30).truncatingRemainder(dividingBy: 12)
            let a = saturation * min(lightness, 1 - lightness)
            return Int(((lightness - a * max(-1, min(k - 3, 9 - k, 1))) * 255).rounded())
        }
        return (channel(0), channel(8), channel(4))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
