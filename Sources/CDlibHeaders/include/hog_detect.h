// HOG face detection as dlib's Python binding runs it, shared by the baseline build (face_pipeline.cpp) and the
// AVX2 build loaded at run time (CDlibHOGAVX2), so that both give the same boxes.
#pragma once

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <algorithm>
#include <vector>

namespace fn {

/// A detected box, clipped like face_recognition's _trim_css_to_bounds (left/top >= 0, right/bottom <= size).
struct ClippedBox {
    long left, top, right, bottom;
    double score;
};

/// `r` clipped to a width × height image as face_recognition's _trim_css_to_bounds clips it.
inline ClippedBox clip(const dlib::rectangle &r, double score, long width, long height) {
    return {std::max(r.left(), 0L), std::max(r.top(), 0L), std::min(r.right(), width), std::min(r.bottom(), height),
            score};
}

/// dlib's frontal face detector (get_frontal_face_detector), decoded once per library that includes this header:
/// dlib decompresses its serialised filters on every call (~0.3 s, as long as extracting 25 photos), and each
/// worker thread needs a detector of its own, copied from this one.
inline const dlib::frontal_face_detector &decoded_detector() {
    static const dlib::frontal_face_detector decoded = dlib::get_frontal_face_detector();
    return decoded;
}

/// dlib's frontal face detector on `image` upsampled `upsample` times (run_detector_with_upscale: pyramid_up,
/// detect with threshold 0, map rects back with rect_down), boxes clipped to the image.
template <typename Image>
std::vector<ClippedBox> detect_hog(dlib::frontal_face_detector &detector, const Image &image, int upsample) {
    std::vector<dlib::rect_detection> dets;
    if (upsample <= 0) {
        detector(image, dets, 0.0);
    } else {
        dlib::pyramid_down<2> pyr;
        dlib::matrix<dlib::rgb_pixel> up;
        dlib::pyramid_up(image, up, pyr);
        for (int level = 1; level < upsample; level++)
            dlib::pyramid_up(up, pyr);
        detector(up, dets, 0.0);
        for (auto &d : dets)
            d.rect = pyr.rect_down(d.rect, upsample);
    }
    using dlib::num_columns, dlib::num_rows; // unqualified: custom image types provide their own (ADL)
    const long width = num_columns(image), height = num_rows(image);
    std::vector<ClippedBox> out;
    for (const auto &d : dets)
        out.push_back(clip(d.rect, d.detection_confidence, width, height));
    return out;
}

} // namespace fn
