import ArgumentParser
import Export
import Foundation
import Pipeline
import Imaging
import People
import Query
import Reports
import Store

/// What `export` writes: one of the tables of `Report`, or the whole network in a graph format.
enum ExportKind: String, CaseIterable, ExpressibleByArgument {
    case faces, people, edges
    case svg, dot, graphml, gexf, csv, html

    /// The table of `Report` this kind names, nil for the graph formats.
    var report: Report? { Report(rawValue: rawValue) }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write tables (faces, people, edges) or the network (svg, dot, graphml, gexf, csv, html).",
        discussion: """
        faces, people and edges are tables (--format csv or json). The network formats carry every person with \
        their name, photos, faces, centralities and community, and every edge with its weight, first and last \
        date and photos: svg and dot (Graphviz, --layout, --faces), graphml and gexf (Gephi, networkx; gexf \
        carries dates for Gephi's timeline), csv (nodes.csv and edges.csv into the --output folder, by default \
        <photos>/Face Network/Data) and html (the interactive page). Single files go to standard output \
        without --output.
        """)

    @OptionGroup var folder: FolderOptions

    @Argument(help: "What to export: faces, people, edges, svg, dot, graphml, gexf, csv or html.")
    var kind: ExportKind

    @Option(help: "Tables only: csv (the default), json or table (aligned columns, for reading).")
    var format: TableFormat?

    @Option(help: "Write to this file (to this folder for csv) instead of standard output.")
    var output: String?

    @Option(name: .customLong("min-photos"), parsing: .unconditional,
            help: "people, edges and the network: only people (and their edges) seen in at least this many photos. (default: 1)")
    var givenMinPhotos: Int?

    @Option(name: .customLong("layout"),
            help: "svg, dot and html: Graphviz layout (sfdp, neato, fdp, dot or circo; dot files name it for Graphviz). (default: sfdp)")
    var givenLayout: NetworkLayout.Engine?

    @Flag(help: "svg and dot: draw each person as their face (svg embeds the images; dot names the crop files).")
    var faces = false

    @Option(name: .customLong("scale"), parsing: .unconditional,
            help: "svg, dot, gexf and html: node size factor (radius 12 + log10(photos + 1) x scale). (default: 10)")
    var givenScale: Double?

    @Option(parsing: .unconditional,
            help: "The network formats: estimate betweenness, closeness and harmonic closeness from this many people drawn at random with a fixed seed (networkx's k), in time proportional to it. By default every person up to 50,000 people, 1,000 above.")
    var sources: Int?

    var minPhotos: Int { givenMinPhotos ?? 1 }
    var layout: NetworkLayout.Engine { givenLayout ?? .sfdp }
    var scale: Double { givenScale ?? 10 }

    func validate() throws {
        guard minPhotos >= 1 else { throw ValidationError("--min-photos must be at least 1") }
        guard scale.isFinite, scale > 0, scale <= 1000 else { throw ValidationError("--scale must be a number above 0 and at most 1000") }
        // Given at all (even csv) with a network format, it is an error: the kind already names the format.
        if kind.report == nil, let format {
            throw ValidationError("--format \(format.rawValue) applies to faces, people and edges only; \(kind.rawValue) is "
                                  + "a format of its own")
        }
        if faces, kind != .svg, kind != .dot { throw ValidationError("--faces applies to svg and dot only") }
        // Options that would change nothing for this kind are refused, as cluster refuses another algorithm's.
        if givenLayout != nil, ![.svg, .dot, .html].contains(kind) {
            throw ValidationError("--layout applies to svg, dot and html only, not to \(kind.rawValue)")
        }
        if givenScale != nil, ![.svg, .dot, .gexf, .html].contains(kind) {
            throw ValidationError("--scale applies to svg, dot, gexf and html only, not to \(kind.rawValue)")
        }
        // csv writes nodes.csv and edges.csv into the --output folder; every other kind writes one file.
        if let output, kind != .csv, let problem = folder.outputProblem(output, option: "--output") {
            throw ValidationError(problem)
        }
        if let output, kind == .csv {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), !isFolder.boolValue {
                throw ValidationError("cannot write nodes.csv and edges.csv into \(output): it is a file; csv needs a folder")
            }
            if isFolder.boolValue {
                for name in ["nodes.csv", "edges.csv"] {
                    let file = URL(fileURLWithPath: output).appendingPathComponent(name).path
                    if let problem = folder.outputProblem(file, option: "--output") { throw ValidationError(problem) }
                }
            } else if let problem = folder.outputProblem(output, option: "--output") {
                // The folder is made by the export: its name must not be one the store needs either.
                throw ValidationError(problem)
            }
        }
        if let sources, sources < 1 { throw ValidationError("--sources must be at least 1") }
        if sources != nil, kind.report != nil {
            throw ValidationError("--sources applies to the network formats only, not to \(kind.rawValue) (a table carries no centralities)")
        }
        if givenMinPhotos != nil, kind == .faces {
            throw ValidationError("--min-photos applies to people, edges and the network, not to faces (every face is listed)")
        }
    }

    func run() throws {
        let url = try folder.folder()
        let store = try folder.openStore(url, creating: false)
        if let report = kind.report {
            try emit((format ?? .csv).render(try report.table(from: store, minPhotos: minPhotos)))
            return
        }
        let network = try NetworkData.load(from: store, photos: url, minPhotos: minPhotos,
                                           thumbnailSide: kind == .html || (kind == .svg && faces) ? 64 : nil,
                                           sources: sources)
        for problem in network.measures.problems { warn("warning: \(problem)") }
        if let note = network.measures.samplingNote { warn("note: \(note)") }
        switch kind {
        case .faces, .people, .edges:
            preconditionFailure("tables are written above")
        case .svg:
            try emit(try NetworkSVG.svg(network, layout: layout, scale: scale, faces: faces))
        case .dot:
            // Faces are named by person id beside the DOT file (or in the Data folder for standard output): a
            // photo's own name would reach the SVG Graphviz draws from it unescaped.
            let parent = output.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
                ?? CollectionLayout(photos: url).data
            let images = faces ? try PersonFaceFiles.place(network, photos: url, in: parent) : [:]
            try emit(NetworkSVG.dot(network, scale: scale, images: images, imageFolder: faces ? parent.path : nil,
                                    layout: layout))
        case .graphml:
            try emit(GraphMLWriter.document(network))
        case .gexf:
            try emit(GEXFWriter.document(network, scale: scale))
        case .html:
            let pageFolder = output.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            try emit(try NetworkHTML.page(network, title: "Face network of \(url.lastPathComponent)", scale: scale,
                                          photoBase: NetworkHTML.photoBase(page: pageFolder, photos: url), layout: layout))
        case .csv:
            let directory = URL(fileURLWithPath: output ?? CollectionLayout(photos: url).data.path)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), !isFolder.boolValue {
                throw UserError("cannot write nodes.csv and edges.csv into \(directory.path): it is a file; csv needs a folder")
            }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw UserError("cannot create \(directory.path): \(fileErrorReason(error))")
            }
            for (name, table) in [("nodes.csv", NetworkTables.nodes(network)), ("edges.csv", NetworkTables.edges(network))] {
                let file = directory.appendingPathComponent(name)
                try writeFile(TableFormat.csv.render(table), to: file.path)
                say("export: \(file.path)")
            }
        }
    }

    private func emit(_ text: String) throws { try writeOutput(text, to: output) }
}

extension TableFormat: ExpressibleByArgument {}
extension NetworkLayout.Engine: ExpressibleByArgument {}
