import Analysis
import Foundation
import Store

/// A person the user knows, with the descriptors of their reference photos (`known/Ann Lee/*.jpg`, as
/// face_recognition's command line and KNN example take them).
public struct KnownPerson: Sendable {
    public var name: String
    /// One descriptor per reference photo (its largest face).
    public var descriptors: [[Float]]
    public init(name: String, descriptors: [[Float]]) {
        self.name = name
        self.descriptors = descriptors
    }
}

/// What `PeopleEditor.nameFrom` did and what it left for the user to decide.
public struct NameFromOutcome: Sendable {
    /// The one logged edit (nil when nothing changed).
    public var edit: PeopleEdit?
    /// People named (or created, for faces seen once), with the average-linkage distance to the known person's photos.
    public var named: [(person: Int64, name: String, distance: Float, created: Bool)] = []
    /// Unassigned faces given to a known person (to the person named in this edit, or a new one).
    public var facesAdded: [(face: Int64, person: Int64, name: String, distance: Float)] = []
    /// One person matching several known people: a likely wrong merge; the person is not named.
    public var severalKnown: [(person: Int64, matches: [(name: String, distance: Float)])] = []
    /// One known person matching several people: a likely split; each is named (merge them with `people merge`).
    public var severalPeople: [(name: String, matches: [(person: Int64, distance: Float)])] = []
    /// People who already have a name, which is never overwritten, matching a known person of another name.
    public var keptNames: [(person: Int64, name: String, known: String, distance: Float)] = []
    /// Known people no one in the collection matches.
    public var unmatched: [String] = []
}

extension PeopleEditor {
    /// Names the people of the collection after the known people they match, as one logged edit (`undo` reverts
    /// it): a person is the known person whose reference faces are within the average-linkage limit of its faces
    /// (`PeopleIndex.matches`: the rule the clustering merges two groups by, so a person and a known person are
    /// one when the clustering would have joined them). An unassigned face (seen once) that matches exactly one known
    /// person joins the person named after them in this edit, or a new person with that name, never two faces of
    /// one photo in one person. A name the user gave is never overwritten; a person matching several known people
    /// is left unnamed and reported; a known person matching several people names each and is reported.
    /// - Parameters:
    ///   - known: the known people; those without a descriptor are ignored.
    ///   - source: what the edit records as its source (the known folder).
    ///   - threshold: the fixed limit given by the user, if any (else the clustering's limits).
    public func nameFrom(_ known: [KnownPerson], source: String, threshold: Float? = nil) throws -> NameFromOutcome {
        try store.editing {
            let index = try PeopleIndex.load(from: store, limits: threshold.map(MatchLimits.fixed))
            let references = known.filter { !$0.descriptors.isEmpty }.map { ($0.name, Descriptors($0.descriptors)) }
            var outcome = NameFromOutcome()
            var change = PeopleChange()

            // People: which known people each matches.
            var peopleOfKnown: [String: [(person: PeopleIndex.Person, distance: Float)]] = [:]
            for person in index.people {
                let matches = references.compactMap { name, faces -> (name: String, distance: Float)? in
                    let d = person.descriptors.meanDistance(to: faces)
                    return d < index.limits.limit(person.descriptors.count, faces.count) ? (name, d) : nil
                }.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
                if matches.count > 1 {
                    outcome.severalKnown.append((person.id, matches))
                } else if let match = matches.first {
                    peopleOfKnown[match.name, default: []].append((person, match.distance))
                }
            }
            var personFor: [String: (id: Int64, photos: Set<Int64>)] = [:]
            for (name, _) in references {
                guard let matched = peopleOfKnown[name]?.sorted(by: { $0.distance < $1.distance }) else { continue }
                if matched.count > 1 { outcome.severalPeople.append((name, matched.map { ($0.person.id, $0.distance) })) }
                for (person, distance) in matched {
                    if let current = person.name {
                        // Kept as the user named them; faces seen once that match still join them.
                        if current.lowercased() != name.lowercased() {
                            outcome.keptNames.append((person.id, current, name, distance))
                        }
                    } else {
                        change.upsertPeople.append((person.id, name))
                        change.pins += person.faceIDs.map { ($0, .person(person.id)) }
                        outcome.named.append((person.id, name, distance, false))
                    }
                    // Faces seen once join the nearest person of that name.
                    if personFor[name] == nil { personFor[name] = (person.id, Set(person.photoIDs)) }
                }
            }

            // Faces seen once: each joins the one known person it matches, nearest first, one per photo and person.
            let candidates = index.unassigned.compactMap { face -> (face: Int64, photo: Int64, name: String, distance: Float)? in
                let single = Descriptors([face.descriptor])
                let matches = references.compactMap { name, faces -> (String, Float)? in
                    let d = single.meanDistance(to: faces)
                    return d < index.limits.limit(1, faces.count) ? (name, d) : nil
                }
                guard matches.count == 1 else { return nil }
                return (face.faceID, face.photoID, matches[0].0, matches[0].1)
            }.sorted { ($0.distance, $0.face) < ($1.distance, $1.face) }
            var nextID = try store.nextPersonID()
            for candidate in candidates {
                var target = personFor[candidate.name] ?? {
                    defer { nextID += 1 }
                    change.upsertPeople.append((nextID, candidate.name))
                    outcome.named.append((nextID, candidate.name, candidate.distance, true))
                    return (nextID, [])
                }()
                guard !target.photos.contains(candidate.photo) else { continue }
                target.photos.insert(candidate.photo)
                personFor[candidate.name] = target
                change.assign.append((candidate.face, target.id))
                change.pins.append((candidate.face, .person(target.id)))
                outcome.facesAdded.append((candidate.face, target.id, candidate.name, candidate.distance))
            }
            // Known people met only in conflicts did match someone: they are reported there, not as unmatched.
            let inConflicts = Set(outcome.severalKnown.flatMap { $0.matches.map(\.name) })
            outcome.unmatched = references.map(\.0).filter { personFor[$0] == nil && peopleOfKnown[$0] == nil && !inConflicts.contains($0) }

            guard !change.upsertPeople.isEmpty || !change.assign.isEmpty else { return outcome }
            outcome.edit = try record("name-from", ["source": source, "known": "\(references.count)",
                                                    "threshold": threshold.map { "\($0)" } ?? "clustering"], change)
            return outcome
        }
    }
}

