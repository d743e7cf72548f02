import CEditLine
import Foundation
import Pipeline
import People
import Query
import Reports

/// Reads lines from the terminal with libedit: editing keys, history kept in a file across sessions, and tab
/// completion by `QueryCompleter`. One at a time: libedit's state is process-wide.
final class LineEditor {
    private let historyFile: String?

    /// The completer of the editor in use. libedit calls back through a C function pointer that cannot carry
    /// context, so it reads this; only the main thread, inside `readline`, uses it.
    nonisolated(unsafe) fileprivate static var completer: QueryCompleter?

    /// - Parameter historyFile: where history is read from and written to after every line; nil keeps none.
    init(historyFile: String?, completer: QueryCompleter) {
        self.historyFile = historyFile
        setlocale(LC_CTYPE, "")   // libedit reads and shows UTF-8 only under a UTF-8 locale
        Self.completer = completer
        // libedit keeps the pointer: a copy that lives as long as the process.
        fn_editline_setup(completeLine, strdup(QueryCompleter.wordBreaks))
        using_history()
        stifle_history(1000)
        if let historyFile, FileManager.default.fileExists(atPath: historyFile) {
            _ = read_history(historyFile)
        }
    }

    /// Names changed (an edit): complete with the new ones.
    func update(_ completer: QueryCompleter) {
        Self.completer = completer
    }

    /// The next line, without its line break; nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(line)
            // Written at once, so that a shell that is killed keeps what was typed.
            if let historyFile { _ = write_history(historyFile) }
        }
        return line
    }
}

/// libedit's completion callback: `text` is the word before the cursor, which ends at byte `end` of the line.
/// Returns a malloc'ed, NULL-terminated list whose first entry replaces the word (the candidates' common prefix)
/// and whose others are the candidates shown, or NULL when there is none; libedit frees it.
private func completeLine(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    fn_editline_completion_over()
    guard let text, let buffer = fn_editline_line(), let completer = LineEditor.completer else { return nil }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                    count: min(Int(end), strlen(buffer)))
    let line = String(decoding: bytes, as: UTF8.self)
    let candidates = completer.completions(line: line, word: String(cString: text))
    guard !candidates.isEmpty else { return nil }
    let common = candidates.dropFirst().reduce(candidates[0]) { prefix, candidate in
        String(zip(prefix, candidate).prefix { $0 == $1 }.map(\.0))
    }
    let entries = candidates.count == 1 ? [candidates[0]] : [common] + candidates
    guard let matches = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1))?
        .assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self) else { return nil }
    for (i, entry) in entries.enumerated() { matches[i] = strdup(entry) }
    matches[entries.count] = nil
    return matches
}
