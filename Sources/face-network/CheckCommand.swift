import ArgumentParser
import Foundation
import People
import Pipeline
import Store

/// `face-network check <photos>`: SQLite's integrity and foreign-key checks, then the store's own invariants;
/// every problem is printed with what to do. Exit status 0 when none is found, 1 otherwise.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store: SQLite's integrity, then its invariants (faces, crops, people, edges, extraction finished).",
        discussion: """
        Runs PRAGMA integrity_check and foreign_key_check (on PostgreSQL: that the server answers), then checks that \
        every face's photo exists, every crop file is on disk, every assignment's face and person exist, the edges \
        equal a rebuild from the people and no photo is left to a worker that stopped. Each problem is printed with what to do. Exit status 0 when the store is sound, 1 when a problem is found.
        """)

    @OptionGroup var folder: FolderOptions

    func run() throws {
        let url = try folder.folder()
        let path = folder.storeLocation(url)
        let problems: [StoreProblem]
        do {
            let store = try folder.openStore(url, creating: false)
            let integrity = store.integrityProblems()
            do {
                problems = try integrity + store.invariantProblems(photos: url)
            } catch {
                // The invariants could not be read: the file's own problems say why.
                problems = integrity.isEmpty ? [FaceStore.unreadableStoreProblem(path: path, error: error)] : integrity
            }
        } catch let error as StoreError {
            // A store too damaged to open is the one problem there is to report.
            problems = [FaceStore.unreadableStoreProblem(path: path, error: error)]
        }
        for problem in problems {
            try answer("problem: \(printable(problem.problem))")
            try answer("  what to do: \(printable(problem.remedy))")
        }
        guard problems.isEmpty else {
            try answer("check: \(counted(problems.count, "problem", "problems")) in \(printable(path))")
            throw ExitCode(1)
        }
        try answer("check: no problem found in \(printable(path))")
    }
}
