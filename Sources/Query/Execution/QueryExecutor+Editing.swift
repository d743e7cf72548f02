import People
import Store

extension QueryExecutor {
    /// The editing statements, through `PeopleEditor` (the same edits as `face-network people`, logged and undoable;
    /// edges are rebuilt by each edit). People are resolved first, so a misspelt name changes nothing.
    /// Rows: what changed, as described per statement in docs/query-language.md.
    /// - Throws: `QueryError` at the statement when the editor refuses (a face that is not the person's, nothing
    ///   to merge).
    func edit(_ query: Query) throws -> QueryResult {
        let editor = PeopleEditor(store: store)
        do {
            switch query.statement {
            case let .name(reference, name, _):
                let person = try people.resolve(reference)
                let edit = try editor.name(person: person.id, as: name)
                // The name as stored (trimmed; nil when blank), as `people name` reports it.
                let stored = (try? PeopleEditor.checkedName(name)) ?? nil
                return QueryResult(
                    table: ResultTable(columns: ["edit", "person", "name"],
                                       rows: [[.integer(edit.id), .integer(person.id), stored.map { .text($0) } ?? .null]]),
                    summary: PeopleEditor.namingSummary(person: person.id, name: name)
                        + PeopleEditor.namesakeWarning(try editor.namesakes(of: person.id)))

            case let .merge(references, targetReference):
                let merged = try references.map(people.resolve)
                let target = try people.resolve(targetReference)
                let together = try editor.photosShared(by: merged.map(\.id) + [target.id]).map {
                    "; warning: person \($0.a) and person \($0.b) appear together in \(counted($0.photos, "photo", "photos"))"
                }
                let edit = try editor.merge(merged.map(\.id), into: target.id)
                let others = merged.map(\.id).filter { $0 != target.id }
                return QueryResult(
                    table: ResultTable(columns: ["edit", "merged", "into"],
                                       rows: others.map { [.integer(edit.id), .integer($0), .integer(target.id)] }),
                    summary: "merged \(listed(others.map { "person \($0)" })) into \(target.label)" + together.joined())

            case let .splitByThreshold(reference, threshold):
                let person = try people.resolve(reference)
                let split = try editor.split(person: person.id, threshold: Float(threshold))
                let created = split?.newPeople ?? []
                return QueryResult(
                    table: ResultTable(columns: ["edit", "person", "split_from"],
                                       rows: split.map { split in
                                           split.newPeople.map { [.integer(split.edit.id), .integer($0), .integer(person.id)] }
                                       } ?? []),
                    summary: created.isEmpty
                        ? "\(person.label)'s faces stay together at \(threshold); nothing changed"
                        : "\(person.label) split at \(threshold): \(counted(created.count, "new person", "new people"))")

            case let .splitFaces(reference, listed):
                // A face listed twice is moved once, and listed once.
                var seen = Set<Int64>()
                let faces = listed.filter { seen.insert($0).inserted }
                let person = try people.resolve(reference)
                let split = try editor.split(person: person.id, faces: faces)
                let created = split.newPeople[0]
                return QueryResult(
                    table: ResultTable(columns: ["edit", "face", "person", "split_from"],
                                       rows: faces.map { [.integer(split.edit.id), .integer($0), .integer(created),
                                                          .integer(person.id)] }),
                    summary: "\(counted(faces.count, "face", "faces")) of \(person.label) moved to new person \(created)")

            case let .reject(face):
                let edit = try editor.reject(face: face)
                return QueryResult(table: ResultTable(columns: ["edit", "face"], rows: [[.integer(edit.id), .integer(face)]]),
                                   summary: "face \(face) belongs to no one now")

            case .undo:
                guard let edit = try editor.undo() else {
                    return QueryResult(table: Self.editTable([]), summary: "nothing to undo")
                }
                let gone = edit.facesGone == 0 ? ""
                    : "; \(counted(edit.facesGone, "face", "faces")) of it no longer in the store, left out"
                return QueryResult(table: Self.editTable([edit]), summary: "undid edit \(edit.id) (\(edit.kind))\(gone)")

            case .history:
                let edits = try editor.history()
                return QueryResult(table: Self.editTable(edits), summary: counted(edits.count, "edit", "edits"))

            default:
                preconditionFailure("edit(_:) runs the editing statements only")
            }
        } catch let error as PeopleEditor.EditError {
            // At the part of the statement the refusal is about: the name, the person merged into, the person split.
            let range: SourceRange = switch query.statement {
            case let .name(_, _, nameRange): nameRange
            case let .merge(_, into): into.range
            case let .splitByThreshold(person, _), let .splitFaces(person, _): person.range
            default: query.range
            }
            throw QueryError(error.description, at: range)
        }
    }

    /// Edits as rows: edit, kind, arguments (JSON of what was asked), made_at, undone_at; oldest first.
    private static func editTable(_ edits: [PeopleEdit]) -> ResultTable {
        ResultTable(columns: ["edit", "kind", "arguments", "made_at", "undone_at"], rows: edits.map { edit in
            [.integer(edit.id), .text(edit.kind), .text(edit.arguments), .text(edit.madeAt), edit.undoneAt.map { .text($0) } ?? .null]
        })
    }
}
