import Analysis
import Store

/// A person as the query names them: by id (`12`) or by name in quotes (`"Ann O'Neil"`), with where they were
/// named, so that "no such person" can point at the spot.
public struct PersonReference: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case id(Int64)
        case name(String)
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, at range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// What `top N by …` ranks people by: the centralities every export carries, under the same names in words.
public typealias Measure = CentralitySet.Measure

/// Dates taken from `from` to `to`, both inclusive, as the store's graph queries take them:
/// `between 2019 and 2020-06` is 2019-01-01 00:00:00 … 2020-06-30 23:59:59.
public typealias DateRange = DateWindow

/// One statement of the query language (docs/query-language.md has the grammar).
public enum Statement: Equatable, Sendable {
    /// `who appears with X [at least N photos]`: X's ties with the photos shared.
    case appearsWith(PersonReference, minPhotos: Int)
    /// `photos with X [and Y …]`: the photos that show all of them.
    case photosWith([PersonReference])
    /// `path from X to Y`: a shortest co-appearance chain.
    case path(from: PersonReference, to: PersonReference)
    /// `within K of X`: everyone at most K steps from X.
    case within(steps: Int, of: PersonReference)
    /// `mutual X and Y`: people who appear with both.
    case mutual(PersonReference, PersonReference)
    /// `suggest for X`: friends of friends, by number of mutual ties.
    case suggest(for: PersonReference)
    /// `with X but not with Y`.
    case withButNot(PersonReference, PersonReference)
    /// `top N by measure`.
    case top(Int, by: Measure)
    /// `communities`: Louvain communities of the graph.
    case communities
    /// `person X`: a profile.
    case profile(PersonReference)
    /// `people`: everyone, with photos and faces.
    case people
    /// `who is in "photo.jpg"`: each face of a photo (in the collection or not) matched to a person, as
    /// `face-network find` does. `range` is where the path was given, for errors about the file.
    case whoIsIn(path: String, range: SourceRange)
    /// `name X as "Name"` (an empty name clears it); `nameRange` is where the name was given, for errors about it.
    case name(PersonReference, as: String, nameRange: SourceRange)
    /// `merge X [and Y …] into Z`.
    case merge([PersonReference], into: PersonReference)
    /// `split X at 0.4`: re-cluster X's faces with a tighter distance threshold.
    case splitByThreshold(PersonReference, threshold: Double)
    /// `split X faces 4, 5`: move those faces out into a new person.
    case splitFaces(PersonReference, faces: [Int64])
    /// `reject face 12`: the face belongs to no one.
    case reject(face: Int64)
    /// `undo`: revert the latest edit.
    case undo
    /// `history`: the edits made, latest first.
    case history

    /// True for `who is in` (it takes no date range).
    public var isWhoIsIn: Bool {
        if case .whoIsIn = self { return true }
        return false
    }

    /// True for the editing statements, `history` included (they take no date range).
    public var isEdit: Bool {
        self == .history || changesPeople
    }

    /// True for the statements that change who is who (names, faces, people), after which mosaics and completion
    /// need refreshing.
    public var changesPeople: Bool {
        switch self {
        case .name, .merge, .splitByThreshold, .splitFaces, .reject, .undo: return true
        default: return false
        }
    }
}

/// A statement with its optional date range and where it starts.
public struct Query: Equatable, Sendable {
    public var statement: Statement
    public var dates: DateRange?
    public var range: SourceRange

    public init(_ statement: Statement, dates: DateRange? = nil, at range: SourceRange) {
        self.statement = statement
        self.dates = dates
        self.range = range
    }
}
