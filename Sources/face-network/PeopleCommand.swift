import Analysis
import ArgumentParser
import Export
import Extraction
import Foundation
import Pipeline
import People
import Query
import Reports
import Store

/// `face-network people <photos> list|show|name|merge|split|reject|undo|history …`: edit the people found, with
/// undo. Every edit is logged in the store and survives re-clustering (see `PeopleEditor`).
struct PeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "List and edit people: name, name from photos of known people, merge, split, reject a face, undo, history.",
        discussion: """
        people <photos> list                          every person: id, name, photos, faces, cohesion, suggested split or merge
        people <photos> show PERSON                   one person's faces (id, photo, distance to the medoid)
        people <photos> name PERSON "NAME"            name a person ("" or only spaces: no name)
        people <photos> name-from KNOWN [--threshold D]   name the people who match known people's photos
                                                      (KNOWN/Ann Lee/*.jpg or KNOWN/Ann Lee.jpg; one edit)
        people <photos> merge PERSON PERSON… [--into PERSON]   merge people (into the first unless --into)
        people <photos> split PERSON --threshold 0.4  re-cluster a person's faces tighter
        people <photos> split PERSON --faces 12,15    move chosen faces out to a new person
        people <photos> reject FACE                   take a face out of its person for good
        people <photos> undo                          undo the latest edit
        people <photos> history                       every edit, oldest first
        Edits are kept through re-clustering and new extractions; edges and changed mosaics are updated at once.
        """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case list, show, name, nameFrom = "name-from", merge, split, reject, undo, history
    }

    @OptionGroup var folder: FolderOptions

    @Argument(help: "list, show, name, name-from, merge, split, reject, undo or history.")
    var action: Action

    @Argument(help: "Person ids (and a name for 'name'), a face id for 'reject', the known people's folder for 'name-from'.")
    var values: [String] = []

    @Option(parsing: .unconditional, help: "merge: the person the others merge into (default: the first given).")
    var into: Int64?

    @Option(parsing: .unconditional, help: "split: re-cluster the person's faces with average linkage at this distance; name-from: one average-linkage limit instead of the clustering's.")
    var threshold: Float?

    @Option(help: "name-from: folder holding the dlib model files (default: $FACE_NETWORK_MODELS, else Models/).")
    var models: String?

    @Option(help: "split: comma-separated face ids to move out to a new person.")
    var faces: String?

    @Flag(inversion: .prefixedNo, help: "Redraw the mosaics of people an edit changed.")
    var mosaic: Bool = true

    /// Option values checked before the store is opened, with the usage text and exit status 64, as `cluster` does.
    func validate() throws {
        if let threshold, !(threshold > 0 && threshold < 2) {
            throw ValidationError("--threshold must be above 0 and below 2")
        }
        // Extra values are refused, never ignored: `undo 5` would otherwise undo the latest edit, not edit 5.
        let takes: (count: Int, what: String)? = switch action {
        case .list, .history: (0, "no values")
        case .undo: (0, "no values (it undoes the latest edit; history lists them)")
        case .show, .split: (1, "one person id")
        case .reject: (1, "one face id")
        case .name: (2, "a person id and a name (quote a name with spaces: name 3 \"Ada Lovelace\")")
        case .nameFrom: (1, "the folder of known people")
        case .merge: nil   // any number of people
        }
        if let takes, values.count != takes.count {
            throw ValidationError("\(action.rawValue) takes \(takes.what); got \(values.count)"
                                  + (values.isEmpty ? "" : ": " + values.map { printable($0) }.joined(separator: " ")))
        }
        if action == .merge, values.isEmpty {
            throw ValidationError("merge takes the ids of the people to merge (into the first, or into --into)")
        }
        // Ids that are not integers are usage errors too; ids that are not in the store are found when it is open.
        let ids: (what: String, indices: Range<Int>)? = switch action {
        case .show, .split, .name: ("a person id", 0..<1)
        case .reject: ("a face id", 0..<1)
        case .merge: ("a person id", values.indices)
        default: nil
        }
        if let ids, let bad = ids.indices.first(where: { Int64(values[$0]) == nil }) {
            throw ValidationError("'\(printable(values[bad]))' is not \(ids.what)")
        }
        if action == .split, (threshold == nil) == (faces == nil) {
            throw ValidationError("split takes either --threshold DISTANCE or --faces ID,ID,…")
        }
        if case .failure(let bad) = listedFaces {
            throw ValidationError("--faces: '\(printable(bad.entry))' is not a face id")
        }
        let misplaced = [("--threshold", threshold != nil, [Action.split, .nameFrom]), ("--faces", faces != nil, [.split]),
                         ("--into", into != nil, [.merge]), ("--models", models != nil, [.nameFrom])]
            .filter { $0.1 && !$0.2.contains(action) }
        if !misplaced.isEmpty {
            throw ValidationError(listed(misplaced.map { "\($0.0) (for \($0.2.map(\.rawValue).joined(separator: " and ")))" })
                                  + " \(misplaced.count == 1 ? "does" : "do") not apply to \(action.rawValue)")
        }
    }

    func run() throws {
        let url = try folder.folder()
        let store = try folder.openStore(url, creating: false)
        let editor = PeopleEditor(store: store)
        do {
            try perform(editor, store: store)
        } catch let error as PeopleEditor.EditError {
            throw UserError(error.description)
        }
        if [.name, .nameFrom, .merge, .split, .reject, .undo].contains(action), mosaic {
            let written = try Pipeline(photos: url, store: store, toolVersion: FaceNetwork.version).redrawAfterEdit()
            if written > 0 { say("people: \(counted(written, "mosaic", "mosaics")) redrawn") }
        }
        if [.name, .nameFrom, .merge, .split, .reject, .undo].contains(action) {
            say("people: the store is up to date; face-network network \(shellWord(url.path)) redraws the network page")
        }
    }

    private func perform(_ editor: PeopleEditor, store: FaceStore) throws {
        switch action {
        case .list:
            let assigned = try AssignedFaces.load(from: store)
            let cohesion = PeopleCohesion.measure(assigned)
            let doubts = PeopleDoubts().measure(assigned)
            let suggested = PeopleDoubts.suggestions(splits: doubts.splits, merges: doubts.merges)
            try answer("person\tname\tphotos\tfaces\tmean_to_medoid\tmax_to_medoid\tflag\tsuggestion")
            for person in try store.people() {
                let c = cohesion[person.id]
                try answer("\(person.id)\t\(printable(person.name ?? ""))\t\(person.photos)\t\(person.faces)\t"
                    + (c.map { String(format: "%.3f\t%.3f\t%@", $0.mean, $0.maximum, $0.isLow ? "low-cohesion" : "") } ?? "\t\t")
                    + "\t" + (suggested[person.id] ?? ""))
            }
        case .show:
            let person = try int(0, "a person id")
            guard try store.personName(person).exists else { throw UserError("there is no person \(person)") }
            try answer("face\tphoto\tdistance_to_medoid")
            for (face, distance) in try PeopleCohesion.faces(ofPerson: person, store: store) {
                try answer("\(face.faceID)\t\(printable(face.photoPath))\t\(String(format: "%.3f", distance))")
            }
        case .name:
            let person = try int(0, "a person id")
            let edit = try editor.name(person: person, as: values[1])
            say("people: edit \(edit.id): " + PeopleEditor.namingSummary(person: person, name: values[1])
                + PeopleEditor.namesakeWarning(try editor.namesakes(of: person)))
        case .nameFrom:
            try nameFrom(URL(fileURLWithPath: values[0]).standardizedFileURL, store: store)
        case .merge:
            let people = try values.indices.map { try int($0, "a person id") }
            let target = into ?? people[0]   // validate() admits merge with at least one id
            for pair in try editor.photosShared(by: people + [target]) {
                warn("warning: people \(pair.a) and \(pair.b) appear together in \(pair.photos) photo\(pair.photos == 1 ? "" : "s")")
            }
            let edit = try editor.merge(people, into: target)
            say("people: edit \(edit.id): merged \(people.filter { $0 != target }.map(String.init).joined(separator: ", ")) into \(target)")
        case .split:
            let person = try int(0, "a person id")
            switch (threshold, faces) {
            case let (t?, nil):
                if let split = try editor.split(person: person, threshold: t) {
                    say("people: edit \(split.edit.id): person \(person) split; new people "
                        + split.newPeople.map(String.init).joined(separator: ", "))
                } else {
                    say("people: person \(person)'s faces stay together at \(t); nothing changed")
                }
            case (nil, _?):
                let ids = try listedFaces.get()   // validate() refused what is not an id
                let split = try editor.split(person: person, faces: ids)
                say("people: edit \(split.edit.id): \(counted(ids.count, "face", "faces")) of person \(person) moved to "
                    + "new person \(split.newPeople[0])")
            default:
                preconditionFailure("validate() admits split with exactly one of --threshold and --faces")
            }
        case .reject:
            let face = try int(0, "a face id")
            let edit = try editor.reject(face: face)
            say("people: edit \(edit.id): face \(face) rejected")
        case .undo:
            if let edit = try editor.undo() {
                say("people: undid edit \(edit.id) (\(edit.kind) \(edit.arguments))")
                if edit.facesGone > 0 {
                    say("people: \(counted(edit.facesGone, "face", "faces")) of that edit \(edit.facesGone == 1 ? "is" : "are") "
                        + "no longer in the store (\(edit.facesGone == 1 ? "its photo" : "their photos") changed or "
                        + "\(edit.facesGone == 1 ? "was" : "were") removed since): left out")
                }
            } else {
                say("people: nothing to undo")
            }
        case .history:
            try answer("edit\tkind\targuments\tmade_at\tundone_at")
            for edit in try editor.history() {
                try answer("\(edit.id)\t\(edit.kind)\t\(edit.arguments)\t\(edit.madeAt)\t\(edit.undoneAt ?? "")")
            }
        }
    }

    private func nameFrom(_ known: URL, store: FaceStore) throws {
        let models = try ModelFiles.locate(explicit: self.models)
        let pipeline = Pipeline(photos: try folder.folder(), store: store, toolVersion: FaceNetwork.version, log: .commandLine)
        let outcome: NameFromOutcome
        do {
            outcome = try pipeline.nameFrom(known, reader: try pipeline.imageReader(models: models), threshold: threshold)
        } catch let error as FaceAnalyzerError {
            throw UserError(error.description)
        }
        for line in NameFromOutcome.report(outcome) { say("people: " + line) }
    }

    /// A --faces entry that is not a face id.
    struct NotAFaceID: Error { let entry: String }

    /// The ids of --faces (none without it), each once in the order given: a face listed twice moves once.
    private var listedFaces: Result<[Int64], NotAFaceID> {
        var ids: [Int64] = []
        for part in (faces ?? "").split(separator: ",") {
            guard let id = Int64(part.trimmingCharacters(in: .whitespaces)) else { return .failure(NotAFaceID(entry: String(part))) }
            if !ids.contains(id) { ids.append(id) }
        }
        return .success(ids)
    }

    /// Value `index` as an id; validate() has made sure it is there and an integer.
    private func int(_ index: Int, _ what: String) throws -> Int64 {
        guard index < values.count, let value = Int64(values[index]) else { throw UserError("\(action.rawValue) needs \(what)") }
        return value
    }
}
