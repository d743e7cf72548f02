// Embeds every sql/**/*.sql file into the Store target as Swift string constants, so that the SQL stays in .sql
// files (readable, diffable, portable to PostgreSQL) while the built binary needs no resource bundle.
import Foundation
import PackagePlugin

@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let sqlDirectory = context.package.directoryURL.appending(path: "sql")
        let files = (FileManager.default.subpaths(atPath: sqlDirectory.path) ?? [])
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) SQL files into \(target.name)",
                executable: try context.tool(named: "embed-sql").url,
                arguments: [sqlDirectory.path, output.path],
                inputFiles: files.map { sqlDirectory.appending(path: $0) },
                outputFiles: [output]
            ),
        ]
    }
}
