import Foundation
import Reports
import Store

/// What `face-network query` runs, apart from the terminal: statements and dot-commands, one line or one `-e`
/// text at a time, with the output format and timer they set.
///
/// Dot-commands (a line starting with `.`): `.format table|csv|json`, `.timer on|off` (the time of each statement,
/// on the error stream), `.schema` (the store's tables), `.help`, `.quit` (or `.exit`).
public final class QuerySession {
    public private(set) var format: TableFormat
    public private(set) var timer = false
    /// Set by `.quit`: the shell stops reading.
    public private(set) var finished = false
    /// Set when a statement changed the people (an edit or an undo), until `takePeopleChanged()` reads it: the shell
    /// then redraws mosaics and refreshes the names it completes.
    public private(set) var peopleChanged = false

    /// Whether people changed since the last call.
    public func takePeopleChanged() -> Bool {
        defer { peopleChanged = false }
        return peopleChanged
    }

    let store: any FaceStoring
    let executor: QueryExecutor

    /// `faceReader` finds the faces of an image file for `who is in` (`QueryExecutor.faceReader`).
    public init(store: any FaceStoring, format: TableFormat = .table,
                faceReader: ((String) throws -> [(box: FaceBox, descriptor: [Float])])? = nil) {
        self.store = store
        self.format = format
        executor = QueryExecutor(store: store, faceReader: faceReader)
    }

    /// A statement or dot-command that failed; `message` names the line (and column, with a caret under the
    /// fault, when the query text is at fault).
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Runs `text`, whose first line is line `line` of the script, line by line: each line a dot-command or
    /// statements separated by `;`. Results are written through `output` as soon as each is ready, timings through
    /// `diagnostic`. Nothing after a failing statement runs, nor anything after `.quit`.
    /// - Throws: `Failure` with the rendered error.
    public func run(_ text: String, line: Int = 1, output: (String) -> Void, diagnostic: (String) -> Void = { _ in }) throws {
        for (offset, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !finished {
            var content = String(content).trimmingSuffix("\r")
            // A script saved by an editor that marks UTF-8 with a byte-order mark starts with U+FEFF: not a character.
            if line + offset == 1, content.hasPrefix("\u{FEFF}") { content.removeFirst() }
            try runLine(content, line: line + offset, output: output, diagnostic: diagnostic)
        }
    }

    private func runLine(_ text: String, line: Int, output: (String) -> Void, diagnostic: (String) -> Void) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(".") {
            try command(trimmed, line: line, output: output)
            return
        }
        do {
            for query in try QueryParser.parse(text, firstLine: line) {
                let start = DispatchTime.now().uptimeNanoseconds
                let result = try executor.run(query)
                if query.statement.changesPeople { peopleChanged = true }
                if timer {
                    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                    diagnostic(String(format: "time: %.3f ms", milliseconds))
                }
                output(render(result))
            }
        } catch var error as QueryError {
            // Errors found after parsing (an unknown person) know their place but not the text of the line.
            if error.sourceLine.isEmpty { error.sourceLine = text }
            throw Failure(message: error.rendered)
        } catch {
            throw Failure(message: "line \(line): \(error)")
        }
    }

    /// A result in the session's format; an aligned table is followed by its summary line.
    public func render(_ result: QueryResult) -> String {
        let text = format.render(result.table)
        guard format == .table else { return text }
        return text + (result.summary.map { $0 + "\n" } ?? "")
    }

    /// Every person's name, for completion (unnamed people have none).
    public func names() -> [String] {
        ((try? store.peopleNames()) ?? []).compactMap(\.name)
    }

    public static let commands = [".format", ".help", ".quit", ".exit", ".schema", ".timer"]

    private func command(_ text: String, line: Int, output: (String) -> Void) throws {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let name = words[0].lowercased()
        let argument = words.count > 1 ? words[1].lowercased() : nil
        func fail(_ message: String) -> Failure { Failure(message: "line \(line): \(message)") }
        guard words.count <= 2 else { throw fail("\(name) takes at most one argument") }
        switch name {
        case ".format":
            guard let argument else { output(format.rawValue + "\n"); return }
            guard let chosen = TableFormat(rawValue: argument) else {
                throw fail(".format takes table, csv or json, not '\(words[1])'")
            }
            format = chosen
        case ".timer":
            guard let argument, ["on", "off"].contains(argument) else { throw fail(".timer takes on or off") }
            timer = argument == "on"
        case ".schema":
            output(try store.schema().map { $0 + ";\n" }.joined())
        case ".help":
            output(Self.help)
        case ".quit", ".exit":
            finished = true
        default:
            let near = EditDistance.closest(to: name, among: Self.commands, limit: 1)
            throw fail("unknown command \(words[0])" + (near.first.map { "; did you mean \($0)?" } ?? "; .help lists the commands"))
        }
    }

    /// The statements and commands, one line each (docs/query-language.md has the grammar and examples).
    public static let help = """
        Statements (keywords in any case; a person is an id, 12, or a name in quotes, "Ann" or 'Ann'):
          who appears with X [at least N photos]   X's ties, with the photos shared
          photos with X [and Y ...]                 photos that show all of them
          path from X to Y                          a shortest chain of co-appearances
          within K of X                             everyone at most K steps from X (K up to 10)
          mutual X and Y                            people who appear with both
          suggest for X                             friends of friends, by mutual ties
          with X but not with Y                     X's ties that Y lacks
          top N by degree | weighted degree | betweenness | closeness | harmonic closeness
                   | eigenvector | pagerank
          communities                               Louvain communities and their modularity
          person X                                  photos, faces, first and last seen, strongest ties
          people                                    everyone, with photos and faces
          ... between 2019 and 2020-06-30           any of the above but people: only photos taken then
        Editing people (as face-network people does; undo reverts the latest edit):
          name X as "Ann"      merge X and Y into Z      split X at 0.4      split X faces 12, 13
          reject face 12       undo                      history (oldest first)
        Commands: .format table|csv|json   .timer on|off   .schema   .help   .quit
        Separate statements with ';' or new lines; '--' starts a comment.

        """
}
