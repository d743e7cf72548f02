import ArgumentParser
import Export
import Extraction
import Foundation
import Pipeline
import People
import Query
import Reports
import Store

/// `face-network query`: the query language, interactively, with `-e`, or from a script on standard input.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask who appears with whom: an interactive shell, -e QUERY, or a script on standard input.",
        discussion: """
        Statements (docs/query-language.md has the grammar and an example of each):
          who appears with X [at least N photos]     photos with X and Y [and ...]
          path from X to Y                           within K of X
          mutual X and Y                             suggest for X
          with X but not with Y                      communities
          person X                                   people
          top N by degree | weighted degree | betweenness | closeness |
                   harmonic closeness | eigenvector | pagerank
          name X as "Ann"      merge X and Y into Z  split X at 0.4
          split X faces 3, 4   reject face 9         undo    history
          who is in "photo.jpg"                      (each face of a photo: who it is)
        A person is an id or a name in quotes. Add 'between 2019 and 2020-06' \
        to count only the photos taken then.

        In the shell: .format table|csv|json, .timer on|off, .schema, .help, \
        .quit; Tab completes keywords and names; history is kept in \
        query_history beside the database. A script on standard input runs \
        line by line and stops at the first failing line, naming it, with \
        exit status 1.
        """)

    @OptionGroup var folder: FolderOptions

    // Unconditional: a query may start with '--' (a comment), which ArgumentParser would take for an option.
    @Option(name: [.customShort("e"), .customLong("execute")], parsing: .unconditionalSingleValue,
            help: "Run these statements (separated by ';' or new lines) and exit; repeated, each in turn, lines counted on across them.")
    var execute: [String] = []

    @Option(help: "Output: table (aligned), csv or json.")
    var format: TableFormat = .table

    @Option(help: "Folder holding the dlib model files, for 'who is in' (default: $FACE_NETWORK_MODELS, else Models/).")
    var models: String?

    func run() throws {
        let url = try folder.folder()
        let store = try folder.openStore(url, creating: false)
        let session = QuerySession(store: store, format: format,
                                   faceReader: FaceReaderOnDemand(models: models, pipeline: Pipeline(photos: url, store: store, toolVersion: FaceNetwork.version)).faces)
        // Mosaics of people an edit changed are redrawn as the people command does, even when a later line fails.
        defer { redrawMosaics(session, store: store, photos: url) }
        if !execute.isEmpty {
            // As one script: the first failing text ends it, and a line number counts from the first -e.
            var line = 1
            for text in execute where !session.finished {
                guard runText(text, line: line, session: session) else { throw ExitCode.failure }
                line += text.split(separator: "\n", omittingEmptySubsequences: false).count
            }
        } else if isatty(STDIN_FILENO) != 0 {
            // The history lives beside the SQLite store, or where it would be for a store in PostgreSQL.
            let database = URL(fileURLWithPath: folder.sqlitePath(url))
            interactive(session, store: store, photos: url,
                        historyFile: CollectionLayout.queryHistory(besideStore: database).path)
        } else {
            // A script: every line in turn, no prompt; the first failing line ends it with status 1.
            var number = 0
            while !session.finished, let line = Swift.readLine(strippingNewline: true) {
                number += 1
                guard runText(line, line: number, session: session) else { throw ExitCode.failure }
            }
        }
    }

    /// Redraws the mosaics of changed people when the session edited people; true when it did.
    @discardableResult
    private func redrawMosaics(_ session: QuerySession, store: FaceStore, photos: URL) -> Bool {
        guard session.takePeopleChanged() else { return false }
        do {
            try Pipeline(photos: photos, store: store, toolVersion: FaceNetwork.version).redrawAfterEdit()
        } catch {
            warn("warning: the mosaics of the people edited could not be redrawn: \(error)")
        }
        return true
    }

    /// Runs one line or `-e` text; prints results to standard output and a failure to standard error.
    private func runText(_ text: String, line: Int, session: QuerySession) -> Bool {
        do {
            try session.run(text, line: line, output: write, diagnostic: { warn($0) })
            return true
        } catch {
            warn("error: \(error)")
            return false
        }
    }

    /// Standard output that cannot be written (a full disk, a closed stream) ends the command with status 1: a
    /// query's answer cut short must not look complete.
    private func write(_ text: String) {
        do {
            try writeStandardOutput(text)
        } catch {
            warn("error: \(error)")
            Foundation.exit(1)
        }
    }

    private func interactive(_ session: QuerySession, store: FaceStore, photos: URL, historyFile: String) {
        let writable = FileManager.default.isWritableFile(atPath: URL(fileURLWithPath: historyFile).deletingLastPathComponent().path)
        let editor = LineEditor(historyFile: writable ? historyFile : nil, completer: QueryCompleter(names: session.names()))
        let interrupts = InterruptHandler(store: store)
        say("face-network query: .help lists the statements, .quit leaves; Tab completes keywords and names; Ctrl-C stops a statement")
        var number = 0
        while !session.finished, let line = editor.readLine(prompt: "face-network> ") {
            number += 1
            interrupts.run { _ = runText(line, line: number, session: session) }
            if redrawMosaics(session, store: store, photos: photos) {
                editor.update(QueryCompleter(names: session.names()))
            }
        }
    }
}

/// The face models for `who is in`, loaded the first time the statement runs (about 0.4 s), not for every query.
final class FaceReaderOnDemand {
    private let models: String?
    private let pipeline: Pipeline
    private var reader: ImageFaceReader?

    init(models: String?, pipeline: Pipeline) {
        self.models = models
        self.pipeline = pipeline
    }

    /// The faces of the image at `path` (relative to the current directory), found as the collection's extraction
    /// found its faces.
    func faces(_ path: String) throws -> [(box: FaceBox, descriptor: [Float])] {
        if reader == nil { reader = try pipeline.imageReader(models: ModelFiles.locate(explicit: models)) }
        return try reader!.faces(inFile: URL(fileURLWithPath: path)).map { ($0.box, $0.descriptor) }
    }
}
