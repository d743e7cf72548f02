/// Communities of people: groups who appear with each other more than with the rest.
public enum Communities {}

extension Communities {
    /// Louvain community detection (V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast unfolding of
    /// communities in large networks", J. Stat. Mech. P10008, 2008), as networkx's `louvain_communities(G,
    /// weight="weight", resolution=γ, threshold=…)` runs it: each level moves nodes, visited in one shuffled order
    /// per level, to the neighbouring community of largest modularity gain (gain > 0) until a sweep moves nobody;
    /// communities then become the nodes of the next level; levels stop when modularity grows by no more than
    /// `threshold` or nothing moved.
    ///
    /// Deterministic: the shuffle uses SplitMix64 seeded with `seed`, the same on every platform (it is not
    /// networkx's Python `random`, so on graphs without a clear structure the partition can differ from networkx's
    /// for the same seed; its modularity is comparable). Roughly O(|E|) per sweep; a handful of sweeps and levels
    /// in practice.
    /// - Returns: the community of each node, indexed like `graph.nodes`, numbered 0, 1, … from the largest
    ///   community down (ties: the community holding the smaller node index first). A node without edges is a
    ///   community of its own.
    public static func louvain(_ graph: SocialGraph, resolution: Double = 1, seed: UInt64 = 0x5EED,
                               threshold: Double = 1e-7, weighted: Bool = true) -> [Int] {
        let n = graph.nodeCount
        guard n > 0 else { return [] }
        var level = LouvainLevel(graph, weighted: weighted)
        let m = level.totalWeight
        var membership = Array(0..<n)   // original node -> node of the current level
        guard m > 0 else { return membership }
        var random = SplitMix64(seed: seed)
        var modularity = level.modularity(of: Array(0..<n), m: m, resolution: resolution)
        while true {
            let (communities, moved) = level.moveNodes(m: m, resolution: resolution, random: &random)
            if !moved { break }
            for i in 0..<n { membership[i] = communities[membership[i]] }
            let next = level.modularity(of: communities, m: m, resolution: resolution)
            level = level.aggregated(by: communities)
            if next - modularity <= threshold { break }
            modularity = next
        }
        return relabelled(membership)
    }

    /// The communities of `partition` among the nodes with ties, in label order (Louvain's: largest first), each
    /// its node indices in order, and how many nodes have no tie. Nodes without ties are in no community: Louvain
    /// leaves each alone, and a community of one says nothing about who belongs with whom. The one rule the
    /// report, the query shell and `network` count communities by.
    public static func groupsWithTies(_ graph: SocialGraph, partition: [Int]) -> (groups: [[Int]], withoutTies: Int) {
        var members: [Int: [Int]] = [:], withoutTies = 0
        for (node, label) in partition.enumerated() {
            if graph.degree(of: node) > 0 { members[label, default: []].append(node) } else { withoutTies += 1 }
        }
        return (members.keys.sorted().map { members[$0]! }, withoutTies)
    }

    /// Labels renumbered from the largest group down, ties by smallest member.
    static func relabelled(_ labels: [Int]) -> [Int] {
        var size: [Int: Int] = [:], first: [Int: Int] = [:]
        for (i, label) in labels.enumerated() {
            size[label, default: 0] += 1
            if first[label] == nil { first[label] = i }
        }
        let ranked = size.keys.sorted { (size[$0]!, -first[$0]!) > (size[$1]!, -first[$1]!) }
        var rank: [Int: Int] = [:]
        for (position, label) in ranked.enumerated() { rank[label] = position }
        return labels.map { rank[$0]! }
    }
}

/// One level of Louvain: a weighted graph whose nodes are the communities of the level below, with the weight of
/// the edges inside each community kept as a self-loop.
struct LouvainLevel {
    /// Neighbours other than the node itself, with summed weights.
    var adjacency: [[(node: Int, weight: Double)]]
    var selfLoop: [Double]
    /// Weighted degree, a self-loop counting twice (networkx's convention).
    var degree: [Double]
    var totalWeight: Double { (degree.reduce(0, +)) / 2 }

