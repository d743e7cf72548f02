// Times the analysis layer on an edge-list file, for bench/centrality (not part of the face-network tool):
//   graph-bench EDGES MEASURE [--out FILE]
// EDGES: one edge per line, "a b weight" (integers a, b; weight optional, default 1), '#' lines skipped.
// MEASURE: betweenness | betweenness-weighted | closeness | pagerank | eigenvector | louvain | clustering | cores
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
guard arguments.count == 2 else { fail("usage: graph-bench EDGES MEASURE [--out FILE]") }
let (path, measure) = (arguments[0], arguments[1])

let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

var graph: SocialGraph!
let load = clock.measure {
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
