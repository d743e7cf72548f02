import Extraction
import Foundation
import Imaging
import People
import Store

/// Faces from outside the collection matched to its people: `find` (one photo) and `people name-from` (a folder of
/// known people). Both read their images with the collection's own extraction settings, so that the descriptors
/// are comparable with the stored ones.
extension Pipeline {
    /// A reader that detects and describes faces as this collection's `extract` did (its recorded detector,
    /// upsampling and detection size).
    /// - Throws: `StoreError.otherModels` when the store's descriptors were computed with other landmark or
    ///   descriptor model files than `models` (SHA-256 recorded by `extract`); the reader's own model errors.
    public func imageReader(models: ModelFiles) throws -> ImageFaceReader {
        // A descriptor is comparable only with descriptors of the same landmark and descriptor models: refused, as
        // extract refuses to add to such a store, rather than matched at meaningless distances.
        if let refusal = StoreError.otherModels(path: storeLocation, stored: try store.lastExtractModelChecksums(),
                                                here: try models.checksums()) {
            throw refusal
        }
        return try ImageFaceReader(models: models,
                                   options: ExtractionOptions(recorded: store.lastRunParameters(command: "extract")))
    }

    /// The faces of the photo at `image`, each matched to a person of the collection (`FaceFinder.find`); with
    /// `threshold`, one fixed average-linkage limit instead of the clustering's.
    /// - Throws: `ImageFaceError` naming the photo; `UserError` when the collection has no faces yet.
    public func find(_ image: URL, reader: ImageFaceReader, threshold: Float? = nil) throws -> [FoundFace] {
        guard try store.counts().faces > 0 else {
            throw UserError("the collection has no faces yet: run face-network extract (or run) on \(folder.path) first")
        }
        let faces = try reader.faces(inFile: image)
        let index = try PeopleIndex.load(from: store, limits: threshold.map(MatchLimits.fixed))
        return FaceFinder.find(faces.map { ($0.box, $0.descriptor) }, in: index)
    }

    /// The known people in `folder`, as face_recognition's command line takes them: each subfolder is a person
    /// named by the folder (`known/Ann Lee/*.jpg`), and each image directly in the folder is a person named by the
    /// file without its extension (`known/Ann Lee.jpg`). Each reference photo gives its largest face (warned when it
    /// has several); a photo without a face, or one that cannot be read, is warned about and skipped.
    /// - Throws: `UserError` when the folder cannot be listed or holds no reference photo.
    public func knownPeople(in folder: URL, reader: ImageFaceReader) throws -> [KnownPerson] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw UserError("\(folder.path) is a file; name-from takes a folder of known people")
        }
        let entries: [String]
        do {
            entries = try manager.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw UserError("\(folder.path): the known people's folder cannot be listed: \(fileErrorReason(error))")
        }
        var photosOf: [(name: String, photos: [URL])] = []
        for entry in entries {
            let url = folder.appendingPathComponent(entry)
            // Symbolic links are not followed, as extract does not follow them by default: a link to "." or ".."
            // would make a known person of the folder itself.
            if (try? manager.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeSymbolicLink {
                log.warn("warning: \(printable(url.path)): a symbolic link, not followed; not used as a known person")
                continue
            }
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                // Listed but not found by its name: a name in an older encoding (its bytes replaced when listed).
                let why = entry.unicodeScalars.contains("\u{FFFD}") ? ImageFaceReader.notUTF8 : "cannot be read"
                log.warn("warning: \(printable(url.path)): \(why); not used as a known person")
                continue
            }
            if isFolder.boolValue {
                // A person's photos are the regular files directly in its folder; anything else there is said, not
                // passed over in silence (links are not followed, for the reason above).
                let photos = ((try? manager.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }
                    .sorted().map { url.appendingPathComponent($0) }
                    .filter { photo in
                        let kind = try? manager.attributesOfItem(atPath: photo.path)[.type] as? FileAttributeType
                        let why: String
                        switch kind {
                        case .typeRegular?: return true
                        case .typeSymbolicLink?: why = "a symbolic link, not followed"
                        case .typeDirectory?: why = "a folder (a known person's photos are the files directly in its folder)"
                        case nil where photo.lastPathComponent.unicodeScalars.contains("\u{FFFD}"): why = ImageFaceReader.notUTF8
                        case nil: why = "cannot be read"
                        default: why = "not a regular file (a device, pipe or socket)"
                        }
                        log.warn("warning: \(printable(photo.path)): \(why); not used as a photo of \(entry)")
                        return false
                    }
                photosOf.append((entry, photos))
            } else if Self.looksLikeImage(url) {
                photosOf.append((url.deletingPathExtension().lastPathComponent, [url]))
            }
        }
        // One person per name: `Ann Lee/` and `Ann Lee.jpg` are the same person.
        var merged: [String: [URL]] = [:]
        var order: [String] = []
        for (name, photos) in photosOf {
            if merged[name] == nil { order.append(name) }
            merged[name, default: []] += photos
        }
        var known: [KnownPerson] = []
        for name in order {
            let personName: String
            do {
                guard let checked = try PeopleEditor.checkedName(name) else {
                    log.warn("warning: \(printable(folder.appendingPathComponent(name).path)): a blank name; this known "
                             + "person is left out (the folder or file name is the person's name)")
                    continue
                }
                personName = checked
            } catch {
                log.warn("warning: \(printable(name)): \(error); this known person is left out")
                continue
            }
            var descriptors: [[Float]] = []
            for photo in merged[name]! {
                do {
                    let faces = try reader.faces(inFile: photo)
                    guard let largest = faces.max(by: { $0.box.width * $0.box.height < $1.box.width * $1.box.height }) else {
                        log.warn("warning: \(printable(photo.path)): no face found; not used as a photo of \(name)")
                        continue
                    }
                    if faces.count > 1 {
                        log.warn("warning: \(printable(photo.path)): \(faces.count) faces; the largest is taken as \(name)")
                    }
                    descriptors.append(largest.descriptor)
                } catch {
                    log.warn("warning: \(error); not used as a photo of \(name)")
                }
            }
            if descriptors.isEmpty {
                log.warn("warning: \(name): no reference photo with a face; this known person is left out")
            } else {
                known.append(KnownPerson(name: personName, descriptors: descriptors))
            }
        }
        guard !known.isEmpty else {
            throw UserError("\(folder.path): no known person with a usable photo (a folder per person, "
                            + "known/Ann Lee/photo.jpg, or a photo per person, known/Ann Lee.jpg)")
        }
        return known
    }

    /// Names the collection's people after the known people in `folder` (`PeopleEditor.nameFrom`), one logged edit.
    public func nameFrom(_ folder: URL, reader: ImageFaceReader, threshold: Float? = nil) throws -> NameFromOutcome {
        let known = try knownPeople(in: folder, reader: reader)
        return try PeopleEditor(store: store).nameFrom(known, source: folder.path, threshold: threshold)
    }

    /// Whether the file is named like an image (reference photos directly in the known folder).
    static func looksLikeImage(_ url: URL) -> Bool { PhotoWalker.imageExtensions.contains(url.pathExtension.lowercased()) }
}
