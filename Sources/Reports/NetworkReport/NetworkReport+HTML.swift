extension NetworkReport {
    /// The report as one HTML page that works offline: styles inline, faces as `data:` URIs, no script. The
    /// content security policy forbids scripts, frames and any fetch, so even a name that slipped past escaping
    /// could not run.
    func html(title: String, face: (Person) -> String?) -> String {
        let e = Self.htmlEscaped
        // Each face is embedded once, as a style class, however many rankings show the person.
        var faceClasses = ""
        var hasImage = Set<Int64>()
        for entry in rankings.flatMap(\.entries) where !hasImage.contains(entry.person.faceID) {
            // Only data URIs: the page must work offline and its policy allows nothing else. Base64 and the
            // media type hold no quote or parenthesis, but check rather than trust.
            guard let uri = face(entry.person), uri.hasPrefix("data:image/"),
                  !uri.contains(where: { "\"'()\\<>".contains($0) || $0.isNewline }) else { continue }
            hasImage.insert(entry.person.faceID)
            faceClasses += ".f\(entry.person.faceID){background-image:url(\(uri))}\n"
        }
        func image(_ person: Person) -> String {
            hasImage.contains(person.faceID) ? "<span class=\"face f\(person.faceID)\"></span>" : ""
        }
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <title>\(e(title))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
            table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:middle}
            td.n,th.n{text-align:right}.face{width:48px;height:48px;border-radius:4px;display:block;background-size:cover}
            section.rankings{display:grid;grid-template-columns:repeat(auto-fill,minmax(26em,1fr));gap:0 2em}
            code{font-size:.9em}
            \(faceClasses)</style></head><body>
            <h1>\(e(title))</h1>
            <table class="summary">

            """
        for (label, value) in summaryRows { out += "<tr><th>\(e(label))</th><td class=\"n\">\(e(value))</td></tr>\n" }
        out += "</table>\n"
        for note in notes { out += "<p class=\"note\">\(e(note))</p>\n" }

        out += "<h2>Top people</h2>\n<section class=\"rankings\">\n"
        for ranking in rankings {
            out += "<div><h3>\(e(ranking.measure.title))</h3>\n<table><tr><th class=\"n\">#</th><th></th><th>Person</th>"
                + "<th class=\"n\">Photos</th><th class=\"n\">Value</th></tr>\n"
            for (rank, entry) in ranking.entries.enumerated() {
                out += "<tr><td class=\"n\">\(rank + 1)</td><td>\(image(entry.person))</td>"
                    + "<td>\(e(entry.person.name))\(e(entry.person.ageGenderNote))</td><td class=\"n\">\(entry.person.photos)</td>"
                    + "<td class=\"n\">\(Self.formatted(entry.value, count: ranking.measure.isCount))</td></tr>\n"
            }
            out += "</table></div>\n"
        }
        out += "</section>\n"

        out += "<h2>Communities</h2>\n<table><tr><th class=\"n\">#</th><th class=\"n\">Size</th><th>Members</th></tr>\n"
        for community in communities {
            out += "<tr><td class=\"n\">\(community.number)</td><td class=\"n\">\(community.size)</td><td>"
                + community.members.map { e($0.name) }.joined(separator: ", ") + "</td></tr>\n"
        }
        out += "</table>\n"

        out += "<h2>Strongest ties</h2>\n<table><tr><th class=\"n\">#</th><th>People</th>"
            + "<th class=\"n\">Photos shared</th><th>Photos</th></tr>\n"
        for (rank, tie) in ties.enumerated() {
            out += "<tr><td class=\"n\">\(rank + 1)</td><td>" + tie.people.map { e($0.name) }.joined(separator: " – ")
                + "</td><td class=\"n\">\(tie.weight)</td><td>"
                + tie.photos.map { "<code>\(e($0))</code>" }.joined(separator: "<br>") + "</td></tr>\n"
        }
        out += "</table>\n"
        if !doubts.isEmpty {
            out += "<h2>Doubtful people</h2>\n<table><tr><th>Suggestion</th><th>People</th>"
                + "<th class=\"n\">Mean distance</th></tr>\n"
            for doubt in doubts {
                out += "<tr><td>\(doubt.kind)</td><td>" + doubt.people.map { e($0.name) }.joined(separator: " + ")
                    + "</td><td class=\"n\">\(String(format: "%.3f", doubt.distance))</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "</body></html>\n"
        return out
    }

    /// Text safe in HTML element content and in double-quoted attribute values.
    static func htmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
