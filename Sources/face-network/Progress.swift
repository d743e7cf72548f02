import Foundation
import Pipeline
import People
import Query
import Reports

/// Progress on standard error: a bar redrawn in place on a terminal (files done/total, faces per second, time
/// left), plain lines at most every 5 seconds otherwise (logs, CI).
final class ProgressReporter {
    private let stage: String
    private let start = Date()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastPrint = Date.distantPast
    /// Whether the stage finds faces (extraction: faces found and their rate are shown) or works on faces already
    /// found (photos only).
    private let findsFaces: Bool

    init(stage: String, findsFaces: Bool = true) {
        self.stage = stage
        self.findsFaces = findsFaces
    }

    func update(done: Int, total: Int, faces: Int) {
        let now = Date()
        let finished = done == total
        guard finished || now.timeIntervalSince(lastPrint) >= (isTerminal ? 0.1 : 5) else { return }
        lastPrint = now
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(faces) / elapsed : 0
        let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let text = "\(stage): \(done)/\(total) files, "
            + (findsFaces ? "\(counted(faces, "face", "faces")), \(String(format: "%.1f", rate)) faces/s, " : "")
            + "\(Self.duration(left)) left"
        if isTerminal {
            let width = 24
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(text)\u{1B}[K".utf8))
            if finished { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%dh%02dm", s / 3600, s % 3600 / 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

/// A line on standard output.
func say(_ text: String) {
    try? writeStandardOutput(text + "\n")   // progress lines: a closed output must not stop the work
}

/// A line of a command's answer (a listing, scores) on standard output: unlike `say`, output that cannot be
/// written (a full disk, a closed pipe) ends the command with an error, so that a cut answer never looks whole.
func answer(_ text: String) throws {
    try writeStandardOutput(text + "\n")
}

/// A line on standard error (warnings that do not stop the run).
func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes `text` to the file `--output` names, or to standard output without it or with `-` (the usual spelling).
func writeOutput(_ text: String, to path: String?) throws {
    if let path, path != "-" { try writeFile(text, to: path) } else { try writeStandardOutput(text) }
}

/// Writes `text` to standard output, unbuffered, so that a full disk or a closed stream is an error the command
/// reports (exit status 1) instead of output silently cut short. Every line the commands print goes through here,
/// so lines keep their order.
/// - Throws: `UserError` with the system's reason.
func writeStandardOutput(_ text: String) throws {
    if let reason = writeAll(text, to: STDOUT_FILENO) { throw UserError("cannot write standard output: \(reason)") }
}
