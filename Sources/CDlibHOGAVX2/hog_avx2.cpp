// dlib's HOG face detector built with -mavx2 -mfma: dlib's SIMD code (simd8f) then uses 256-bit registers in
// the HOG feature extraction and filtering, which dominate detection time, and the filtering's scalar loops are
// vector loops (separable_filter.h). Loaded with dlopen by CDlib.
#include "fn_hog_avx2.h"
#include "hog_detect.h"
#include "rgb_view.h"
#include "separable_filter.h"   // before any use of the filter below, so the detector's calls take it

#include <dlib/rand.h>

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

FN_EXPORT int fn_hog_avx2_filter_self_check(char *err, size_t errlen) {
    // dlib's own template runs for a column-major filter type, which the specialisation does not cover.
    using column_major_filter = dlib::matrix<float, 0, 1, dlib::default_memory_manager, dlib::column_major_layout>;
    dlib::rand random(5);
    const long sizes[][4] = {{62, 62, 10, 10}, {13, 11, 10, 10}, {9, 9, 10, 10}, {40, 17, 3, 7}, {8, 25, 1, 1},
                             {30, 30, 2, 5}, {5, 4, 10, 10}};   // plane rows, columns; row and column taps
    for (const auto &size : sizes) {
        dlib::array2d<float> in(size[0], size[1]), ours, theirs, scratch;
        for (long r = 0; r < in.nr(); r++)
            for (long c = 0; c < in.nc(); c++)
                in[r][c] = random.get_random_float() - 0.5f;
        dlib::matrix<float, 0, 1> row(size[2]), col(size[3]);
        for (long i = 0; i < row.size(); i++) row(i) = random.get_random_float() - 0.5f;
        for (long i = 0; i < col.size(); i++) col(i) = random.get_random_float() - 0.5f;
        const column_major_filter row2 = row, col2 = col;
        for (bool add_to : {false, true}) {
            if (add_to) {   // start both from the same image to add to
                for (long r = 0; r < ours.nr(); r++)
                    for (long c = 0; c < ours.nc(); c++)
                        ours[r][c] = theirs[r][c] = random.get_random_float();
            }
            const dlib::rectangle a = dlib::float_spatially_filter_image_separable(in, ours, row, col, scratch, add_to);
            const dlib::rectangle b = dlib::float_spatially_filter_image_separable(in, theirs, row2, col2, scratch, add_to);
            bool same = a == b && ours.nr() == theirs.nr() && ours.nc() == theirs.nc();
            for (long r = 0; same && r < ours.nr(); r++)
                for (long c = 0; same && c < ours.nc(); c++)
                    same = ours[r][c] == theirs[r][c];
            if (!same) {
                std::snprintf(err, errlen, "the separable filter differs from dlib's on a %ld x %ld plane with %ld x %ld taps%s",
                              size[0], size[1], size[2], size[3], add_to ? " (adding)" : "");
                return -1;
            }
        }
    }
    return 0;
}

} // extern "C"
