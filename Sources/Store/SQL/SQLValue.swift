import Foundation

/// One value bound to a statement or read from a row, in SQLite's storage classes, which PostgreSQL's types used by
/// the store map onto (bigint, integer, boolean → integer; double precision, numeric → real; text; bytea → blob).
public enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift type the store binds and reads: integers, floating point, text, bytes, booleans (as 0 and 1) and
/// optionals of them (NULL).
public protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    /// The value read from a column; nil when the column's value cannot be this type.
    init?(sqlValue: SQLValue)
}

extension Int64: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let v): self = v
        // PostgreSQL's numeric (SUM of bigints) arrives as a real; only whole values are integers.
        case .real(let v) where v.rounded() == v && abs(v) < 9.2e18: self = Int64(v)
        default: return nil
        }
    }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init?(sqlValue: SQLValue) {
        guard let v = Int64(sqlValue: sqlValue) else { return nil }
        self = Int(v)
    }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let v): self = v
        case .integer(let v): self = Double(v)
        default: return nil
        }
    }
}

extension Float: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(Double(self)) }
    public init?(sqlValue: SQLValue) {
        guard let v = Double(sqlValue: sqlValue) else { return nil }
        self = Float(v)
    }
}

extension Bool: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public init?(sqlValue: SQLValue) {
        guard let v = Int64(sqlValue: sqlValue) else { return nil }
        self = v != 0
    }
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(self) }
    public init?(sqlValue: SQLValue) {
        guard case .text(let v) = sqlValue else { return nil }
        self = v
    }
}

extension Data: SQLValueConvertible {
    public var sqlValue: SQLValue { .blob(self) }
    public init?(sqlValue: SQLValue) {
        guard case .blob(let v) = sqlValue else { return nil }
        self = v
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    /// NULL reads as nil; any other value must be a `Wrapped`.
    public init?(sqlValue: SQLValue) {
        if case .null = sqlValue { self = .none; return }
        guard let v = Wrapped(sqlValue: sqlValue) else { return nil }
        self = .some(v)
    }
}
