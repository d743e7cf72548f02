// A faster dlib::cpu::img2col, the unrolling step of every convolution dlib runs on the CPU (the ResNet descriptor
// and the CNN face detector): it builds the same matrix, element for element, as dlib 19.24's
// (dlib/cuda/cpu_dlib.cpp), which tests every element against the input's bounds. Here the bounds are decided per
// filter row, and rows fully inside the image are copied as runs, so the copy no longer costs as much as a fifth of
// the descriptor's time next to the matrix product that follows it.
//
// It takes the place of libdlib's function by symbol interposition: libdlib calls img2col through its PLT, and the
// dynamic linker resolves that call to the executable's definition first. If a future dlib changes the signature,
// the names no longer match and dlib's own runs (slower, same results). Tests compare the two on every layer shape
// the models use (`fn_dlib_img2col_self_check`).
#include "fn_dlib.h"

#include <dlib/cuda/tensor.h>
#include <dlib/matrix.h>
#include <dlib/rand.h>

#include <dlfcn.h>

#include <cstdio>

namespace {

// The matrix for filters `width` columns wide; `Width` > 0 fixes the width at compile time so that each run is a
// few register moves (a run of 3 floats through memmove cost as much as the bounds tests it replaces).
template <long Width>
void unroll(float *t, const float *sample, long channels, long nr, long nc, long filter_nr, long width, long stride_y,
            long stride_x, long padding_y, long padding_x) {
    const long w = Width > 0 ? Width : width;
    // Output row (r, c): the window whose top-left corner is (r, c) in the unpadded image; its columns run over
    // channel, then filter row, then filter column, as in dlib's.
    const long max_r = nr + padding_y - (filter_nr - 1);
    const long max_c = nc + padding_x - (w - 1);
    for (long r = -padding_y; r < max_r; r += stride_y) {
        for (long c = -padding_x; c < max_c; c += stride_x) {
            const bool columns_inside = c >= 0 && c + w <= nc;
            for (long k = 0; k < channels; ++k) {
                const float *plane = sample + k * nr * nc;
                for (long y = 0; y < filter_nr; ++y, t += w) {
                    const long yy = r + y;
                    if (yy < 0 || yy >= nr) {
                        for (long x = 0; x < w; ++x) t[x] = 0.0f;
                    } else if (columns_inside) {
                        const float *run = plane + yy * nc + c;
                        for (long x = 0; x < w; ++x) t[x] = run[x];
                    } else {
                        const float *row = plane + yy * nc;
                        for (long x = 0; x < w; ++x) {
                            const long xx = c + x;
                            t[x] = (xx >= 0 && xx < nc) ? row[xx] : 0.0f;
                        }
                    }
                }
            }
        }
    }
}

} // namespace

namespace dlib {
namespace cpu {

void img2col(matrix<float> &output, const tensor &data, long n, long filter_nr, long filter_nc, long stride_y,
             long stride_x, long padding_y, long padding_x) {
    const long nr = data.nr(), nc = data.nc(), channels = data.k();
    const float *sample = data.host() + channels * nr * nc * n;
    const long out_nr = 1 + (nr + 2 * padding_y - filter_nr) / stride_y;
    const long out_nc = 1 + (nc + 2 * padding_x - filter_nc) / stride_x;
    output.set_size(out_nr * out_nc, channels * filter_nr * filter_nc);
    DLIB_CASSERT(output.size() != 0);
    float *t = &output(0, 0);
    // The widths of the models' filters: 3 (ResNet blocks), 7 (ResNet input), 5 (CNN detector).
    switch (filter_nc) {
    case 3: unroll<3>(t, sample, channels, nr, nc, filter_nr, 3, stride_y, stride_x, padding_y, padding_x); break;
    case 5: unroll<5>(t, sample, channels, nr, nc, filter_nr, 5, stride_y, stride_x, padding_y, padding_x); break;
    case 7: unroll<7>(t, sample, channels, nr, nc, filter_nr, 7, stride_y, stride_x, padding_y, padding_x); break;
    default:
        unroll<0>(t, sample, channels, nr, nc, filter_nr, filter_nc, stride_y, stride_x, padding_y, padding_x);
    }
}

} // namespace cpu
} // namespace dlib

namespace {
using img2col_function = void (*)(dlib::matrix<float> &, const dlib::tensor &, long, long, long, long, long, long, long);
const char *const img2col_symbol =
    "_ZN4dlib3cpu7img2colERNS_6matrixIfLl0ELl0ENS_33memory_manager_stateless_kernel_1IcEENS_16row_major_layoutEEERKNS_"
    "6tensorElllllll";
} // namespace

extern "C" int fn_dlib_img2col_self_check(char *err, size_t errlen) {
    img2col_function ours = &dlib::cpu::img2col;
    if (reinterpret_cast<void *>(ours) != dlsym(RTLD_DEFAULT, img2col_symbol)) return 1;
    auto theirs = reinterpret_cast<img2col_function>(dlsym(RTLD_NEXT, img2col_symbol));
    if (!theirs) return 2;
    struct Shape { long k, nr, nc, filter_nr, filter_nc, stride_y, stride_x, padding_y, padding_x; };
    const Shape shapes[] = {
        {3, 150, 150, 7, 7, 2, 2, 0, 0},   // ResNet input layer
        {32, 36, 36, 3, 3, 1, 1, 1, 1},    // ResNet blocks
        {64, 18, 18, 3, 3, 2, 2, 0, 0},    // ResNet down-sampling blocks
        {3, 61, 47, 5, 5, 2, 2, 0, 0},     // CNN detector down-sampling
        {45, 13, 11, 5, 5, 1, 1, 2, 2},    // CNN detector
        {2, 9, 4, 9, 1, 1, 3, 4, 0},       // odd: 1-wide filter, window as tall as the image
        {3, 5, 6, 4, 6, 3, 1, 2, 3},       // odd: padding, unequal strides, a generic width
    };
    dlib::rand random(7);
    for (const Shape &s : shapes) {
        dlib::resizable_tensor data(2, s.k, s.nr, s.nc);
        for (float &v : data) v = random.get_random_float() - 0.5f;
        for (long n = 0; n < 2; n++) {
            dlib::matrix<float> a, b;
            ours(a, data, n, s.filter_nr, s.filter_nc, s.stride_y, s.stride_x, s.padding_y, s.padding_x);
            theirs(b, data, n, s.filter_nr, s.filter_nc, s.stride_y, s.stride_x, s.padding_y, s.padding_x);
            if (a.nr() != b.nr() || a.nc() != b.nc() || a != b) {
                std::snprintf(err, errlen, "img2col differs from libdlib's for %ld channels of %ld x %ld, filter %ld x %ld",
                              s.k, s.nr, s.nc, s.filter_nr, s.filter_nc);
                return -1;
            }
        }
    }
    return 0;
}
