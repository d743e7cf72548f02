import ArgumentParser
import Extraction
import Foundation
import Pipeline
import People
import Query
import Reports
import Store

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Extract, cluster and build the network with defaults: the main job.")

    @OptionGroup var folder: FolderOptions
    @OptionGroup var extract: ExtractOptions
    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var mosaic: MosaicOption
    @OptionGroup var network: NetworkOptions

    @Option(help: ArgumentHelp("After clustering, name the people who match known people's photos, as 'people name-from' does (a folder per person: FOLDER/Ann Lee/*.jpg).",
                               valueName: "folder"))
    var known: String?

    func validate() throws {
        // run writes the network page, SVG and Edges.csv after the dendrogram: it must not be one of them.
        let layout = CollectionLayout(photos: folder.photoFolderURL)
        let network = [layout.networkPage, layout.networkSVG, layout.edgesCSV].map {
            ProtectedFile($0.path, role: "one of run's network files (\($0.lastPathComponent))")
        }
        if let path = cluster.dendrogram, let problem = folder.outputProblem(path, option: "--dendrogram", alsoProtecting: network) {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        // The known folder is checked before any work, so that a mistyped path costs no extraction.
        let knownFolder = try known.map { path -> URL in
            let url = URL(fileURLWithPath: path).standardizedFileURL
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw UserError("--known \(url.path): no such folder of known people")
            }
            return url
        }
        let pipeline = try extract.start(folder).pipeline
        // With other extract workers on a PostgreSQL store, the people are made once all of them are done.
        var clustering = cluster.settings(mosaic: mosaic), linking = network.settings
        clustering.wait = .infinity
        linking.wait = .infinity
        try pipeline.cluster(clustering)
        if let knownFolder {
            let outcome = try pipeline.nameFrom(knownFolder, reader: pipeline.imageReader(models: ModelFiles.locate(explicit: extract.models)))
            for line in NameFromOutcome.report(outcome) { say("people: " + line) }
            if outcome.edit != nil, mosaic.mosaic { try pipeline.redrawAfterEdit() }
        }
        try pipeline.network(linking)
        try pipeline.summary()
    }
}

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Detect faces in every photo under the folder (JPEG, PNG, HEIC, AVIF, WebP, TIFF, GIF, BMP) and store their descriptors.",
        discussion: "Re-runs read only new or changed files; a file that cannot be read is recorded with the reason.")

    @OptionGroup var folder: FolderOptions
    @OptionGroup var options: ExtractOptions

    func run() throws {
        let (pipeline, report) = try options.start(folder)
        try pipeline.summary()
        // Photos gone or changed since the last run take their faces out of the people the network files show
        // (looked at only then: the fingerprint reads every face's person).
        if report.changedPhotos, try pipeline.networkFilesOutdated() {
            say("extract: the network page, SVG and Edges.csv do not show the people the store holds now; "
                + "face-network network \(shellWord(pipeline.layout.photos.path)) redraws them")
        }
    }
}

struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cluster", abstract: "Group the extracted faces into people.")

    @OptionGroup var folder: FolderOptions
    @OptionGroup var options: ClusterOptions
    @OptionGroup var mosaic: MosaicOption
    @OptionGroup var wait: WaitOption

    func validate() throws {
        if let path = options.dendrogram, let problem = folder.outputProblem(path, option: "--dendrogram") {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let url = try folder.folder()
        var settings = options.settings(mosaic: mosaic)
        settings.wait = wait.seconds
        let pipeline = try folder.pipeline(url, patience: wait.seconds)
        try pipeline.cluster(settings)
        // The network files show the people they were drawn from; `run` redraws them, this command does not.
        if try pipeline.networkFilesOutdated() {
            say("cluster: the network page, SVG and Edges.csv still show the people before; "
                + "face-network network \(shellWord(url.path)) redraws them")
        }
    }
}

struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Link people who appear in the same photo; write Image_Network.html, Image_Network.svg and Edges.csv.")

    @OptionGroup var folder: FolderOptions
    @OptionGroup var options: NetworkOptions
    @OptionGroup var wait: WaitOption

    func run() throws {
        var settings = options.settings
        settings.wait = wait.seconds
        try folder.pipeline(try folder.folder(), patience: wait.seconds).network(settings)
    }
}

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score the clustering against ground truth: BCubed, pairwise, ARI and NMI.",
        discussion: """
        --truth is a CSV file with 'path' and 'identity' columns (paths relative to the photo folder, or ending with \
        such a path), or a folder: then each photo's parent folder name is its identity. A label belongs to the \
        photo's largest face, or with --label-face central to the face nearest the photo's centre (LFW's meaning); \
        the photo's other faces are left out of the score.
        """)

    @OptionGroup var folder: FolderOptions

    @Option(help: "Ground truth: a labels CSV file, or the photo folder itself when its subfolders name the people.")
    var truth: String

    @Option(help: "Which face of a labelled photo the label names: largest or central.")
    var labelFace: Evaluation.LabelFace = .largest

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if truth.isEmpty { throw ValidationError("--truth is an empty path; give a labels CSV file or the photo folder") }
    }

    func run() throws {
        let url = try folder.folder()
        let store = try folder.openStore(url, creating: false)
        let labels: Evaluation.Truth
        let result: Evaluation.Result
        do {
            labels = try Evaluation.loadTruth(truth, photos: url)
            result = try Evaluation.evaluate(store: store, truth: labels, labelFace: labelFace)
        } catch let error as Evaluation.TruthError {
            throw UserError(error.description)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try writeStandardOutput(String(decoding: try encoder.encode(result), as: UTF8.self) + "\n")
            return
        }
        let s = result.scores
        func f(_ v: Double) -> String { String(format: "%.4f", v) }
        try answer("evaluate: \(counted(s.faces, "labelled face", "labelled faces")) (\(labelFace.rawValue) face of each labelled "
            + "photo), \(counted(s.identities, "identity", "identities")), \(counted(s.clusters, "cluster", "clusters")) "
            + "(unassigned faces count as their own); "
            + "\(counted(result.photosWithoutFace, "labelled photo", "labelled photos")) without a face"
            + (result.unmatchedLabels > 0
               ? "; \(counted(result.unmatchedLabels, "label matches", "labels match")) no stored photo ("
                 + result.unmatchedExamples.joined(separator: ", ") + (result.unmatchedLabels > 5 ? ", …" : "") + ")"
               : ""))
        try answer("  BCubed    precision \(f(s.bcubedPrecision))  recall \(f(s.bcubedRecall))  F1 \(f(s.bcubedF1))")
        try answer("  pairwise  precision \(f(s.pairwisePrecision))  recall \(f(s.pairwiseRecall))  F1 \(f(s.pairwiseF1))")
        try answer("  adjusted Rand index \(f(s.adjustedRandIndex))  normalised mutual information \(f(s.normalizedMutualInformation))")
    }
}

extension Evaluation.LabelFace: ExpressibleByArgument {}
