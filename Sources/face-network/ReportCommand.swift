import ArgumentParser
import Export
import Foundation
import Pipeline
import People
import Query
import Reports
import Store

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise the network: its shape, the most central people, communities and strongest ties.",
        discussion: """
        Measures (checked against networkx): degree, weighted degree, betweenness, closeness, harmonic \
        closeness, eigenvector centrality and PageRank; communities by Louvain (fixed seed, so the same store \
        gives the same report). --format html writes one self-contained page with the faces embedded; md \
        links the faces' crops relative to the report file.
        """)

    @OptionGroup var folder: FolderOptions

    @Option(help: "md, html, csv or json.")
    var format: ReportFormat = .md

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(parsing: .unconditional, help: "How many people to list for each measure, and how many ties.")
    var top: Int = 10

    @Option(parsing: .unconditional, help: "Only people (and their ties) seen in at least this many photos.")
    var minPhotos: Int = 1

    @Option(parsing: .unconditional, help: "Louvain resolution: above 1 gives more, smaller communities; below 1 fewer, larger ones.")
    var resolution: Double = 1

    @Option(parsing: .unconditional, help: "Estimate betweenness, closeness, harmonic closeness, the diameter and the average path length from this many people drawn at random with a fixed seed (networkx's k), in time proportional to it; the report says so. By default every person up to 50,000 people, 1,000 above.")
    var sources: Int?

    func validate() throws {
        if let output, let problem = folder.outputProblem(output, option: "--output") { throw ValidationError(problem) }
        if let sources, sources < 1 { throw ValidationError("--sources must be at least 1") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard minPhotos >= 1 else { throw ValidationError("--min-photos must be at least 1") }
        guard resolution.isFinite, resolution > 0 else { throw ValidationError("--resolution must be a positive number") }
    }

    func run() throws {
        let url = try folder.folder()
        let store = try folder.openStore(url, creating: false)
        let report = try NetworkReport.build(store: store, minPhotos: minPhotos, top: top, resolution: resolution,
                                             sources: sources)
        let title = "Face network: \(url.lastPathComponent)"
        let text: String
        switch format {
        case .html:
            text = try format.render(report, title: title) {
                Thumbnails.dataURI(ofFace: $0.faceID, store: store, photos: url)
            }
        case .md:
            // Crops are linked from where the report will be read: the output file's folder, or here.
            let base = output.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
                ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            text = try format.render(report, title: title) { person in
                guard let crop = try? store.face(id: person.faceID)?.cropPath else { return nil }
                return relativePath(of: url.appendingPathComponent(crop), from: base)
            }
        case .csv, .json:
            text = try format.render(report)
        }
        try writeOutput(text, to: output)
    }
}

/// `target` as a relative path from the folder `base` ("../photos/Face Network/Faces/x.jpg").
func relativePath(of target: URL, from base: URL) -> String {
    let to = target.standardizedFileURL.pathComponents, from = base.standardizedFileURL.pathComponents
    var common = 0
    while common < min(to.count, from.count) && to[common] == from[common] { common += 1 }
    return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
}

extension ReportFormat: ExpressibleByArgument {}
