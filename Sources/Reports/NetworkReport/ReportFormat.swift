import Foundation

/// How `face-network report` writes a `NetworkReport`.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Markdown: headings and tables; face images as links when the caller can place them.
    case md
    /// One self-contained HTML page: styles inline, faces embedded as `data:` URIs, no script, and a content
    /// security policy that forbids any, so a name can never run as code.
    case html
    /// One long CSV table, `section,key,rank,person,name,other,other_name,value,photos,detail` (see
    /// `NetworkReport.csv`).
    case csv
    /// The report as a JSON object (keys sorted).
    case json

    /// - Parameter face: the image of a person's face for the page — a `data:` URI for HTML, a path relative to
    ///   the report for Markdown — or nil to leave it out. Not used by CSV and JSON.
    public func render(_ report: NetworkReport, title: String = "Face network report",
                       face: (NetworkReport.Person) -> String? = { _ in nil }) throws -> String {
        switch self {
        case .md: return report.markdown(title: title, face: face)
        case .html: return report.html(title: title, face: face)
        case .csv: return TableFormat.csv.render(report.table)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        }
    }
}

extension NetworkReport {
    /// A value as the Markdown and HTML pages print it: counts whole, other measures to 4 significant decimals.
    static func formatted(_ value: Double, count: Bool) -> String {
        count ? String(Int(value.rounded())) : String(format: "%.4f", value)
    }

    /// The summary as (label, value) rows, in the order the pages show them.
    var summaryRows: [(String, String)] {
        let s = summary
        return [
            ("People (seen in at least \(s.minPhotos) photo\(s.minPhotos == 1 ? "" : "s"))", String(s.people)),
            ("Ties (pairs of people in a photo together)", String(s.edges)),
            ("Photos", String(s.photos)),
            ("Density", String(format: "%.4f", s.density)),
            ("Connected components", String(s.components)),
            ("People in the largest component", String(s.largestComponent)),
            ("Diameter of the largest component (hops)", String(s.diameter)),
            ("Average path length in the largest component (hops)", String(format: "%.4f", s.averagePathLength)),
            ("Degree assortativity", s.assortativity.map { String(format: "%.4f", $0) } ?? "undefined"),
            ("People without ties (in no community)", String(s.peopleWithoutTies)),
            ("Modularity of the communities", String(format: "%.4f", s.modularity)),
        ]
    }
}