extension NameFromOutcome {
    /// What the edit did and what it leaves to the user, one sentence a line.
    public static func report(_ outcome: NameFromOutcome) -> [String] {
        func d(_ distance: Float) -> String { String(format: "%.3f", distance) }
        var lines: [String] = []
        if let edit = outcome.edit {
            let created = outcome.named.filter(\.created).count
            lines.append("edit \(edit.id): \(counted(outcome.named.count - created, "person", "people")) named, "
                         + "\(counted(created, "person", "people")) made of faces seen once, "
                         + "\(counted(outcome.facesAdded.count, "unassigned face", "unassigned faces")) given to a known person "
                         + "(undo reverts it)")
        } else {
            lines.append(outcome.severalKnown.isEmpty ? "nothing to name: no unnamed person or unassigned face matches a known person"
                         : "nothing named: the only matches are the conflicts below")
        }
        for named in outcome.named.sorted(by: { $0.person < $1.person }) {
            lines.append("person \(named.person) is \(named.name) (\(d(named.distance)))" + (named.created ? ", new" : ""))
        }
        for conflict in outcome.severalKnown {
            lines.append("person \(conflict.person) matches " + listed(conflict.matches.map { "\($0.name) (\(d($0.distance)))" })
                         + ": likely two people merged; not named (people split, then name-from again)")
        }
        for conflict in outcome.severalPeople {
            lines.append("\(conflict.name) matches " + listed(conflict.matches.map { "person \($0.person) (\(d($0.distance)))" })
                         + ": likely one person split; people merge "
                         + conflict.matches.map { String($0.person) }.joined(separator: " ") + " joins them")
        }
        for kept in outcome.keptNames {
            lines.append("person \(kept.person) keeps the name \(kept.name) given by hand, though it matches \(kept.known) "
                         + "(\(d(kept.distance)))")
        }
        if !outcome.unmatched.isEmpty {
            lines.append("no one in the collection matches " + listed(outcome.unmatched))
        }
        return lines
    }
}
