import ArgumentParser

/// `face-network`: turns a folder of photos into a social network of the people in them.
@main
struct FaceNetwork: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "face-network",
        abstract: "Turn a folder of photos into a network of the people in them.",
        discussion: """
        Steps, each reading and writing <photos>/Face Network/:
          extract  detect faces and compute their descriptors (dlib HOG + ResNet)
          cluster  group faces into people (average-linkage AHC; also DBSCAN, OPTICS, Chinese whispers)
          network  link people who appear in the same photo; write HTML, SVG and CSV
          run      all three with defaults
          evaluate score the people found against ground truth
          people   list people; name, merge, split, reject faces, undo
          report   summarise the network: centralities, communities, strongest ties
          query    ask who appears with whom (an interactive shell, -e, or a script)
          check    check the store: SQLite's integrity and its invariants
          status   how far extraction is: photos queued, claimed, done, failed; workers; throughput
        """,
        version: version,
        subcommands: [RunCommand.self, ExtractCommand.self, ClusterCommand.self, NetworkCommand.self, ExportCommand.self,
                      EvaluateCommand.self, PeopleCommand.self, FindCommand.self, ClusterDescriptorsCommand.self, ReportCommand.self,
                      QueryCommand.self, CheckCommand.self, StatusCommand.self]
    )
}
