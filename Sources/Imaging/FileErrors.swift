import Foundation

/// The reason behind a file-system error as one short sentence ("Permission denied", "No such file or
/// directory"), instead of Foundation's full error dump.
public func fileErrorReason(_ error: Error) -> String {
    let ns = error as NSError
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    if let image = error as? ImageError { return image.description }
    switch ns.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "No such file or directory"
    case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "Permission denied"
    case NSFileWriteOutOfSpaceError: return "No space left on device"
    default: return ns.localizedDescription
    }
}
