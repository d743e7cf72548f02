/// The HTML, CSS and script of the interactive network page; `NetworkHTML` fills in the title, D3 and the data.
///
/// Everything a user named reaches the page through the JSON data and is shown with `textContent` or the canvas's
/// `fillText`: nothing from the data is ever parsed as HTML. The script works with D3 5 (Debian 12's node-d3:
/// `d3.event`) and D3 6 or later (the event passed to listeners).
enum NetworkPage {
    /// `Page/network.html` with `Page/network.css` and `Page/network.js` in place of `{{STYLE}}` and `{{SCRIPT}}`
    /// (the files are embedded at build time by the EmbedFiles plugin; the page's last line break is not part of it).
    static let template: String = {
        let html = file("network.html")
        return html.dropLast(html.hasSuffix("\n") ? 1 : 0)
            .replacingOccurrences(of: "{{STYLE}}", with: file("network.css"))
            .replacingOccurrences(of: "{{SCRIPT}}", with: file("network.js"))
    }()

    private static func file(_ name: String) -> String {
        guard let text = EmbeddedPage.files[name] else { preconditionFailure("Page/\(name) is not embedded in Export") }
        return text
    }
}
