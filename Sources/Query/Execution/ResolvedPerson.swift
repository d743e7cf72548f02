import Store

/// A person the query named, found in the store.
struct ResolvedPerson: Equatable, Sendable {
    var id: Int64
    var name: String?

    /// How results and messages name them: the name in quotes, or "person 7".
    var label: String { name.map { QuerySyntax.quoted($0) } ?? "person \(id)" }
}

/// Finds the people a query names: by id, by exact name, then by name ignoring case or by the label "Person 7"
/// that unnamed people are shown with. A name that matches no one is an error suggesting the closest names.
struct PersonResolver {
    let store: any FaceStoring

    /// - Throws: `QueryError` at the reference when nobody, or more than one person, answers to it.
    func resolve(_ reference: PersonReference) throws -> ResolvedPerson {
        switch reference.kind {
        case .id(let id):
            guard let person = try store.person(id: id) else {
                throw QueryError("there is no person \(id); 'people' lists everyone", at: reference.range)
            }
            return ResolvedPerson(id: id, name: person.name)
        case .name(let name):
            let exact = try store.people(named: name)
            if exact.count == 1 { return ResolvedPerson(id: exact[0].id, name: name) }
            if exact.count > 1 { throw ambiguous(name, ids: exact.map(\.id), at: reference.range) }
            return try resolveLoosely(name, at: reference.range)
        }
    }

    private func resolveLoosely(_ name: String, at range: SourceRange) throws -> ResolvedPerson {
        let everyone = try store.peopleNames().map { ResolvedPerson(id: $0.id, name: $0.name) }
        let folded = name.lowercased()
        let sameButCase = everyone.filter { $0.name?.lowercased() == folded }
        if sameButCase.count == 1 { return sameButCase[0] }
        if sameButCase.count > 1 { throw ambiguous(name, ids: sameButCase.map(\.id), at: range) }
        if folded.hasPrefix("person "), let id = Int64(folded.dropFirst("person ".count)),
           let person = everyone.first(where: { $0.id == id }) {
            return person
        }
        let names = everyone.compactMap(\.name)
        let near = EditDistance.closest(to: name, among: names)
        let hint = near.isEmpty
            ? (names.isEmpty ? "; nobody has a name yet (name 7 as \"Ann\" gives one)" : "; 'people' lists everyone")
            : "; did you mean " + near.map { QuerySyntax.quoted($0) }.joined(separator: " or ") + "?"
        throw QueryError("no person is named \(QuerySyntax.quotedExcerpt(name))" + hint, at: range)
    }

    private func ambiguous(_ name: String, ids: [Int64], at range: SourceRange) -> QueryError {
        QueryError("\(ids.count) people are named \(QuerySyntax.quotedExcerpt(name)) (ids \(ids.map(String.init).joined(separator: ", "))); use the id",
                   at: range)
    }
}
