// dlib's HOG face detector built with -mavx2 -mfma: dlib's SIMD code (simd8f) then uses 256-bit registers in
// the HOG feature extraction and filtering, which dominate detection time. Loaded with dlopen by CDlib.
#include "fn_hog_avx2.h"
#include "../CDlib/hog_detect.h"
#include "../CDlib/rgb_view.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#define FN_EXPORT __attribute__((visibility("default")))

namespace {
struct Detector {
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
};
} // namespace

extern "C" {

FN_EXPORT void *fn_hog_avx2_create(char *err, size_t errlen) {
    try {
        return new Detector;
    } catch (const std::exception &e) {
        std::snprintf(err, errlen, "%s", e.what());
        return nullptr;
    }
}

FN_EXPORT void fn_hog_avx2_destroy(void *detector) { delete static_cast<Detector *>(detector); }

FN_EXPORT int fn_hog_avx2_detect(void *detector, const uint8_t *rgb, int width, int height, int upsample,
                                 fn_hog_box **boxes, int *count, char *err, size_t errlen) {
    *boxes = nullptr;
    *count = 0;
    try {
        auto found = fn::detect_hog(static_cast<Detector *>(detector)->detector, fn::RGBView{rgb, width, height}, upsample);
        auto *out = static_cast<fn_hog_box *>(std::malloc(sizeof(fn_hog_box) * (found.empty() ? 1 : found.size())));
        if (!out)
            throw std::bad_alloc();
        for (size_t i = 0; i < found.size(); i++)
            out[i] = {found[i].left, found[i].top, found[i].right, found[i].bottom, found[i].score};
        *boxes = out;
        *count = static_cast<int>(found.size());
        return 0;
    } catch (const std::exception &e) {
        std::snprintf(err, errlen, "%s", e.what());
        return -1;
    }
}

} // extern "C"
