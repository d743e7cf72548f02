// dlib's HOG face detector built with -mavx2 -mfma: dlib's SIMD code (simd8f) then uses 256-bit registers in
// the HOG feature extraction and filtering, which dominate detection time; the filtering's scalar loops are
// vector loops (separable_filter.h), and the scalar gathers of the feature extraction and of the pyramid's
// resizing are byte shuffles and vector gathers (fhog_features.h, resize_rgb.h). Loaded with dlopen by CDlib.
#include "fn_hog_avx2.h"
#include "hog_detect.h"
#include "rgb_view.h"
#include "separable_filter.h"   // before any use of the filter below, so the detector's calls take it
#include "fhog_features.h"      // likewise for the feature extraction
#include "resize_rgb.h"         // and the image pyramid

#include <dlib/rand.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#define FN_EXPORT __attribute__((visibility("default")))

namespace {
struct Detector {
    dlib::frontal_face_detector detector = fn::decoded_detector();
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
                             {30, 30, 2, 5}, {5, 4, 10, 10}, {20, 12, 10, 10}, {2, 13, 10, 3}};   // plane rows, columns; row and column taps
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

FN_EXPORT int fn_hog_avx2_features_self_check(char *err, size_t errlen) {
    // dlib's own template runs for an image type the specialisations do not cover: a view of the same pixels.
    dlib::rand random(11);
    const long sizes[][2] = {{500, 500}, {417, 333}, {97, 81}, {81, 97}, {64, 71}, {120, 17}, {17, 120}, {9, 9}, {3, 40}};
    for (const auto &size : sizes) {
        for (int kind = 0; kind < 3; kind++) {
            dlib::matrix<dlib::rgb_pixel> image(size[0], size[1]);
            for (long r = 0; r < image.nr(); r++)
                for (long c = 0; c < image.nc(); c++) {
                    dlib::rgb_pixel &p = image(r, c);
                    if (kind == 0) {          // noise
                        p = dlib::rgb_pixel(random.get_random_8bit_number(), random.get_random_8bit_number(),
                                            random.get_random_8bit_number());
                    } else if (kind == 1) {   // smooth ramps: equal gradients in the three channels (ties)
                        const unsigned char v = static_cast<unsigned char>((3 * r + 5 * c) % 256);
                        p = dlib::rgb_pixel(v, v, v);
                    } else {                  // flat with sparse edges: zero gradients and saturated ones
                        const unsigned char v = (r / 7 + c / 5) % 3 == 0 ? 255 : 0;
                        p = dlib::rgb_pixel(v, static_cast<unsigned char>(255 - v), v);
                    }
                }
            dlib::array2d<dlib::rgb_pixel> as_array;
            dlib::assign_image(as_array, image);
            const fn::RGBView view{reinterpret_cast<const uint8_t *>(&image(0, 0)), image.nc(), image.nr()};
            dlib::array<dlib::array2d<float>> theirs, from_matrix, from_array;
            dlib::extract_fhog_features(view, theirs, 8, 10, 10);
            dlib::extract_fhog_features(image, from_matrix, 8, 10, 10);
            dlib::extract_fhog_features(as_array, from_array, 8, 10, 10);
            for (const auto *ours : {&from_matrix, &from_array}) {
                bool same = ours->size() == theirs.size();
                for (unsigned long k = 0; same && k < theirs.size(); k++) {
                    same = (*ours)[k].nr() == theirs[k].nr() && (*ours)[k].nc() == theirs[k].nc();
                    for (long r = 0; same && r < theirs[k].nr(); r++)
                        same = std::memcmp(&(*ours)[k][r][0], &theirs[k][r][0], sizeof(float) * theirs[k].nc()) == 0;
                }
                if (!same) {
                    std::snprintf(err, errlen, "the HOG features differ from dlib's on a %ld x %ld image (%s, %s)",
                                  size[0], size[1], kind == 0 ? "noise" : kind == 1 ? "ramps" : "edges",
                                  ours == &from_matrix ? "matrix" : "array2d");
                    return -1;
                }
            }
        }
    }
    return 0;
}

FN_EXPORT int fn_hog_avx2_resize_self_check(char *err, size_t errlen) {
    // dlib's own template runs for a matrix-to-matrix resize, which the specialisations do not cover.
    dlib::rand random(13);
    // (rows, columns) in and out: doubling, the pyramid's 5/6, odd and tiny sizes, a single column and row.
    const long sizes[][4] = {{250, 250, 500, 500}, {500, 500, 417, 417}, {417, 333, 348, 278}, {97, 81, 81, 68},
                             {13, 7, 11, 6}, {2, 2, 4, 4}, {5, 1, 10, 2}, {1, 9, 2, 18}, {3, 3, 3, 3}, {40, 61, 9, 17}};
    for (const auto &size : sizes) {
        dlib::matrix<dlib::rgb_pixel> image(size[0], size[1]);
        for (long r = 0; r < image.nr(); r++)
            for (long c = 0; c < image.nc(); c++)
                image(r, c) = dlib::rgb_pixel(random.get_random_8bit_number(), random.get_random_8bit_number(),
                                              random.get_random_8bit_number());
        dlib::array2d<dlib::rgb_pixel> as_array;
        dlib::assign_image(as_array, image);
        const fn::RGBView view{reinterpret_cast<const uint8_t *>(&image(0, 0)), image.nc(), image.nr()};
        dlib::matrix<dlib::rgb_pixel> theirs(size[2], size[3]), from_view(size[2], size[3]);
        dlib::array2d<dlib::rgb_pixel> from_matrix(size[2], size[3]), from_array(size[2], size[3]),
            from_view_array(size[2], size[3]);
        dlib::resize_image(image, theirs);
        dlib::resize_image(view, from_view);
        dlib::resize_image(image, from_matrix);
        dlib::resize_image(as_array, from_array);
        dlib::resize_image(view, from_view_array);
        auto same = [&](const auto &ours) {
            const dlib::const_image_view<std::decay_t<decltype(ours)>> o(ours);
            for (long r = 0; r < theirs.nr(); r++)
                for (long c = 0; c < theirs.nc(); c++)
                    if (o[r][c] != theirs(r, c))
                        return false;
            return true;
        };
        if (!same(from_view) || !same(from_matrix) || !same(from_array) || !same(from_view_array)) {
            std::snprintf(err, errlen, "the resized image differs from dlib's from %ld x %ld to %ld x %ld", size[0],
                          size[1], size[2], size[3]);
            return -1;
        }
    }
    return 0;
}

} // extern "C"
