import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Building the XML exports (GraphML, GEXF) with Foundation's XMLDocument (libxml2 underneath on Linux), which
/// escapes `<`, `&`, quotes and line breaks in text and attributes. What it does not do is refuse characters that
/// XML 1.0 forbids (control characters, U+FFFE, U+FFFF): it writes them as they are and the file no longer
/// parses, so every text goes through `XMLText.clean` first.
enum XMLText {
    /// `text` with every character outside XML 1.0's `Char` production (§2.2: tab, line feed, carriage return,
    /// U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF) replaced by U+FFFD.
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !allowed($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(allowed(scalar) ? scalar : "\u{FFFD}") }
        return String(out)
    }

    static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

extension XMLElement {
    /// An element with attributes in the given order and optional text content, all cleaned for XML 1.0.
    static func make(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) -> XMLElement {
        let element = text.map { XMLElement(name: name, stringValue: XMLText.clean($0)) } ?? XMLElement(name: name)
        for (key, value) in attributes { element.set(key, value) }
        return element
    }

    /// Adds (or replaces) one attribute, cleaned for XML 1.0.
    func set(_ name: String, _ value: String) {
        addAttribute(XMLNode.attribute(withName: name, stringValue: XMLText.clean(value)) as! XMLNode)
    }

    /// Declares a namespace: `prefix` empty for the default one.
    func declare(_ prefix: String, _ uri: String) {
        addNamespace(XMLNode.namespace(withName: prefix, stringValue: uri) as! XMLNode)
    }

    /// Appends `child` and returns it, for building nested elements in one expression.
    @discardableResult
    func append(_ child: XMLElement) -> XMLElement {
        addChild(child)
        return child
    }
}

enum XMLOutput {
    /// The document under `root` as UTF-8 text with an XML declaration, indented two spaces.
    static func document(_ root: XMLElement) -> String {
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return document.xmlString(options: [.nodePrettyPrint]) + "\n"
    }
}

/// Values as the XML formats write them.
enum XMLValue {
    /// A number in the shortest form that reads back to the same Double; NaN and infinities (which neither
    /// GraphML nor GEXF readers accept everywhere) as 0.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
