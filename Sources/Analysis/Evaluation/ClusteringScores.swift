import Foundation

/// How well a clustering of faces agrees with the true identities, by the measures face-clustering papers report.
///
/// Unassigned faces (nil) count as clusters of their own: leaving a face out costs recall, never precision.
/// Definitions:
/// - BCubed precision/recall (Bagga & Baldwin 1998; Amigó et al., "A comparison of extrinsic clustering evaluation
///   metrics", Information Retrieval 2009): per face, the share of its cluster that has its identity (precision) and
///   the share of its identity that is in its cluster (recall), averaged over faces; F1 their harmonic mean.
/// - Pairwise precision/recall: over pairs of faces, same cluster vs same identity. Dominated by the largest
///   identities (in LFW, George W. Bush makes 58 % of same-person pairs); BCubed is the fairer figure.
/// - Adjusted Rand index (Hubert & Arabie 1985), as scikit-learn's adjusted_rand_score.
/// - Normalised mutual information with the arithmetic mean of the entropies, as scikit-learn's
///   normalized_mutual_info_score (natural logarithms).
public struct ClusteringScores: Sendable, Equatable, Codable {
    public var faces: Int
    public var identities: Int
    public var clusters: Int
    public var bcubedPrecision: Double
    public var bcubedRecall: Double
    public var bcubedF1: Double
    public var pairwisePrecision: Double
    public var pairwiseRecall: Double
    public var pairwiseF1: Double
    public var adjustedRandIndex: Double
    public var normalizedMutualInformation: Double

    /// Scores `predicted` (cluster per face, nil = unassigned) against `truth` (identity per face).
    /// - Precondition: both have one entry per face.
    public static func compare<Label: Hashable>(truth: [Label], predicted: [Int?]) -> ClusteringScores {
        precondition(truth.count == predicted.count, "one identity and one cluster per face")
        let n = truth.count
        // Dense ids; each unassigned face gets a cluster of its own.
        var identityIDs: [Label: Int] = [:]
        let t = truth.map { label -> Int in
            if let id = identityIDs[label] { return id }
            identityIDs[label] = identityIDs.count
            return identityIDs.count - 1
        }
        var clusterIDs: [Int: Int] = [:]
        var nextCluster = 0
        let p = predicted.map { label -> Int in
            guard let label else { nextCluster += 1; return -nextCluster }
            if let id = clusterIDs[label] { return id }
            clusterIDs[label] = clusterIDs.count
            return clusterIDs.count - 1
        }
        let clusterCount = clusterIDs.count + nextCluster

        var cell: [Int: [Int: Int]] = [:]          // cluster -> identity -> faces
        var clusterSize: [Int: Int] = [:], identitySize: [Int: Int] = [:]
        for i in 0..<n {
            cell[p[i], default: [:]][t[i], default: 0] += 1
            clusterSize[p[i], default: 0] += 1
            identitySize[t[i], default: 0] += 1
        }

        // BCubed: a face in cell (c, l) of size m has precision m/|c| and recall m/|l|.
        var bp = 0.0, br = 0.0
        for (c, row) in cell {
            for (l, m) in row {
                bp += Double(m) * Double(m) / Double(clusterSize[c]!)
                br += Double(m) * Double(m) / Double(identitySize[l]!)
            }
        }
        bp = n > 0 ? bp / Double(n) : 1
        br = n > 0 ? br / Double(n) : 1

        func pairs(_ k: Int) -> Double { Double(k) * Double(k - 1) / 2 }
        let together = cell.values.reduce(0.0) { $0 + $1.values.reduce(0.0) { $0 + pairs($1) } }
        let predictedPairs = clusterSize.values.reduce(0.0) { $0 + pairs($1) }
        let truePairs = identitySize.values.reduce(0.0) { $0 + pairs($1) }
        let pp = predictedPairs > 0 ? together / predictedPairs : 1
        let pr = truePairs > 0 ? together / truePairs : 1

        // ARI from the pair confusion matrix, as scikit-learn computes it.
        let total = pairs(n)
        let tp = together, fp = predictedPairs - together, fn = truePairs - together
        let tn = total - tp - fp - fn
        let ari: Double
        if fn == 0 && fp == 0 {
            ari = 1
        } else {
            ari = 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
        }

        // NMI, arithmetic normalisation.
        let nmi: Double
        if (identitySize.count == 1 && clusterCount == 1) || n == 0 {
            nmi = 1
        } else {
            var mi = 0.0
            let N = Double(n)
            for (c, row) in cell {
                for (l, m) in row {
                    let pij = Double(m) / N
                    mi += pij * log(Double(m) * N / (Double(clusterSize[c]!) * Double(identitySize[l]!)))
                }
            }
            func entropy(_ sizes: Dictionary<Int, Int>.Values) -> Double {
                -sizes.reduce(0.0) { $0 + Double($1) / N * log(Double($1) / N) }
            }
            let mean = (entropy(identitySize.values) + entropy(clusterSize.values)) / 2
            nmi = mi <= 0 || mean <= 0 ? 0 : mi / mean
        }

        func f1(_ a: Double, _ b: Double) -> Double { a + b > 0 ? 2 * a * b / (a + b) : 0 }
        return ClusteringScores(
            faces: n, identities: identitySize.count, clusters: clusterCount,
            bcubedPrecision: bp, bcubedRecall: br, bcubedF1: f1(bp, br),
            pairwisePrecision: pp, pairwiseRecall: pr, pairwiseF1: f1(pp, pr),
            adjustedRandIndex: ari, normalizedMutualInformation: nmi)
    }
}
