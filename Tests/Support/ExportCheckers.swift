import Foundation
import Imaging

/// The outside tools the export tests check files with: xmllint (Debian's libxml2-utils), networkx in a Python
/// virtual environment (`.cache/venv-networkx`, made by scripts/test or here when missing) running
/// `Checkers/check_graph.py`, and headless Chromium driven by `Checkers/browser_check.py`. Shared by the test
/// targets; a tool that is absent is reported as `Unavailable` so the tests can skip with its reason.
public enum ExportCheckers {
    /// Why a check cannot run here.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// A check that ran and failed, with what the tool said.
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The checkout (this file is Tests/Support/ExportCheckers.swift).
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let checkers = repository.appendingPathComponent("Tests/Support/Checkers")

    /// Runs `executable` to the end; output goes through files, so a tool that writes megabytes cannot block on a
    /// full pipe.
    public static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("face-network-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// The first executable called `name` on the PATH.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    // MARK: xmllint

    /// Checks that `file` is well-formed XML with `xmllint --noout`.
    public static func xmllint(_ file: URL) throws {
        guard let xmllint = which("xmllint") else {
            throw Unavailable(description: "xmllint is not installed (Debian package libxml2-utils; scripts/test installs it)")
        }
        let result = try run(xmllint, ["--noout", "--nonet", file.path])
        guard result.status == 0 else { throw Failed(description: "xmllint \(file.lastPathComponent): \(result.stderr)") }
    }

    // MARK: networkx

    /// The Python of `.cache/venv-networkx` with networkx and ONNX Runtime installed (requirements.txt), making or
    /// completing the environment when it is missing.
    /// - Throws: `Unavailable` when there is no python3; `Failed` when the environment cannot be made.
    public static func networkxPython() throws -> String {
        let venv = repository.appendingPathComponent(".cache/venv-networkx")
        let python = venv.appendingPathComponent("bin/python").path
        if FileManager.default.isExecutableFile(atPath: python),
           try run(python, ["-c", "import networkx, onnxruntime"]).status == 0 {
            return python
        }
        guard let system = which("python3") else {
            throw Unavailable(description: "python3 is not installed: the networkx checks of GraphML and GEXF cannot run")
        }
        let made = try run(system, ["-m", "venv", venv.path])
        guard made.status == 0 else { throw Failed(description: "python3 -m venv \(venv.path): \(made.stderr)") }
        let installed = try run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r",
                                         checkers.appendingPathComponent("requirements.txt").path])
        guard installed.status == 0 else { throw Failed(description: "pip install networkx: \(installed.stderr)") }
        return python
    }

    /// Runs `check_graph.py <format> <expected> <target>`: `expected` is the JSON the checker documents.
    /// - Throws: `Failed` with the checker's list of differences.
    @discardableResult
    public static func checkGraph(format: String, expected: Any, target: URL) throws -> String {
        let python = format == "csv" || format == "svg" ? (which("python3") ?? "/usr/bin/python3") : try networkxPython()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("face-network-expected-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: expected).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(python, [checkers.appendingPathComponent("check_graph.py").path, format, file.path, target.path])
        guard result.status == 0 else { throw Failed(description: result.stdout + result.stderr) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Chromium

    /// What `browser_check.py` saw of a page.
    public struct PageReport {
        /// The page's own mark: milliseconds from navigation start to its first drawn frame.
        public var firstRenderMs: Double
        /// From the navigation request until the mark was seen.
        public var wallMs: Double
        /// Exceptions, console errors and failed loads.
        public var errors: [String]
        /// The values of the expressions asked for.
        public var values: [String: Any]
        public var screenshot: RGBImage
    }

    /// Opens `page` in headless Chromium (1280 × 800), waits for its first frame and `settleMs`, evaluates
    /// `expressions` and takes a screenshot.
    /// - Throws: `Unavailable` without Chromium or python3; `Failed` when the page never draws.
    public static func openInBrowser(_ page: URL, expressions: [String: String] = [:], settleMs: Int = 1500) throws -> PageReport {
        guard let chromium = which("chromium") ?? which("chromium-browser") else {
            throw Unavailable(description: "chromium is not installed (Debian package chromium; scripts/test installs it)")
        }
        guard let python = which("python3") else { throw Unavailable(description: "python3 is not installed") }
        let shot = FileManager.default.temporaryDirectory.appendingPathComponent("face-network-shot-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: shot) }
        var arguments = [checkers.appendingPathComponent("browser_check.py").path, page.absoluteString,
                         "--screenshot", shot.path, "--chromium", chromium, "--settle-ms", String(settleMs)]
        for (name, expression) in expressions.sorted(by: { $0.key < $1.key }) { arguments += ["--eval", "\(name)=\(expression)"] }
        let result = try run(python, arguments)
        guard result.status == 0,
              let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw Failed(description: "browser_check.py: \(result.stdout)\(result.stderr)")
        }
        guard let first = json["firstRenderMs"] as? Double else {
            throw Failed(description: "the page never drew its first frame: \(json)")
        }
        return PageReport(firstRenderMs: first, wallMs: json["wallMs"] as? Double ?? 0,
                          errors: json["errors"] as? [String] ?? [], values: json["values"] as? [String: Any] ?? [:],
                          screenshot: try PhotoDecoder.decode(Data(contentsOf: shot)).image)
    }

    /// Share of pixels that differ clearly from the colour of the top-left corner, and the number of distinct
    /// colours (in 4-bit steps per channel): a blank or single-colour screenshot scores about 0 and 1.
    public static func inkAndColours(_ image: RGBImage) -> (ink: Double, colours: Int) {
        let background = image.pixel(x: 0, y: 0)
        var ink = 0
        var colours = Set<Int>()
        for y in stride(from: 0, to: image.height, by: 2) {
            for x in stride(from: 0, to: image.width, by: 2) {
                let p = image.pixel(x: x, y: y)
                if abs(Int(p.0) - Int(background.0)) + abs(Int(p.1) - Int(background.1)) + abs(Int(p.2) - Int(background.2)) > 30 {
                    ink += 1
                }
                colours.insert(Int(p.0 >> 4) << 8 | Int(p.1 >> 4) << 4 | Int(p.2 >> 4))
            }
        }
        return (Double(ink) / Double(((image.width + 1) / 2) * ((image.height + 1) / 2)), colours.count)
    }
}
