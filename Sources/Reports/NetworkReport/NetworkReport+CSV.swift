import Store

extension NetworkReport {
    /// The report as one long table, one row per fact:
    /// - `summary`: `key` names the figure, `value` holds it;
    /// - `top`: `key` is the measure (`degree`, `weighted_degree`, `betweenness`, `closeness`,
    ///   `harmonic_closeness`, `eigenvector`, `pagerank`, as the exports name them), `rank` from 1, the person, `value` and their `photos`;
    /// - `community`: `key` is the community number, `rank` the member's place in it, `value` the community's size;
    /// - `tie`: `key` is the tie's rank, `person` and `other` the two people, `value` the photos they share and
    ///   `detail` those photos' paths separated by `; `;
    /// - `doubt`: `key` is `split` (one person who looks like two: `person`) or `merge` (two who look like one:
    ///   `person` and `other`), `value` the mean descriptor distance.
    var table: ResultTable {
        typealias Cell = ResultTable.Cell
        var rows: [[Cell]] = []
        func row(_ section: String, _ key: String, rank: Int? = nil, person: Person? = nil, other: Person? = nil,
                 value: Cell = .null, photos: Int? = nil, detail: String? = nil) {
            rows.append([.text(section), .text(key), rank.map { .integer(Int64($0)) } ?? .null,
                         person.map { .integer($0.id) } ?? .null, person.map { .text($0.name) } ?? .null,
                         other.map { .integer($0.id) } ?? .null, other.map { .text($0.name) } ?? .null,
                         value, photos.map { .integer(Int64($0)) } ?? .null, detail.map { .text($0) } ?? .null])
        }
        let s = summary
        for (key, value) in [("people", Cell.integer(Int64(s.people))), ("edges", .integer(Int64(s.edges))),
                             ("photos", .integer(Int64(s.photos))), ("min_photos", .integer(Int64(s.minPhotos))),
                             ("density", .real(s.density)), ("components", .integer(Int64(s.components))),
                             ("largest_component", .integer(Int64(s.largestComponent))),
                             ("diameter", .integer(Int64(s.diameter))),
                             ("average_path_length", .real(s.averagePathLength)),
                             ("assortativity", s.assortativity.map { .real($0) } ?? .null),
                             ("people_without_ties", .integer(Int64(s.peopleWithoutTies))),
                             ("modularity", .real(s.modularity))] {
            row("summary", key, value: value)
        }
        for ranking in rankings {
            for (rank, entry) in ranking.entries.enumerated() {
                row("top", ranking.measure.column, rank: rank + 1, person: entry.person, value: .real(entry.value),
                    photos: entry.person.photos)
            }
        }
        for community in communities {
            for (rank, member) in community.members.enumerated() {
                row("community", String(community.number), rank: rank + 1, person: member,
                    value: .integer(Int64(community.size)), photos: member.photos)
            }
        }
        for (rank, tie) in ties.enumerated() {
            row("tie", String(rank + 1), rank: rank + 1, person: tie.people[0], other: tie.people[1],
                value: .integer(Int64(tie.weight)), detail: tie.photos.joined(separator: "; "))
        }
        for doubt in doubts {
            row("doubt", doubt.kind, person: doubt.people[0], other: doubt.people.count > 1 ? doubt.people[1] : nil,
                value: .real(doubt.distance))
        }
        for note in notes { row("note", "note", detail: note) }
        return ResultTable(columns: ["section", "key", "rank", "person", "name", "other", "other_name", "value",
                                     "photos", "detail"], rows: rows)
    }
}
