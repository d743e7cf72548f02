import Analysis
import Foundation
import Store

/// What `face-network report` tells about a network: its size and shape, who is central by each measure, the
/// communities and the strongest ties with the photos behind them. Built once from the store, then written as
/// Markdown, HTML, CSV or JSON (`ReportFormat`).
public struct NetworkReport: Sendable, Encodable {
    public struct Summary: Sendable, Encodable, Equatable {
        /// People seen in at least `minPhotos` photos (the nodes).
        public var people: Int
        /// Co-appearance edges between them.
        public var edges: Int
        /// Photos in the store (all of them, with or without faces).
        public var photos: Int
        /// The smallest number of photos a person needs to be in the report.
        public var minPhotos: Int
        /// 2|E| / (n(n − 1)).
        public var density: Double
        /// Connected components, isolated people included.
        public var components: Int
        /// People in the largest component.
        public var largestComponent: Int
        /// Longest shortest path in the largest component, in hops.
        public var diameter: Int
        /// Mean shortest path between two people of the largest component, in hops.
        public var averagePathLength: Double
        /// Degree assortativity; nil where it is undefined (no edges, or every edge end of the same degree).
        public var assortativity: Double?
        /// People who share no photo with anyone else in the report: in no community.
        public var peopleWithoutTies: Int
        /// Modularity of the communities below (resolution as given).
        public var modularity: Double
    }

    /// One person as the report shows them.
    public struct Person: Sendable, Encodable, Equatable {
        public var id: Int64
        public var name: String
        public var photos: Int
        public var faces: Int
        /// The face shown for the person (highest detection score).
        public var faceID: Int64
        /// Median apparent age (years) and mean gender (p(female): 0 male … 1 female) of the person's faces, when
        /// `extract --age-gender` estimated them.
        public var medianAge: Double? = nil
        public var meanGender: Double? = nil

        /// ", apparent age 34, gender 0.12" when estimated, else "": after the person's name in the rankings.
        var ageGenderNote: String {
            guard let medianAge, let meanGender else { return "" }
            return ", apparent age \(Int(medianAge.rounded())), gender " + String(format: "%.2f", meanGender)
        }
    }

    /// The top people by one measure.
    public struct Ranking: Sendable, Encodable, Equatable {
        public var measure: Measure
        public var entries: [Entry]

        public struct Entry: Sendable, Encodable, Equatable {
            public var person: Person
            public var value: Double
        }
    }

    /// The measures people are ranked by: those the exports carry, under the same names.
    public typealias Measure = CentralitySet.Measure

    /// A Louvain community of people with ties (people without ties are in none: `Summary.peopleWithoutTies`).
    public struct Community: Sendable, Encodable, Equatable {
        /// 1-based, from the largest community down.
        public var number: Int
        /// Members by weighted degree, then id.
        public var members: [Person]
        public var size: Int { members.count }

        enum CodingKeys: String, CodingKey { case number, size, members }
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(number, forKey: .number)
            try container.encode(size, forKey: .size)
            try container.encode(members, forKey: .members)
        }
    }

    public struct Tie: Sendable, Encodable, Equatable {
        public var people: [Person]
        /// Distinct photos that show both.
        public var weight: Int
        /// Those photos' paths relative to the photo folder.
        public var photos: [String]
    }

    /// A person who looks like two (`split`: their faces form two groups, `distance` apart on average) or two people
    /// who look like one (`merge`: their faces `distance` apart on average, no photo showing both); `PeopleDoubts`.
    public struct Doubt: Sendable, Encodable, Equatable {
        public var kind: String
        public var people: [Person]
        public var distance: Double
    }

    public var summary: Summary
    public var rankings: [Ranking]
    public var communities: [Community]
    public var ties: [Tie]
    /// Suggested splits, then suggested merges (closest first), among the people in the report.
    public var doubts: [Doubt]
    /// Measures that could not be computed, with the reason (an eigenvector iteration that did not converge).
    public var notes: [String]
}

extension CentralitySet.Measure {
    /// How the report names the measure.
    public var title: String {
        switch self {
        case .degree: return "Degree (people appeared with)"
        case .weightedDegree: return "Weighted degree (photos shared, per companion)"
        case .betweenness: return "Betweenness (normalised, hops)"
        case .closeness: return "Closeness (Wasserman–Faust)"
        case .harmonicCloseness: return "Harmonic closeness"
        case .eigenvector: return "Eigenvector centrality (weighted)"
        case .pageRank: return "PageRank (damping 0.85, weighted)"
        }
    }
}