    init(_ graph: SocialGraph, weighted: Bool) {
        adjacency = (0..<graph.nodeCount).map { i in
            graph.adjacency(of: i).map { (Int($0.0), weighted ? $0.1 : 1) }
        }
        selfLoop = [Double](repeating: 0, count: graph.nodeCount)
        degree = adjacency.map { $0.reduce(0) { $0 + $1.weight } }
    }

    init(adjacency: [[(node: Int, weight: Double)]], selfLoop: [Double]) {
        self.adjacency = adjacency
        self.selfLoop = selfLoop
        degree = zip(adjacency, selfLoop).map { list, loop in list.reduce(2 * loop) { $0 + $1.weight } }
    }

    /// networkx's `_one_level`: returns each node's community, numbered 0… in order of the community's first
    /// node (networkx drops empty communities in that order), and whether any node moved.
    func moveNodes(m: Double, resolution: Double, random: inout SplitMix64) -> (communities: [Int], moved: Bool) {
        let n = adjacency.count
        var community = Array(0..<n)
        var total = degree   // Σ_tot of each community
        var order = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        var toCommunity = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        var moved = false
        var moves = 1
        let twoMSquared = 2 * m * m
        while moves > 0 {
            moves = 0
            for u in order {
                // Weight from u to each neighbouring community, in order of first encounter.
                for (v, w) in adjacency[u] {
                    let c = community[v]
                    if toCommunity[c] == 0 { touched.append(c) }
                    toCommunity[c] += w
                }
                let current = community[u], k = degree[u]
                total[current] -= k
                let removeCost = -toCommunity[current] / m + resolution * total[current] * k / twoMSquared
                var best = current, bestGain = 0.0
                for c in touched {
                    let gain = removeCost + toCommunity[c] / m - resolution * total[c] * k / twoMSquared
                    if gain > bestGain {
                        bestGain = gain
                        best = c
                    }
                }
                total[best] += k
                for c in touched { toCommunity[c] = 0 }
                touched.removeAll(keepingCapacity: true)
                if best != current {
                    community[u] = best
                    moved = true
                    moves += 1
                }
            }
        }
        var used = [Bool](repeating: false, count: n)
        for c in community { used[c] = true }
        var renumber = [Int](repeating: -1, count: n), next = 0
        for c in 0..<n where used[c] { renumber[c] = next; next += 1 }
        return (community.map { renumber[$0] }, moved)
    }

    /// The next level: one node per community; edges between communities summed, edges inside one become its
    /// self-loop (networkx's `_gen_graph`).
    func aggregated(by communities: [Int]) -> LouvainLevel {
        let count = (communities.max() ?? -1) + 1
        var loops = [Double](repeating: 0, count: count)
        var between = [[Int: Double]](repeating: [:], count: count)
        for u in adjacency.indices {
            loops[communities[u]] += selfLoop[u]
            for (v, w) in adjacency[u] where v > u {
                let (a, b) = (communities[u], communities[v])
                if a == b { loops[a] += w } else {
                    between[a][b, default: 0] += w
                    between[b][a, default: 0] += w
                }
            }
        }
        return LouvainLevel(adjacency: between.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } },
                            selfLoop: loops)
    }

    /// Modularity of a partition of this level's nodes (resolution γ), for the stopping rule.
    func modularity(of communities: [Int], m: Double, resolution: Double) -> Double {
        var inside: [Int: Double] = [:], degrees: [Int: Double] = [:]
        for u in adjacency.indices {
            degrees[communities[u], default: 0] += degree[u]
            inside[communities[u], default: 0] += selfLoop[u]
            for (v, w) in adjacency[u] where v > u && communities[v] == communities[u] {
                inside[communities[u], default: 0] += w
            }
        }
        return degrees.keys.sorted().reduce(0.0) { q, c in
            let share = degrees[c]! / (2 * m)
            return q + inside[c, default: 0] / m - resolution * share * share
        }
    }
}
