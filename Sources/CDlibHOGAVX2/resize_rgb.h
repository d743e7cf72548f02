// dlib's bilinear resize_image for RGB images, which builds the HOG detector's image pyramid (the photo doubled
// by pyramid_up, then each level 5/6 of the one above by pyramid_down<6>), with its per-pixel gathers made vector
// loads. dlib's 4-wide loop fills each register with four scalar loads and conversions per channel and corner
// (48 per four pixels); here the columns' source positions and weights are computed once per image (dlib computes
// the same sequence again on every row) and each corner of eight pixels is two 16-byte loads split into its
// channels by byte shuffles made once per image (Columns::Shuffle), or one gather of their RGB bytes where the
// pixels lie too far apart.
//
// Every output pixel is the byte dlib's gives (tests: fn_hog_avx2_resize_self_check): the positions and weights
// come from dlib's own SIMD types, in dlib's order; the products and sums are dlib's, operation for operation
// (multiply, then add in dlib's order, truncate); the columns after dlib's vector loop run dlib's scalar code.
#pragma once

#include "rgb_view.h"

#include <dlib/image_transforms/interpolation.h>

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace fn {
namespace resize {

/// Where each output column of dlib's vector loop reads from and with what weights: identical for every row.
struct Columns {
    std::vector<int> left3, right3m1;     // byte offsets: 3·left, and 3·right − 1 (see gather_rgb)
    std::vector<float> lr_frac, inv_lr_frac;
    long vector_end = 0;                  // dlib's vector loop covers [0, vector_end), a multiple of 4

    /// How a block of 8 output columns (c = 8k …) reads its left or right corner pixels without a gather: each
    /// half (4 columns) loads 16 bytes of the row from `base[half]`, and `channel[0..2]` shuffle its red, green and
    /// blue bytes into the 32-bit lanes of the 4 columns. Usable when each half's 4 pixels lie within those 16
    /// bytes and the 16 bytes within the row (`fits`); at the pyramid's scales (× 2 and × 5/6) all but the last
    /// block or two do.
    struct Shuffle {
        int base[2];
        __m256i channel[3];
    };
    struct Block {
        bool fits;
        Shuffle left, right;
    };
    std::vector<Block> blocks;

    /// Replays the column sequence of dlib's loop (the same on every row) for `out_nc` columns read from `in_nc`.
    Columns(long in_nc, long out_nc, double x_scale) {
        using namespace dlib;
        double x = -4 * x_scale;
        const simd4f _x_scale = 4 * x_scale;
        simd4f _x(x, x + x_scale, x + 2 * x_scale, x + 3 * x_scale);
        long c = 0;
        for (;; c += 4) {
            _x += _x_scale;
            simd4i left = simd4i(_x);
            simd4f lr = _x - left;
            simd4f inv_lr = 1 - lr;
            simd4i right = left + 1;
            int32 fleft[4], fright[4];
            float flr[4], finv[4];
            left.store(fleft);
            right.store(fright);
            if (fright[3] >= in_nc)
                break;
            lr.store(flr);
            inv_lr.store(finv);
            for (int i = 0; i < 4; i++) {
                left3.push_back(3 * fleft[i]);
                right3m1.push_back(3 * fright[i] - 1);
                lr_frac.push_back(flr[i]);
                inv_lr_frac.push_back(finv[i]);
            }
        }
        vector_end = c;
        // Pad to whole registers with a column that reads inside every row; its results are never stored.
        while (left3.size() % 8 != 0) {
            left3.push_back(0);
            right3m1.push_back(2);
            lr_frac.push_back(0);
            inv_lr_frac.push_back(1);
        }
        for (size_t first = 0; first < left3.size(); first += 8) {
            Block block;
            block.fits = shuffle(first, in_nc, [&](size_t i) { return left3[i]; }, block.left) &&
                         shuffle(first, in_nc, [&](size_t i) { return right3m1[i] + 1; }, block.right);
            blocks.push_back(block);
        }
    }

    /// The shuffles of the block of 8 columns from `first` whose pixels start at byte `start(i)`; false when they
    /// do not fit (see Shuffle).
    template <typename Start> static bool shuffle(size_t first, long in_nc, Start start, Shuffle &out) {
        alignas(32) unsigned char control[3][32];
        for (int half = 0; half < 2; half++) {
            const int base = start(first + 4 * half);
            if (base + 16 > 3 * in_nc)
                return false;
            out.base[half] = base;
            for (int i = 0; i < 4; i++) {
                const int at = start(first + 4 * half + i) - base;
                if (at < 0 || at + 2 > 15)
                    return false;
                for (int channel = 0; channel < 3; channel++) {
                    unsigned char *lane = &control[channel][16 * half + 4 * i];
                    lane[0] = static_cast<unsigned char>(at + channel);
                    lane[1] = lane[2] = lane[3] = 0x80;   // zero: the byte becomes a 32-bit integer
                }
            }
        }
        for (int channel = 0; channel < 3; channel++)
            out.channel[channel] = _mm256_load_si256(reinterpret_cast<const __m256i *>(control[channel]));
        return true;
    }
};

/// The red, green and blue values of eight pixels as floats. `low_first`: each 4-byte word read starts at the
/// pixel's red byte (its fourth byte is the next pixel's red); otherwise it ends at the pixel's blue byte (its
/// first byte is the previous pixel's blue). dlib's "left" pixel always has a right neighbour in the row and its
/// "right" pixel a left one, so no word reads outside the row.
inline void gather_rgb(const unsigned char *row, __m256i offsets, bool low_first, __m256 &red, __m256 &green,
                       __m256 &blue) {
    const __m256i words = _mm256_i32gather_epi32(reinterpret_cast<const int *>(row), offsets, 1);
    const __m256i byte = _mm256_set1_epi32(0xff);
    const int shift = low_first ? 0 : 8;
    red = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(words, shift), byte));
    green = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(words, shift + 8), byte));
    blue = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(words, shift + 16), byte));
}

