import Foundation

extension NetworkReport {
    /// The report as Markdown (CommonMark tables, as GitHub renders them).
    func markdown(title: String, face: (Person) -> String?) -> String {
        var out = "# \(Self.markdownEscaped(title))\n\n| | |\n|---|---:|\n"
        for (label, value) in summaryRows { out += "| \(label) | \(value) |\n" }
        for note in notes { out += "\n> \(Self.markdownEscaped(note))\n" }

        out += "\n## Top people\n"
        for ranking in rankings {
            out += "\n### \(ranking.measure.title)\n\n| # | Face | Person | Photos | Value |\n|---:|---|---|---:|---:|\n"
            for (rank, entry) in ranking.entries.enumerated() {
                out += "| \(rank + 1) | \(image(entry.person, face)) | \(Self.markdownEscaped(entry.person.name))\(entry.person.ageGenderNote) "
                    + "| \(entry.person.photos) | \(Self.formatted(entry.value, count: ranking.measure.isCount)) |\n"
            }
        }

        out += "\n## Communities\n\n| # | Size | Members |\n|---:|---:|---|\n"
        for community in communities {
            out += "| \(community.number) | \(community.size) | "
                + community.members.map { Self.markdownEscaped($0.name) }.joined(separator: ", ") + " |\n"
        }

        out += "\n## Strongest ties\n\n| # | People | Photos shared | Photos |\n|---:|---|---:|---|\n"
        for (rank, tie) in ties.enumerated() {
            out += "| \(rank + 1) | " + tie.people.map { Self.markdownEscaped($0.name) }.joined(separator: " – ")
                + " | \(tie.weight) | " + tie.photos.map { "`\(Self.codeSpan($0))`" }.joined(separator: ", ") + " |\n"
        }

        if !doubts.isEmpty {
            out += "\n## Doubtful people\n\n| Suggestion | People | Mean distance |\n|---|---|---:|\n"
            for doubt in doubts {
                out += "| \(doubt.kind) | " + doubt.people.map { Self.markdownEscaped($0.name) }.joined(separator: " + ")
                    + " | \(String(format: "%.3f", doubt.distance)) |\n"
            }
        }
        return out
    }

    private func image(_ person: Person, _ face: (Person) -> String?) -> String {
        guard let path = face(person) else { return "" }
        // The destination is a relative URL: '%', '#' and '?' in a file name would be read as an escape, a
        // fragment and a query, and '&' as the start of an entity (CommonMark decodes `&amp;` in destinations,
        // which would point at another file), so they are percent-encoded with spaces, '<', '>' and line breaks
        // (angle brackets kept so that a reader sees where the link ends).
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("&")
        let safe = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return "![face](<\(safe)>)"
    }

    /// Text that Markdown shows as written: punctuation that could open markup is backslash-escaped, '<' and '&'
    /// become entities (so no HTML passes through) and line breaks become spaces (a table row is one line).
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\n", "\r", "\r\n": out += " "
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~", "(", ")", ">": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// A path inside a code span: backticks would end it and a '|' the table cell.
    private static func codeSpan(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
