import Foundation

/// Parses query text into statements: a hand-written recursive-descent parser over the grammar in
/// docs/query-language.md, one function per rule.
public enum QueryParser {
    /// Every statement of `text`, in order. Statements are separated by `;` or line breaks; blank ones are skipped.
    /// `firstLine` is the line number of the text's first line in a longer script (errors name script lines).
    /// - Throws: `QueryError` at the first fault, with its line, column and the line quoted.
    public static func parse(_ text: String, firstLine: Int = 1) throws -> [Query] {
        let source = SourceText(text, firstLine: firstLine)
        var parser = Parser(tokens: try Lexer(source).tokens(), source: source)
        return try parser.script()
    }
}

/// Limits that keep one statement's work bounded; documented in docs/query-language.md.
public enum QueryLimits {
    /// `within K of X`: K from 1 to this.
    public static let maxSteps = 10
    /// `top N by …`: N from 1 to this.
    public static let maxTop = 1_000_000
    /// `photos with …` and `merge … into …`: at most this many people.
    public static let maxGroup = 100
}

struct Parser {
    private let tokens: [Token]
    private let source: SourceText
    private var position = 0

    init(tokens: [Token], source: SourceText) {
        self.tokens = tokens
        self.source = source
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func error(_ message: String, at token: Token? = nil) -> QueryError {
        source.error(message, at: (token ?? current).range)
    }

    // MARK: script = [ statement ] { separator [ statement ] }

    mutating func script() throws -> [Query] {
        var queries: [Query] = []
        while true {
            while current.kind == .separator { _ = advance() }
            if current.kind == .end { return queries }
            queries.append(try query())
            switch current.kind {
            case .separator, .end: continue
            default:
                throw error("unexpected \(current.quoted) after the statement; one statement per line, or separate them with ';'")
            }
        }
    }

    // MARK: query = statement [ "between" date "and" date ]

    private mutating func query() throws -> Query {
        let start = current
        let statement = try self.statement()
        var dates: DateRange?
        if current.keyword == "between" {
            let between = advance()
            guard !statement.isEdit && statement != .people && !statement.isWhoIsIn else {
                throw error("\(statementWord(start)) takes no date range", at: between)
            }
            dates = try dateRange()
        }
        return Query(statement, dates: dates, at: start.range)
    }

    private func statementWord(_ token: Token) -> String { "'\(token.keyword ?? "")'" }

    private mutating func statement() throws -> Statement {
        let first = current
        guard let word = first.keyword else {
            if case .string = first.kind {
                throw error("a statement starts with a keyword (try: who appears with \(first.quoted))")
            }
            throw error("expected a statement (\(Keywords.statements.prefix(6).joined(separator: ", ")), …; .help lists them)")
        }
        _ = advance()
        switch word {
        case "who":
            if current.keyword == "is" {
                _ = advance()
                try expect("in")
                let token = current
                guard case .string(let path) = token.kind, !path.isEmpty else {
                    throw error("expected the path of a photo in quotes, as in who is in \"photos/party.jpg\"")
                }
                _ = advance()
                return .whoIsIn(path: path, range: token.range)
            }
            try expect("appears")
            try expect("with")
            let person = try self.person()
            var minPhotos = 1
            if current.keyword == "at" {
                _ = advance()
                try expect("least")
                minPhotos = try integer(in: 1...Int(Int32.max), what: "the number of photos")
                try expect(["photos", "photo"])
            }
            return .appearsWith(person, minPhotos: minPhotos)
        case "photos":
            try expect("with")
            return .photosWith(try personList(what: "people in a photo"))
        case "path":
            try expect("from")
            let from = try person()
            try expect("to")
            return .path(from: from, to: try person())
        case "within":
            let steps = try integer(in: 1...QueryLimits.maxSteps, what: "the number of steps")
            try expect("of")
            return .within(steps: steps, of: try person())
        case "mutual":
            let a = try person()
            try expect("and")
            return .mutual(a, try person())
        case "suggest":
            try expect("for")
            return .suggest(for: try person())
        case "with":
            let a = try person()
            try expect("but")
            try expect("not")
            try expect("with")
            return .withButNot(a, try person())
        case "top":
            let n = try integer(in: 1...QueryLimits.maxTop, what: "the number of people")
            try expect("by")
            return .top(n, by: try measure())
        case "communities":
            return .communities
        case "person":
            return .profile(try person())
        case "people":
            return .people
        case "name":
            let person = try self.person()
            try expect("as")
            guard case .string(let name) = current.kind else {
                throw error("expected the new name in quotes, such as \"Ann\" (\"\" clears the name)")
            }
            let nameToken = advance()
            guard !name.contains(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) else {
                throw error("a name cannot hold line breaks, tabs or other control characters", at: nameToken)
            }
            return .name(person, as: name, nameRange: nameToken.range)
        case "merge":
            let sources = try personList(what: "people merged at once")
            try expect("into")
            return .merge(sources, into: try person())
        case "split":
            let person = try self.person()
            if current.keyword == "at" {
                _ = advance()
                let token = current
                let threshold: Double
                switch token.kind {
                case .decimal(let v): threshold = v
                case .integer(let v): threshold = Double(v)
                default: throw error("expected a distance threshold such as 0.4")
                }
                _ = advance()
                // As the clustering takes it: a Float (a positive Double below 1.4e-45 is 0 there).
                guard Float(threshold) > 0, threshold < 2 else {
                    throw error("the threshold is a descriptor distance above 0 and below 2 (0.4 is tight)", at: token)
                }
                return .splitByThreshold(person, threshold: threshold)
            }
            try expect(["faces", "face"])
            var faces = [Int64(try integer(in: 1...Int(Int64.max), what: "a face id"))]
            while current.kind == .comma || current.keyword == "and" {
                _ = advance()
                faces.append(Int64(try integer(in: 1...Int(Int64.max), what: "a face id")))
            }
            return .splitFaces(person, faces: faces)
        case "reject":
            try expect("face")
            return .reject(face: Int64(try integer(in: 1...Int(Int64.max), what: "a face id")))
        case "undo":
            return .undo
        case "history":
            return .history
        default:
            let near = EditDistance.closest(to: word, among: Keywords.statements, limit: 1)
            throw error("unknown statement '\(word)'" + (near.first.map { "; did you mean '\($0)'?" } ?? " (.help lists the statements)"),
                        at: first)
        }
    }

    // MARK: person = integer | string

    private mutating func person() throws -> PersonReference {
        let token = current
        switch token.kind {
        case .integer(let id):
            guard id > 0 else { throw error("person ids start at 1") }
            _ = advance()
            return PersonReference(.id(id), at: token.range)
        case .string(let name):
            guard !name.isEmpty else { throw error("a name cannot be empty") }
            _ = advance()
            return PersonReference(.name(name), at: token.range)
        case .word(let word):
            let hint = Keywords.all.contains(word.lowercased())
                ? "" : "; a name goes in quotes: \"\(word)\""
            throw error("expected a person: an id, or a name in quotes\(hint)")
        default:
            throw error("expected a person (an id, or a name in quotes) but found \(token.quoted)")
        }
    }

    /// person { ( "and" | "," ) person }
    private mutating func personList(what: String) throws -> [PersonReference] {
        var people = [try person()]
        while current.kind == .comma || current.keyword == "and" {
            let separator = advance()
            // "… and" followed by no person is a mistake, but "and" before "between" belongs to nothing here.
            people.append(try person())
            if people.count > QueryLimits.maxGroup {
                throw error("at most \(QueryLimits.maxGroup) \(what)", at: separator)
            }
        }
        return people
    }

    // MARK: measure

    private mutating func measure() throws -> Measure {
        let token = current
        guard let word = token.keyword else { throw error("expected what to rank by: \(measureNames)") }
        _ = advance()
        switch word {
        case "degree": return .degree
        case "weighted":
            try expect("degree")
            return .weightedDegree
        case "betweenness": return .betweenness
        case "closeness": return .closeness
        case "harmonic":
            try expect("closeness")
            return .harmonicCloseness
        case "eigenvector": return .eigenvector
        case "pagerank": return .pageRank
        default:
            let names = ["degree", "weighted", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank"]
            let near = EditDistance.closest(to: word, among: names, limit: 1)
            throw error("cannot rank by '\(word)'" + (near.first.map { "; did you mean '\($0)'?" } ?? "; use \(measureNames)"),
                        at: token)
        }
    }

    private var measureNames: String { Measure.allCases.map(\.rawValue).joined(separator: ", ") }

    // MARK: dates

    private mutating func dateRange() throws -> DateRange {
        let (from, fromToken) = try date(end: false)
        try expect("and")
        let (to, _) = try date(end: true)
        guard from <= to else { throw error("the date range ends before it starts", at: fromToken) }
        return DateRange(from: from, to: to)
    }

    /// A year, year-month or day as the start (`end == false`) or end of a range, in 'YYYY-MM-DD HH:MM:SS'.
    private mutating func date(end: Bool) throws -> (String, Token) {
        let token = current
        var parts: [Int]
        switch token.kind {
        case .integer(let year): parts = [Int(year)]
        case .date(let text):
            let fields = text.split(separator: "-")
            guard fields.dropFirst().allSatisfy({ $0.count == 2 }) else {
                throw error("write a date as 2020, 2020-06 or 2020-06-15 (two digits for the month and the day)")
            }
            parts = fields.map { Int($0) ?? -1 }
        default: throw error("expected a date: 2020, 2020-06 or 2020-06-15")
        }
        _ = advance()
        let year = parts[0]
        guard (1000...9999).contains(year) else { throw error("a year has four digits, 1000 to 9999", at: token) }
        let month = parts.count > 1 ? parts[1] : (end ? 12 : 1)
        guard (1...12).contains(month) else { throw error("there is no month \(month)", at: token) }
        let days = Self.daysIn(month: month, year: year)
        let day = parts.count > 2 ? parts[2] : (end ? days : 1)
        guard (1...days).contains(day) else {
            throw error("\(String(format: "%04d-%02d", year, month)) has no day \(day)", at: token)
        }
        let text = String(format: "%04d-%02d-%02d ", year, month, day) + (end ? "23:59:59" : "00:00:00")
        return (text, token)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: tokens

    private mutating func integer(in allowed: ClosedRange<Int>, what: String) throws -> Int {
        let token = current
        guard case .integer(let value) = token.kind else {
            throw error("expected \(what) (a whole number) but found \(token.quoted)")
        }
        _ = advance()
        guard value >= allowed.lowerBound, value <= allowed.upperBound else {
            throw error("\(what) must be from \(allowed.lowerBound) to \(allowed.upperBound)", at: token)
        }
        return Int(value)
    }

    private mutating func expect(_ keyword: String) throws {
        try expect([keyword])
    }

    /// Consumes one of `keywords` (the first is the one named in the error).
    private mutating func expect(_ keywords: [String]) throws {
        if let word = current.keyword, keywords.contains(word) {
            _ = advance()
            return
        }
        let wanted = "'\(keywords[0])'"
        if let word = current.keyword, EditDistance.between(word, keywords[0]) <= max(1, keywords[0].count / 3) {
            throw error("expected \(wanted) but found '\(word)'; did you mean '\(keywords[0])'?")
        }
        throw error("expected \(wanted) but found \(current.quoted)")
    }
}
