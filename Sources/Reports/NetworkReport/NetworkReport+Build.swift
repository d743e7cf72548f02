import Analysis
import Foundation
import People
import Store

extension NetworkReport {
    /// Computes the report for the people seen in at least `minPhotos` photos.
    ///
    /// Rankings keep the `top` people by each measure (ties in value: more photos first, then lower id); ties
    /// keep the `top` heaviest edges. Communities come from Louvain at `resolution` with a fixed `seed`, so the
    /// same store always gives the same report. Cost: dominated by betweenness and closeness, O(|V|·|E|), over
    /// every core; with `sources` (`CentralitySet.sources(nodes:asked:)`: by default above 50,000 people) they,
    /// the diameter and the average path length are estimated from that many sampled people, O(k·|E|), and a note
    /// says so.
    public static func build(store: any FaceStoring, minPhotos: Int = 1, top: Int = 10, resolution: Double = 1,
                             seed: UInt64 = 0x5EED, sources: Int? = nil) throws -> NetworkReport {
        let network = try store.network(minPhotos: minPhotos, during: nil)
        let graph = SocialGraph(nodes: network.people.map(\.id), edges: network.weightedEdges)
        let people = network.people.map {
            Person(id: $0.id, name: $0.label, photos: $0.photos, faces: $0.faces, faceID: $0.representativeFaceID,
                   medianAge: $0.ageGender.map { PersonAgeGender.rounded($0.medianAge) },
                   meanGender: $0.ageGender.map { PersonAgeGender.rounded($0.meanGender) })
        }
        var notes: [String] = []

        let analysis = NetworkAnalysis(graph, resolution: resolution, seed: seed, sources: sources)
        let (paths, communityOf, centralities) = (analysis.largestComponent, analysis.communities, analysis.centralities)
        if let sampled = analysis.sampledSources {
            notes.append("Betweenness, closeness and harmonic closeness are estimated from \(sampled) of the "
                + "\(graph.nodeCount) people drawn at random with a fixed seed (as networkx's "
                + "betweenness_centrality(G, k=\(sampled))), and the average path length from as many people of the "
                + "largest component; its diameter is a lower bound (the farthest any of them, or the person farthest "
                + "from them, reaches). --sources sets the number; \(graph.nodeCount) or more measures exactly.")
        }
        notes += centralities.problems
        let values: [(Measure, [Double])] = Measure.allCases.compactMap { measure in
            centralities.values[measure].map { (measure, $0) }
        }
        let rankings = values.map { measure, value in
            Ranking(measure: measure, entries: topIndices(value, people: people, count: top).map {
                Ranking.Entry(person: people[$0], value: value[$0])
            })
        }

        let weighted = centralities.values[.weightedDegree] ?? Centrality.weightedDegree(graph)
        // People without ties are in no community (`Communities.groupsWithTies`); the others' are numbered 1, 2, …
        // in Louvain's order (largest first), with no gaps where people without ties had theirs.
        let (groups, withoutTies) = Communities.groupsWithTies(graph, partition: communityOf)
        let communities = groups.enumerated().map { number, members in
            Community(number: number + 1, members: members.sorted {
                (weighted[$0], -people[$0].id) > (weighted[$1], -people[$1].id)
            }.map { people[$0] })
        }

        let heaviest = graph.edgeList.sorted {
            ($0.weight, -graph.nodes[$0.a], -graph.nodes[$0.b]) > ($1.weight, -graph.nodes[$1.a], -graph.nodes[$1.b])
        }.prefix(top)
        let ties = try heaviest.map { edge in
            Tie(people: [people[edge.a], people[edge.b]], weight: Int(edge.weight),
                photos: try store.edgePhotos(graph.nodes[edge.a], graph.nodes[edge.b]).map(\.path))
        }

        let summary = Summary(
            people: graph.nodeCount, edges: graph.edgeCount, photos: try store.counts().photos, minPhotos: minPhotos,
            density: GraphStructure.density(graph), components: analysis.componentCount,
            largestComponent: paths.nodes, diameter: Int(paths.diameter), averagePathLength: paths.averagePathLength,
            assortativity: analysis.assortativity.isNaN ? nil : analysis.assortativity,
            peopleWithoutTies: withoutTies,
            modularity: analysis.modularity)
        // Where the people are doubtful without labels (what `people list` suggests), for the people shown.
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) })
        let (splits, merges) = try PeopleDoubts().measure(store: store)
        let doubts = splits.compactMap { split in
            byID[split.person].map { Doubt(kind: "split", people: [$0], distance: Double(split.distance)) }
        } + merges.compactMap { merge -> Doubt? in
            guard let a = byID[merge.a], let b = byID[merge.b] else { return nil }
            return Doubt(kind: "merge", people: [a, b], distance: Double(merge.distance))
        }
        return NetworkReport(summary: summary, rankings: rankings, communities: communities, ties: Array(ties),
                             doubts: doubts, notes: notes)
    }

    /// Indices of the `count` largest values; equal values rank the person with more photos first, then the lower
    /// id, so the order never depends on anything but the data.
    static func topIndices(_ values: [Double], people: [Person], count: Int) -> [Int] {
        // Values equal but for rounding (sums taken in another order) count as equal: compare at 1e-12.
        let key = values.map { ($0 * 1e12).rounded() }
        return Array(values.indices.sorted {
            (key[$0], people[$0].photos, -people[$0].id) > (key[$1], people[$1].photos, -people[$1].id)
        }.prefix(count))
    }
}
