import Analysis
import Foundation

extension ApproximateSearch {
    /// How the face pairs were found through the inverted-file index, as cluster and cluster-descriptors print it:
    /// the groups searched per face and the share of a sample's exact pairs they reached (measured, not the target).
    public var summary: String {
        assert(NeighbourSearch.automaticFrom == 200_000, "the line below names the size")
        guard lists > 1 else {
            return "face pairs: every pair compared (too few faces for an inverted-file index to help)"
        }
        let searched = probes >= lists ? "all \(lists) k-means groups" : "the \(probes) nearest of \(lists) k-means groups"
        var line = "face pairs found through an inverted-file index (approximate): \(searched) searched for each face"
        if samplePairs > 0, !estimatedRecall.isNaN {
            let reached = estimatedRecall >= 1 ? "all" : String(format: "%.2f %%", 100 * estimatedRecall)
            line += ", which reached \(reached) of the \(samplePairs) exact pairs of \(sampleRows) sampled faces "
                + "(the target: 99.9 %)"
        } else if sampleRows > 0 {
            line += " (the \(sampleRows) sampled faces had no pair within the limits to measure the share found)"
        }
        return line + "; the default from 200,000 faces; --exact finds every pair"
    }
}