/// gather_rgb's floats for a block that fits (Columns::Shuffle): two 16-byte loads and three byte shuffles
/// instead of a gather (a gather took half of the resize's time).
inline void shuffle_rgb(const unsigned char *row, const Columns::Shuffle &shuffle, __m256 &red, __m256 &green,
                        __m256 &blue) {
    const __m256i window = _mm256_loadu2_m128i(reinterpret_cast<const __m128i *>(row + shuffle.base[1]),
                                               reinterpret_cast<const __m128i *>(row + shuffle.base[0]));
    red = _mm256_cvtepi32_ps(_mm256_shuffle_epi8(window, shuffle.channel[0]));
    green = _mm256_cvtepi32_ps(_mm256_shuffle_epi8(window, shuffle.channel[1]));
    blue = _mm256_cvtepi32_ps(_mm256_shuffle_epi8(window, shuffle.channel[2]));
}

/// dlib's weighted sum of the four corners, then its truncation to an integer.
inline __m256i blend(__m256 tlf, __m256 trf, __m256 blf, __m256 brf, __m256 tl, __m256 tr, __m256 bl, __m256 br) {
    const __m256 sum = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(tlf, tl), _mm256_mul_ps(trf, tr)),
                                                   _mm256_mul_ps(blf, bl)),
                                     _mm256_mul_ps(brf, br));
    return _mm256_cvttps_epi32(sum);
}

