/// The store's SQL files as PostgreSQL runs them: split into statements, each with its named parameters (`:name`)
/// turned into PostgreSQL's numbered ones (`$1`, `$2`, …; one number per name).
///
/// A small scanner, not a parser: it skips text in '…' strings, "…" identifiers, $$…$$ bodies and `--` comments,
/// and leaves `::` casts alone, which is all the store's files need.
struct PostgresStatement: Sendable {
    /// The statement with numbered parameters.
    let sql: String
    /// The parameter names in number order (`names[0]` is `$1`).
    let names: [String]

    /// The statements of `text`, empty ones left out.
    static func split(_ text: String) -> [PostgresStatement] {
        var statements: [PostgresStatement] = []
        var sql = "", names: [String] = [], meaningful = false
        let characters = Array(text)
        var i = 0
        func finish() {
            if meaningful { statements.append(PostgresStatement(sql: sql, names: names)) }
            sql = ""; names = []; meaningful = false
        }
        while i < characters.count {
            let c = characters[i]
            let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
            if c == "-", next == "-" {                          // a comment, to the end of the line
                while i < characters.count, characters[i] != "\n" { i += 1 }
                continue
            }
            if c == "'" || c == "\"" {                          // a string or quoted identifier, '' and "" inside
                var j = i + 1
                while j < characters.count {
                    if characters[j] == c {
                        if j + 1 < characters.count, characters[j + 1] == c { j += 2; continue }
                        break
                    }
                    j += 1
                }
                sql += String(characters[i...min(j, characters.count - 1)])
                meaningful = true
                i = j + 1
                continue
            }
            if c == "$", next == "$" {                          // a dollar-quoted body (DO blocks), to its $$
                var j = i + 2
                while j + 1 < characters.count, !(characters[j] == "$" && characters[j + 1] == "$") { j += 1 }
                sql += String(characters[i..<min(j + 2, characters.count)])
                meaningful = true
                i = j + 2
                continue
            }
            if c == ":", next == ":" {                          // a cast
                sql += "::"
                i += 2
                continue
            }
            if c == ":", let n = next, n.isLetter || n == "_" {
                var j = i + 1
                while j < characters.count, characters[j].isLetter || characters[j].isNumber || characters[j] == "_" { j += 1 }
                let name = String(characters[(i + 1)..<j])
                if let k = names.firstIndex(of: name) { sql += "$\(k + 1)" } else { names.append(name); sql += "$\(names.count)" }
                i = j
                continue
            }
            if c == ";" { finish(); i += 1; continue }
            if !c.isWhitespace { meaningful = true }
            sql.append(c)
            i += 1
        }
        finish()
        return statements
    }
}
