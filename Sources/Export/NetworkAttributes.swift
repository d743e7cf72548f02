import Foundation
import Store

/// The attributes of people and edges as the data formats (CSV, GraphML, GEXF) write them: one list, so that every
/// format carries the same names, types and values.
public enum NetworkAttributes {
    /// How a value is typed in formats that declare types.
    public enum Kind: Sendable {
        case string, integer, double

        /// The type name GraphML (`attr.type`) and GEXF (`type`) both use for it: 64-bit integers are `long`.
        var xmlType: String {
            switch self {
            case .string: return "string"
            case .integer: return "long"
            case .double: return "double"
            }
        }
    }

    /// One value; a missing value (an unnamed person's name, an undated edge's dates) is nil in `Column.value`.
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case double(Double)

        /// As text: integers in decimal, doubles in the shortest form that reads back to the same number.
        public var text: String {
            switch self {
            case .string(let s): return s
            case .integer(let i): return String(i)
            case .double(let d): return XMLValue.number(d)
            }
        }
    }

    /// One attribute: its name (a CSV column, a GraphML `attr.name`, a GEXF attribute title) and how to read it
    /// for the node or link at an index of the network.
    public struct Column: Sendable {
        public let name: String
        public let kind: Kind
        public let value: @Sendable (NetworkData, Int) -> Value?
    }

    /// The attributes of a person, in this order: `name` (absent when unnamed), `label` (the name or "Person <id>"),
    /// `photos`, `faces`, `first_taken_at` and `last_taken_at` (their earliest and latest dated photo, EXIF
    /// 'YYYY-MM-DD HH:MM:SS'), `median_age` and `mean_gender` (apparent age in years and p(female), 0 = male … 1 =
    /// female, over the person's estimated faces; only when some person has them: `extract --age-gender`), each
    /// centrality of `NetworkMeasures.Measure` that was computed, and `community`.
    public static func nodeColumns(_ network: NetworkData) -> [Column] {
        var columns: [Column] = [
            Column(name: "name", kind: .string) { n, i in n.nodes[i].name.map(Value.string) },
            Column(name: "label", kind: .string) { n, i in .string(n.nodes[i].label) },
            Column(name: "photos", kind: .integer) { n, i in .integer(Int64(n.nodes[i].photos)) },
            Column(name: "faces", kind: .integer) { n, i in .integer(Int64(n.nodes[i].faces)) },
            Column(name: "first_taken_at", kind: .string) { n, i in n.dates(of: n.nodes[i]).map { .string($0.first) } },
            Column(name: "last_taken_at", kind: .string) { n, i in n.dates(of: n.nodes[i]).map { .string($0.last) } },
        ]
        if network.nodes.contains(where: { $0.ageGender != nil }) {
            columns.append(Column(name: "median_age", kind: .double) { n, i in
                n.nodes[i].ageGender.map { .double(PersonAgeGender.rounded($0.medianAge)) } })
            columns.append(Column(name: "mean_gender", kind: .double) { n, i in
                n.nodes[i].ageGender.map { .double(PersonAgeGender.rounded($0.meanGender)) } })
        }
        for measure in NetworkMeasures.Measure.allCases where network.measures.values[measure] != nil {
            columns.append(Column(name: measure.column, kind: measure.isCount ? .integer : .double) { n, i in
                guard let value = n.measures.values[measure]?[i] else { return nil }
                return measure.isCount ? .integer(Int64(value.rounded())) : .double(value)
            })
        }
        columns.append(Column(name: "community", kind: .integer) { n, i in .integer(Int64(n.measures.community[i])) })
        return columns
    }

    /// The attributes of an edge, in this order: `weight` (photos showing both people), `first_taken_at` and
    /// `last_taken_at` (absent when none of those photos has a date) and `photo_paths`, the photos' paths
    /// relative to the photo folder as a JSON array of strings (a list that survives any character in a path).
    public static func edgeColumns(_ network: NetworkData) -> [Column] {
        [
            Column(name: "weight", kind: .integer) { n, i in .integer(Int64(n.links[i].weight)) },
            Column(name: "first_taken_at", kind: .string) { n, i in n.links[i].firstTakenAt.map(Value.string) },
            Column(name: "last_taken_at", kind: .string) { n, i in n.links[i].lastTakenAt.map(Value.string) },
            Column(name: "photo_paths", kind: .string) { n, i in .string(jsonArray(n.links[i].photoIndices.map { n.photos[$0].path })) },
        ]
    }

    /// Strings as a compact JSON array (RFC 8259; slashes left as they are).
    static func jsonArray(_ strings: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(strings)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
