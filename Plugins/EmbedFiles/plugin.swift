// Embeds text files into a target as Swift string constants, so that they stay ordinary files (readable,
// diffable; the SQL portable to PostgreSQL) while the built binary needs no resource bundle:
// - Store: every sql/**/*.sql file, as `EmbeddedSQL.files`;
// - Export: the network page's HTML, CSS and script in Sources/Export/Page, as `EmbeddedPage.files`.
import Foundation
import PackagePlugin

@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let (directory, name, extensions): (URL, String, [String])
        switch target.name {
        case "Store": (directory, name, extensions) = (context.package.directoryURL.appending(path: "sql"), "EmbeddedSQL", ["sql"])
        case "Export":
            (directory, name, extensions) = (context.package.directoryURL.appending(path: "Sources/Export/Page"), "EmbeddedPage",
                                             ["html", "css", "js"])
        default: return []
        }
        let files = (FileManager.default.subpaths(atPath: directory.path) ?? [])
            .filter { file in extensions.contains { file.hasSuffix("." + $0) } }
            .sorted()
        let output = context.pluginWorkDirectoryURL.appending(path: "\(name).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files into \(target.name)",
                executable: try context.tool(named: "embed-files").url,
                arguments: [directory.path, output.path, name] + extensions,
                inputFiles: files.map { directory.appending(path: $0) },
                outputFiles: [output]
            ),
        ]
    }
}
