import Foundation
import Imaging
import Store

/// Face crops saved beside the database, like the original tool's: the bounding box widened by 40 % of its size
/// on every side (clipped to the photo), at full resolution, as
/// `<photos>/Face Network/Faces/<relative folder>/face<i>_<file name>`.
public enum FaceCrops {
    /// Margin added on each side, as a fraction of the box's width (left/right) and height (top/bottom).
    public static let margin = 0.4

    /// The crop's path relative to the photo folder for face `index` (1-based) of the photo at `photoPath`.
    public static func relativePath(photoPath: String, index: Int) -> String {
        let folder = (photoPath as NSString).deletingLastPathComponent
        let name = (photoPath as NSString).lastPathComponent
        let file = "face\(index)_\(name)"
        return ([PhotoWalker.outputFolderName, "Faces"] + (folder.isEmpty ? [] : [folder]) + [file])
            .joined(separator: "/")
    }

    /// The widened rectangle for `box` in an image of `width × height`.
    public static func cropRect(for box: FaceBox, width: Int, height: Int) -> FaceBox {
        let dx = Int((Double(box.width) * margin).rounded()), dy = Int((Double(box.height) * margin).rounded())
        return FaceBox(left: max(0, box.left - dx), top: max(0, box.top - dy),
                       right: min(width, box.right + dx + 1), bottom: min(height, box.bottom + dy + 1))
    }

    /// Writes the crop of `box` from `image`, encoded as PNG when the path ends in .png and JPEG otherwise.
    public static func write(_ image: RGBImage, box: FaceBox, to url: URL) throws {
        let rect = cropRect(for: box, width: image.width, height: image.height)
        let crop = try image.cropped(left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom)
        let data = url.pathExtension.lowercased() == "png" ? try crop.pngData() : try crop.jpegData(quality: 92)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