template <typename In, typename Out> void rgb(const In &in_img_, Out &out_img_) {
    using namespace dlib;
    const_image_view<In> in_img(in_img_);
    image_view<Out> out_img(out_img_);
    if (out_img.size() == 0 || in_img.size() == 0)
        return;
    typedef typename image_traits<In>::pixel_type T;
    const double x_scale = (in_img.nc() - 1) / (double)std::max<long>((out_img.nc() - 1), 1);
    const double y_scale = (in_img.nr() - 1) / (double)std::max<long>((out_img.nr() - 1), 1);
    const Columns columns(in_img.nc(), out_img.nc(), x_scale);
    // Each 32-bit lane packs a pixel as red | green << 8 | blue << 16; this takes the three low bytes of each.
    const __m128i pack = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    double y = -y_scale;
    for (long r = 0; r < out_img.nr(); ++r) {
        y += y_scale;
        const long top = static_cast<long>(std::floor(y));
        const long bottom = std::min(top + 1, in_img.nr() - 1);
        const double tb_frac = y - top;
        // dlib's per-row weights (simd4f from double: rounded to float once).
        const __m256 _tb_frac = _mm256_set1_ps(static_cast<float>(tb_frac));
        const __m256 _inv_tb_frac = _mm256_set1_ps(static_cast<float>(1 - tb_frac));
        const unsigned char *top_row = reinterpret_cast<const unsigned char *>(in_img[top]);
        const unsigned char *bottom_row = reinterpret_cast<const unsigned char *>(in_img[bottom]);
        unsigned char *out_row = reinterpret_cast<unsigned char *>(out_img[r]);
        long c = 0;
        for (; c < columns.vector_end; c += 8) {
            const __m256 lr = _mm256_loadu_ps(&columns.lr_frac[c]);
            const __m256 inv_lr = _mm256_loadu_ps(&columns.inv_lr_frac[c]);
            const __m256 tlf = _mm256_mul_ps(_inv_tb_frac, inv_lr), trf = _mm256_mul_ps(_inv_tb_frac, lr);
            const __m256 blf = _mm256_mul_ps(_tb_frac, inv_lr), brf = _mm256_mul_ps(_tb_frac, lr);
            const __m256i left = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(&columns.left3[c]));
            const __m256i right = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(&columns.right3m1[c]));
            __m256 tl[3], tr[3], bl[3], br[3];
            const Columns::Block &block = columns.blocks[c / 8];
            if (block.fits) {
                shuffle_rgb(top_row, block.left, tl[0], tl[1], tl[2]);
                shuffle_rgb(top_row, block.right, tr[0], tr[1], tr[2]);
                shuffle_rgb(bottom_row, block.left, bl[0], bl[1], bl[2]);
                shuffle_rgb(bottom_row, block.right, br[0], br[1], br[2]);
            } else {
                gather_rgb(top_row, left, true, tl[0], tl[1], tl[2]);
                gather_rgb(top_row, right, false, tr[0], tr[1], tr[2]);
                gather_rgb(bottom_row, left, true, bl[0], bl[1], bl[2]);
                gather_rgb(bottom_row, right, false, br[0], br[1], br[2]);
            }
            const __m256i byte = _mm256_set1_epi32(0xff);
            // static_cast<unsigned char> of dlib's int: its low byte.
            const __m256i red = _mm256_and_si256(blend(tlf, trf, blf, brf, tl[0], tr[0], bl[0], br[0]), byte);
            const __m256i green = _mm256_and_si256(blend(tlf, trf, blf, brf, tl[1], tr[1], bl[1], br[1]), byte);
            const __m256i blue = _mm256_and_si256(blend(tlf, trf, blf, brf, tl[2], tr[2], bl[2], br[2]), byte);
            const __m256i pixels =
                _mm256_or_si256(red, _mm256_or_si256(_mm256_slli_epi32(green, 8), _mm256_slli_epi32(blue, 16)));
            const __m128i low = _mm_shuffle_epi8(_mm256_castsi256_si128(pixels), pack);
            unsigned char *dst = out_row + 3 * c;
            _mm_storel_epi64(reinterpret_cast<__m128i *>(dst), low);
            const int low_tail = _mm_extract_epi32(low, 2);
            std::memcpy(dst + 8, &low_tail, 4);
            if (c + 4 < columns.vector_end) {
                const __m128i high = _mm_shuffle_epi8(_mm256_extracti128_si256(pixels, 1), pack);
                _mm_storel_epi64(reinterpret_cast<__m128i *>(dst + 12), high);
                const int high_tail = _mm_extract_epi32(high, 2);
                std::memcpy(dst + 20, &high_tail, 4);
            }
        }
        c = columns.vector_end;
        // dlib's scalar loop for the columns after its vector loop, in double precision.
        double x = -x_scale + c * x_scale;
        for (; c < out_img.nc(); ++c) {
            x += x_scale;
            const long left = static_cast<long>(std::floor(x));
            const long right = std::min(left + 1, in_img.nc() - 1);
            const double lr_frac = x - left;
            const T tl = in_img[top][left];
            const T tr = in_img[top][right];
            const T bl = in_img[bottom][left];
            const T br = in_img[bottom][right];
            T temp;
            assign_pixel(temp, 0);
            vector_to_pixel(temp, (1 - tb_frac) * ((1 - lr_frac) * pixel_to_vector<double>(tl) +
                                                   lr_frac * pixel_to_vector<double>(tr)) +
                                      tb_frac * ((1 - lr_frac) * pixel_to_vector<double>(bl) +
                                                 lr_frac * pixel_to_vector<double>(br)));
            assign_pixel(out_img[r][c], temp);
        }
    }
}

} // namespace resize
} // namespace fn

namespace dlib {

// The pyramid's resizes: the photo (a view of its pixels) doubled into a matrix, the matrix to the first level
// below it, each level to the next, and (without upsampling) the photo to the first level below it.
template <>
inline void resize_image<fn::RGBView, array2d<rgb_pixel>>(const fn::RGBView &in, array2d<rgb_pixel> &out,
                                                         interpolate_bilinear) {
    fn::resize::rgb(in, out);
}

template <>
inline void resize_image<fn::RGBView, matrix<rgb_pixel>>(const fn::RGBView &in, matrix<rgb_pixel> &out,
                                                        interpolate_bilinear) {
    fn::resize::rgb(in, out);
}

template <>
inline void resize_image<matrix<rgb_pixel>, array2d<rgb_pixel>>(const matrix<rgb_pixel> &in, array2d<rgb_pixel> &out,
                                                               interpolate_bilinear) {
    fn::resize::rgb(in, out);
}

template <>
inline void resize_image<array2d<rgb_pixel>, array2d<rgb_pixel>>(const array2d<rgb_pixel> &in, array2d<rgb_pixel> &out,
                                                                interpolate_bilinear) {
    fn::resize::rgb(in, out);
}

} // namespace dlib
