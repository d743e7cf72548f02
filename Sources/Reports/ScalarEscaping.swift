extension String {
    /// The text with every Unicode scalar that `replacement` maps replaced by what it returns, the others kept:
    /// the one loop behind the escapes of JSON strings, query-language strings and table cells.
    public func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for scalar in unicodeScalars {
            if let replaced = replacement(scalar) { out += replaced } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

extension Unicode.Scalar {
    /// C0 control characters and DEL.
    public var isControl: Bool { value < 0x20 || value == 0x7F }
}
