// Times the analysis layer on an edge-list file, for bench/centrality (not part of the face-network tool):
//   graph-bench EDGES MEASURE [--out FILE] [--sources K]
// EDGES: one edge per line, "a b weight" (integers a, b; weight optional, default 1), '#' lines skipped; or
//   synthetic:PEOPLE:TIES for a co-appearance network made here (photos of 2–5 people, popular people in more of
//   them; seeded, the same on every run), grown until it has TIES ties.
// MEASURE: betweenness | betweenness-weighted | closeness | pagerank | eigenvector | louvain | clustering | cores |
//   report (everything `face-network report` measures, `NetworkAnalysis`, with --sources K as report's option)
// Prints one JSON object: nodes, edges, load_seconds (parse + CSR build), seconds (the measure alone, wall clock)
// and cpu_seconds (the measure alone, user + system time of every thread).
// --out writes the values, one per node in order of first appearance in EDGES, for comparison with networkx.
import Analysis
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("graph-bench: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var outPath: String?
if let i = arguments.firstIndex(of: "--out"), i + 1 < arguments.count {
    outPath = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
var sources: Int?
if let i = arguments.firstIndex(of: "--sources"), i + 1 < arguments.count {
    sources = Int(arguments[i + 1])
    arguments.removeSubrange(i...(i + 1))
}
guard arguments.count == 2 else { fail("usage: graph-bench EDGES MEASURE [--out FILE] [--sources K]") }
let (path, measure) = (arguments[0], arguments[1])

let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

var graph: SocialGraph!
/// A co-appearance network of `people` people grown photo by photo until it has `ties` ties: each photo shows 2–5
/// people, person ⌊people · u²⌋ for a uniform u (a few people in many photos, most in few, as in an archive); a tie's
/// weight is the photos the two share. SplitMix64, seed 1.
func synthetic(people: Int, ties: Int) -> SocialGraph {
    var state: UInt64 = 1
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    var pairs: [UInt64] = []
    var distinct = 0
    while distinct < ties {
        // Draw photos for the missing ties (a photo of s people gives s(s−1)/2 pairs, 5 on average), then count.
        for _ in 0..<max(1000, (ties - distinct) / 4) {
            let size = 2 + Int(next() % 4)
            var group: [UInt64] = []
            while group.count < size {
                let u = Double(next() >> 11) / Double(1 << 53)
                let person = UInt64(Double(people) * u * u)
                if !group.contains(person) { group.append(person) }
            }
            for i in 0..<size { for j in (i + 1)..<size { pairs.append(min(group[i], group[j]) << 32 | max(group[i], group[j])) } }
        }
        pairs.sort()
        distinct = pairs.indices.reduce(0) { $0 + ($1 == 0 || pairs[$1] != pairs[$1 - 1] ? 1 : 0) }
    }
    var edges: [(a: Int64, b: Int64, weight: Double)] = []
    for pair in pairs {
        let (a, b) = (Int64(pair >> 32), Int64(pair & 0xFFFF_FFFF))
        if let last = edges.last, last.a == a, last.b == b { edges[edges.count - 1].weight += 1 }
        else if edges.count < ties { edges.append((a, b, 1)) }
    }
    return SocialGraph(nodes: (0..<Int64(people)).map { $0 }, edges: edges)
}

let load = clock.measure {
    if path.hasPrefix("synthetic:") {
        let parts = path.split(separator: ":")
        guard parts.count == 3, let people = Int(parts[1]), let ties = Int(parts[2]), people > 5, ties > 0 else {
            fail("synthetic:PEOPLE:TIES wants two positive numbers")
        }
        graph = synthetic(people: people, ties: ties)
        return
    }
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    var edges: [(a: Int64, b: Int64, weight: Double)] = []
    for line in data.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
        let fields = line.split(separator: UInt8(ascii: " "))
        guard fields.count >= 2, let a = Int64(String(decoding: fields[0], as: UTF8.self)),
              let b = Int64(String(decoding: fields[1], as: UTF8.self)) else { continue }
        let weight = fields.count > 2 ? Double(String(decoding: fields[2], as: UTF8.self)) ?? 1 : 1
        edges.append((a, b, weight))
    }
    graph = SocialGraph(nodes: [], edges: edges)
}

/// User + system CPU seconds of the whole process so far, every thread included.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)   // Glibc imports the constant as an enum
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}

var values: [Double] = []
let cpuBefore = cpuSeconds()
let elapsed = try clock.measure {
    switch measure {
    case "betweenness": values = Centrality.betweenness(graph)
    case "betweenness-weighted": values = Centrality.betweenness(graph, weighted: true)
    case "closeness": values = Centrality.closeness(graph)
    case "pagerank": values = try Centrality.pageRank(graph)
    case "eigenvector": values = try Centrality.eigenvector(graph)
    case "louvain": values = Communities.louvain(graph).map(Double.init)
    case "clustering": values = Centrality.clustering(graph)
    case "cores": values = GraphStructure.coreNumbers(graph).map(Double.init)
    case "report":
        let analysis = NetworkAnalysis(graph, sources: sources)
        values = analysis.centralities.values[.betweenness] ?? []
        FileHandle.standardError.write(Data(("graph-bench report: sources \(analysis.sampledSources.map(String.init) ?? "all"), "
            + "\(analysis.componentCount) components, largest \(analysis.largestComponent.nodes) nodes, diameter ≥ "
            + "\(analysis.largestComponent.diameter), average path \(analysis.largestComponent.averagePathLength), "
            + "modularity \(analysis.modularity), \(Set(analysis.communities).count) communities\n").utf8))
    default: fail("unknown measure \(measure)")
    }
}
let cpu = cpuSeconds() - cpuBefore
if let outPath {
    let text = values.map { String(format: "%.17g", $0) }.joined(separator: "\n") + "\n"
    try text.write(toFile: outPath, atomically: true, encoding: .utf8)
}
print(#"{"measure": "\#(measure)", "nodes": \#(graph.nodeCount), "edges": \#(graph.edgeCount), "#
      + #""load_seconds": \#(seconds(load)), "seconds": \#(seconds(elapsed)), "cpu_seconds": \#(cpu), "#
      + #""cores": \#(ProcessInfo.processInfo.activeProcessorCount)}"#)
