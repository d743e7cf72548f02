import Analysis
import ArgumentParser
import Export
import Foundation
import Pipeline
import People
import Query
import Reports

/// `face-network cluster-descriptors <folder>`: clusters a descriptor file without images (for example
/// `../shared/data/lfw-descriptors`) with the same options as `cluster`, and scores the result against the file's
/// identities. What `bench/cluster` and the choice of defaults (docs/clustering.md) run.
struct ClusterDescriptorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-descriptors",
        abstract: "Cluster a folder holding descriptors.f32 and faces.csv, and score it against its identities.")

    @Argument(help: "Folder with descriptors.f32 (n × 128 float32) and faces.csv (row, photo, identity, labelled).")
    var folder: String

    @OptionGroup var options: ClusterOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "Also write the clusters to this file ('-': standard output, instead of the scores): one per line, its rows (0-based, ascending) separated by spaces (what bench/cluster-scale compares two clusterings with).")
    var clusters: String?

    /// The output files are checked before the clustering, which takes minutes at a million faces; the folder's
    /// own files are inputs and are never replaced.
    func validate() throws {
        let inputs = [DescriptorFile.descriptorsName, DescriptorFile.facesName].map {
            URL(fileURLWithPath: folder).appendingPathComponent($0).path
        }
        for (option, path) in [("--clusters", clusters), ("--dendrogram", options.dendrogram)] {
            guard let path, path != "-" else { continue }
            if let problem = writeProblem(path, option: option, protecting: ProtectedFile.inputs(inputs)) { throw ValidationError(problem) }
        }
        if let clusters, let dendrogram = options.dendrogram, clusters != "-",
           let problem = writeProblem(dendrogram, option: "--dendrogram", protecting: [ProtectedFile(clusters, role: "also --clusters")]) {
            throw ValidationError(problem)
        }
        if options.dendrogram == "-" { throw ValidationError("--dendrogram needs a file name ('-' is for --clusters)") }
        if clusters == "-", json { throw ValidationError("--clusters - prints the clusters in place of the scores; --json has nothing to print") }
    }

    func run() throws {
        let file: DescriptorFile
        do { file = try DescriptorFile.load(folder: folder) } catch let error as DescriptorFile.LoadError {
            throw UserError(error.description)
        }
        guard file.identities.contains(where: { $0 != nil }) else {
            throw UserError("\(folder): no face has an identity in faces.csv, so there is nothing to score")
        }
        let start = Date()
        let (clusters, merges, search) = options.method.clustersAndMerges(file.descriptors,
                                                                          photos: options.allowSamePhoto ? nil : file.photos)
        let seconds = Date().timeIntervalSince(start)
        if let path = options.dendrogram, let merges, case .agglomerative(let ahc) = options.method {
            try writeFile(DendrogramSVG.render(merges: merges, count: file.descriptors.count,
                                               labels: (0..<file.descriptors.count).map { "row \($0)" },
                                               threshold: ahc.limits(forFaces: Agglomerative.items(faces: file.descriptors.count, merges: merges)).threshold),
                          to: path)
        }
        if let path = self.clusters {
            let text = clusters.map { $0.map(String.init).joined(separator: " ") + "\n" }.joined()
            if path == "-" {
                try writeStandardOutput(text)
                return
            }
            try writeFile(text, to: path)
        }
        let scores = file.score(clusters)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // items: the faces the limits followed (copies of one picture counted once; the faces for other methods).
            // approximate: how the pairs were found through the inverted-file index (absent when all were compared).
            struct Approximate: Encodable {
                var lists: Int; var probes: Int; var recall: Double?; var sampleRows: Int; var samplePairs: Int
            }
            struct Output: Encodable {
                var faces: Int; var items: Int; var people: Int; var seconds: Double; var scores: ClusteringScores
                var approximate: Approximate?
            }
            let items = Agglomerative.items(faces: file.descriptors.count, merges: merges ?? [])
            let approximate = search.map {
                Approximate(lists: $0.lists, probes: $0.probes, recall: $0.estimatedRecall.isNaN ? nil : $0.estimatedRecall,
                            sampleRows: $0.sampleRows, samplePairs: $0.samplePairs)
            }
            try answer(String(decoding: try encoder.encode(Output(faces: file.descriptors.count, items: items,
                                                                 people: clusters.count, seconds: seconds,
                                                                 scores: scores, approximate: approximate)), as: UTF8.self))
            return
        }
        func f(_ v: Double) -> String { String(format: "%.4f", v) }
        try answer("\(counted(file.descriptors.count, "face", "faces")) (\(scores.faces) with an identity, scored), "
            + "\(counted(clusters.count, "person", "people")), \(String(format: "%.3f", seconds)) s; "
            + "BCubed P \(f(scores.bcubedPrecision)) R \(f(scores.bcubedRecall)) F1 \(f(scores.bcubedF1))"
            + (search.map { "\n" + $0.summary } ?? ""))
    }
}
