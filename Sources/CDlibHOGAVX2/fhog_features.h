// dlib's HOG feature extraction (Felzenszwalb et al., "Object Detection with Discriminatively Trained Part Based
// Models", PAMI 32(9), 2010; dlib's impl_extract_fhog_features) for the detector's RGB pyramid levels, with the two
// costs that dlib's 8-wide loop leaves scalar made vector work:
// - the gradient: dlib fills each 8-lane register of neighbour values with eight scalar loads (96 per eight
//   pixels: left, right, top and bottom neighbours, three channels); here each neighbour row segment is loaded
//   once (24 bytes) and split into its red, green and blue lanes with byte shuffles;
// - the orientation: dlib's loop over the nine unit vectors (nine dot products and 36 comparisons per 8 pixels)
//   depends only on the gradient, two integers in [-255, 255]: it is run once over all of them to fill a table
//   (OrientationTable), and each pixel's bin is then one byte read where its votes are made. 21 % less time for
//   the extraction (bench/hog-features: 300 photos' pyramids, 6.5 s → 5.1 s, every feature still dlib's);
// - the votes: dlib casts each 8 pixels' votes as soon as it has computed them, reading its weights back from the
//   stack the moment it stored them; here a row's weights and bins are computed first (what depends only on the
//   column once per image) and then cast in a scalar loop of their own, in dlib's order: 16 % less time again.
// Every other step is dlib's, in dlib's order, with dlib's own SIMD types, so every feature is the same float
// (tests: fn_hog_avx2_fhog_self_check compares whole pyramids with dlib's code on real and random images).
#pragma once

#include <dlib/image_transforms/fhog.h>

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace fn {
namespace fhog {

/// Splits eight packed RGB pixels starting at `p` (24 bytes, read exactly) into three vectors of eight int32:
/// the red, green and blue values.
inline void split_rgb(const unsigned char *p, __m256i &red, __m256i &green, __m256i &blue) {
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));        // bytes 0–15
    const __m128i hi = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p + 16));   // bytes 16–23
    // Byte i of a channel is at 3i + channel: bytes below 16 come from `lo`, the rest from `hi` (offset 16).
    const __m128i r_lo = _mm_setr_epi8(0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i r_hi = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, 2, 5, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i g_lo = _mm_setr_epi8(1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i g_hi = _mm_setr_epi8(-1, -1, -1, -1, -1, 0, 3, 6, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i b_lo = _mm_setr_epi8(2, 5, 8, 11, 14, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i b_hi = _mm_setr_epi8(-1, -1, -1, -1, -1, 1, 4, 7, -1, -1, -1, -1, -1, -1, -1, -1);
    red = _mm256_cvtepu8_epi32(_mm_or_si128(_mm_shuffle_epi8(lo, r_lo), _mm_shuffle_epi8(hi, r_hi)));
    green = _mm256_cvtepu8_epi32(_mm_or_si128(_mm_shuffle_epi8(lo, g_lo), _mm_shuffle_epi8(hi, g_hi)));
    blue = _mm256_cvtepu8_epi32(_mm_or_si128(_mm_shuffle_epi8(lo, b_lo), _mm_shuffle_epi8(hi, b_hi)));
}

/// dlib's 8-wide RGB gradient at row `r`, columns c … c + 7 (impl_fhog::get_gradient): per channel the central
/// differences, and of the three channels the one with the longest gradient (red over green on ties, then that
/// over blue). `row(y)` is a pointer to row y's pixels. Always inlined: called, it returned its vectors through
/// memory.
template <typename Row>
__attribute__((always_inline)) inline void gradient(long r, long c, Row row, dlib::simd8i &grad_x, dlib::simd8i &grad_y, dlib::simd8i &len) {
    using dlib::simd8i;
    __m256i l[3], rt[3], t[3], b[3];
    split_rgb(reinterpret_cast<const unsigned char *>(row(r) + c - 1), l[0], l[1], l[2]);
    split_rgb(reinterpret_cast<const unsigned char *>(row(r) + c + 1), rt[0], rt[1], rt[2]);
    split_rgb(reinterpret_cast<const unsigned char *>(row(r - 1) + c), t[0], t[1], t[2]);
    split_rgb(reinterpret_cast<const unsigned char *>(row(r + 1) + c), b[0], b[1], b[2]);
    const simd8i gx_red = simd8i(rt[0]) - simd8i(l[0]), gy_red = simd8i(b[0]) - simd8i(t[0]);
    const simd8i gx_green = simd8i(rt[1]) - simd8i(l[1]), gy_green = simd8i(b[1]) - simd8i(t[1]);
    const simd8i gx_blue = simd8i(rt[2]) - simd8i(l[2]), gy_blue = simd8i(b[2]) - simd8i(t[2]);
    const simd8i red_len = gx_red * gx_red + gy_red * gy_red;
    const simd8i green_len = gx_green * gx_green + gy_green * gy_green;
    const simd8i blue_len = gx_blue * gx_blue + gy_blue * gy_blue;
    simd8i cmp = red_len > green_len;
    const simd8i tgx = select(cmp, gx_red, gx_green), tgy = select(cmp, gy_red, gy_green);
    const simd8i tlen = select(cmp, red_len, green_len);
    cmp = tlen > blue_len;
    grad_x = select(cmp, tgx, gx_blue);
    grad_y = select(cmp, tgy, gy_blue);
    len = select(cmp, tlen, blue_len);
}

/// dlib's unit vectors of the nine orientations, as floats from its double literals.
inline constexpr float dir_x[9] = {1.0000f, static_cast<float>(0.9397), static_cast<float>(0.7660), 0.500f,
                                   static_cast<float>(0.1736), static_cast<float>(-0.1736), -0.5000f,
                                   static_cast<float>(-0.7660), static_cast<float>(-0.9397)};
inline constexpr float dir_y[9] = {0.0000f, static_cast<float>(0.3420), static_cast<float>(0.6428),
                                   static_cast<float>(0.8660), static_cast<float>(0.9848), static_cast<float>(0.9848),
                                   static_cast<float>(0.8660), static_cast<float>(0.6428), static_cast<float>(0.3420)};

/// The orientation bin (0–17) dlib's 8-wide loop snaps a gradient to, for every gradient this loop can meet: an
/// RGB gradient's components are differences of two bytes, integers in [-255, 255], so there are 511 × 511 of
/// them. dlib finds the bin by nine dot products with its unit vectors and 36 comparisons per 8 pixels; the
/// table is filled once by that same vector code (so each entry is the bin dlib's loop gives) and then read by
/// one byte load per pixel in the loop that votes the pixel into its cells' histograms, which loads the pixel's
/// bin there anyway. 261 KB, held in the L2 cache; the gradients of photos are mostly short, so the rows read
/// most are a few near the middle.
struct OrientationTable {
    static constexpr int offset = 255, stride = 512;   // entry of (gx, gy): (gy + 255) × 512 + gx + 255
    unsigned char bin[511 * stride];

    OrientationTable() {
        using dlib::simd8f;
        using dlib::simd8i;
        simd8f dx[9], dy[9], index[9], index_flipped[9];
        for (int o = 0; o < 9; o++) {
            dx[o] = dir_x[o];
            dy[o] = dir_y[o];
            index[o] = o;
            index_flipped[o] = o + 9;
        }
        const simd8f minus_one = -1;
        for (int gy = -offset; gy <= offset; gy++)
            for (int gx = -offset; gx <= offset + 1; gx += 8) {   // the last 8 run one past 255: dropped below
                const simd8f grad_x(gx, gx + 1, gx + 2, gx + 3, gx + 4, gx + 5, gx + 6, gx + 7);
                const simd8f grad_y(static_cast<float>(gy));
                // dlib's loop, as in extract's (before this table) and in impl_extract_fhog_features.
                simd8f best_dot = 0;
                simd8f best_o = 0;
                for (int o = 0; o < 9; o++) {
                    simd8f dot = grad_x * dx[o] + grad_y * dy[o];
                    dlib::simd8f_bool cmp = dot > best_dot;
                    best_dot = select(cmp, dot, best_dot);
                    dot *= minus_one;
                    best_o = select(cmp, index[o], best_o);
                    cmp = dot > best_dot;
                    best_dot = select(cmp, dot, best_dot);
                    best_o = select(cmp, index_flipped[o], best_o);
                }
                dlib::int32 found[8];
                simd8i(best_o).store(found);
                for (int i = 0; i < 8 && gx + i <= offset; i++)
                    bin[(gy + offset) * stride + gx + i + offset] = static_cast<unsigned char>(found[i]);
            }
    }

    /// The entries of eight gradients, for `bin`.
    static dlib::simd8i entry(const dlib::simd8i &grad_x, const dlib::simd8i &grad_y) {
        return dlib::simd8i(_mm256_add_epi32(_mm256_slli_epi32(_mm256_add_epi32(grad_y, _mm256_set1_epi32(offset)), 9),
                                             _mm256_add_epi32(grad_x, _mm256_set1_epi32(offset))));
    }
};
static_assert(OrientationTable::stride == 1 << 9, "entry() shifts by 9");

/// The table, filled on first use (thread-safe: a function-local static).
inline const OrientationTable &orientation_table() {
    static const OrientationTable table;
    return table;
}

/// dlib's extract_fhog_features for an RGB image and planar output (31 planes), cell size > 1.
template <typename Image>
void extract(const Image &image, dlib::array<dlib::array2d<float>> &hog, int cell_size, int filter_rows_padding,
             int filter_cols_padding) {
    using namespace dlib;
    using namespace dlib::impl_fhog;
    const_image_view<Image> img(image);
    matrix<float, 2, 1> directions[9];
    for (int o = 0; o < 9; o++)
        directions[o] = dir_x[o], dir_y[o];

    const int cells_nr = (int)((float)img.nr() / (float)cell_size + 0.5);
    const int cells_nc = (int)((float)img.nc() / (float)cell_size + 0.5);
    if (cells_nr == 0 || cells_nc == 0) {
        hog.clear();
        return;
    }
    // Histograms with one cell of padding all round, so that votes need no bounds tests.
    array2d<matrix<float, 18, 1>> hist(cells_nr + 2, cells_nc + 2);
    for (long r = 0; r < hist.nr(); ++r)
        for (long c = 0; c < hist.nc(); ++c)
            hist[r][c] = 0;
    array2d<float> norm(cells_nr, cells_nc);
    assign_all_pixels(norm, 0);

    const int hog_nr = std::max(cells_nr - 2, 0);
    const int hog_nc = std::max(cells_nc - 2, 0);
    if (hog_nr == 0 || hog_nc == 0) {
        hog.clear();
        return;
    }
    const int padding_rows_offset = (filter_rows_padding - 1) / 2;
    const int padding_cols_offset = (filter_cols_padding - 1) / 2;
    init_hog(hog, hog_nr, hog_nc, filter_rows_padding, filter_cols_padding);

    const int visible_nr = std::min((long)cells_nr * cell_size, img.nr()) - 1;
    const int visible_nc = std::min((long)cells_nc * cell_size, img.nc()) - 1;
    auto row = [&](long y) { return img[y]; };

    const unsigned char *const orientation = orientation_table().bin;

    // What dlib's 8-wide loop computes from a pixel's column alone, the same for every row: the histogram cell to
    // its left (as a float offset, 18 bins a cell) and the bilinear weights of the cells to its left and right.
    int vector_end = 1;   // the first column left over after dlib's 8-wide loop
    while (vector_end < visible_nc - 7)
        vector_end += 8;
    std::vector<int32> cell_offset(vector_end + 8);
    std::vector<float> weight_left(vector_end + 8), weight_right(vector_end + 8);
    for (int x = 1; x < vector_end; x += 8) {
        const simd8f xx(x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7);
        const simd8f xp = (xx + 0.5) / (float)cell_size + 0.5;
        const simd8i ixp = simd8i(xp);
        const simd8f vx0 = xp - ixp;
        const simd8f vx1 = 1.0f - vx0;
        (ixp * 18).store(&cell_offset[x]);
        vx1.store(&weight_left[x]);
        vx0.store(&weight_right[x]);
    }
    // One row's votes, made by the vector loop and cast by the scalar one: the bin each pixel votes for (as an
    // entry of the orientation table) and its four weighted votes.
    std::vector<int32> entry(vector_end + 8);
    std::vector<float> vote11(vector_end + 8), vote01(vector_end + 8), vote10(vector_end + 8), vote00(vector_end + 8);
    // A cell's 18 bins lie in place, and the histogram's rows one after another, `hist_stride` floats apart.
    static_assert(sizeof(matrix<float, 18, 1>) == 18 * sizeof(float), "a cell's histogram is 18 floats in place");
    const long hist_stride = &hist[1][0](0) - &hist[0][0](0);

    // The gradient histograms.
    for (int y = 1; y < visible_nr; y++) {
        const float yp = ((float)y + 0.5) / (float)cell_size - 0.5;
        const int iyp = (int)std::floor(yp);
        const float vy0 = yp - iyp;
        const float vy1 = 1.0 - vy0;
        // The vector part: gradients, orientations and weighted votes of the row's 8-pixel blocks, as dlib's loop
        // computes them.
        for (int x = 1; x < vector_end; x += 8) {
            simd8i grad_x, grad_y, len;
            gradient(y, x, row, grad_x, grad_y, len);
            const simd8f v = sqrt(simd8f(len));
            OrientationTable::entry(grad_x, grad_y).store(&entry[x]);
            simd8f vx1, vx0;
            vx1.load(&weight_left[x]);
            vx0.load(&weight_right[x]);
            vx1 *= v;
            vx0 *= v;
            (vy1 * vx1).store(&vote11[x]);
            (vy0 * vx1).store(&vote01[x]);
            (vy1 * vx0).store(&vote10[x]);
            (vy0 * vx0).store(&vote00[x]);
        }
        // Then the votes, in dlib's order (pixel by pixel, each into the four cells around it): bilinear votes of
        // the gradient magnitude into the orientation's bin. Cast in a loop of their own, after the vector part:
        // read back the moment they were stored, eight at a time, the loads waited on the stores (18 % of the
        // extraction; bench/hog-features).
        float *const hist_row = &hist[iyp + 1][0](0);
        for (int x = 1; x < vector_end; x++) {
            float *const bin = hist_row + cell_offset[x] + orientation[entry[x]];
            bin[0] += vote11[x];
            bin[hist_stride] += vote01[x];
            bin[18] += vote10[x];
            bin[hist_stride + 18] += vote00[x];
        }
        int x = vector_end;
        // The columns left over after the 8-wide loop: dlib's scalar code.
        for (; x < visible_nc; x++) {
            matrix<float, 2, 1> grad;
            float v;
            get_gradient(y, x, img, grad, v);
            float best_dot = 0;
            int best_o = 0;
            for (int o = 0; o < 9; o++) {
                const float dot = dlib::dot(directions[o], grad);
                if (dot > best_dot) {
                    best_dot = dot;
                    best_o = o;
                } else if (-dot > best_dot) {
                    best_dot = -dot;
                    best_o = o + 9;
                }
            }
            v = std::sqrt(v);
            const float xp = ((double)x + 0.5) / (double)cell_size - 0.5;
            const int ixp = (int)std::floor(xp);
            const float vx0 = xp - ixp;
            const float vx1 = 1.0 - vx0;
            hist[iyp + 1][ixp + 1](best_o) += vy1 * vx1 * v;
            hist[iyp + 1 + 1][ixp + 1](best_o) += vy0 * vx1 * v;
            hist[iyp + 1][ixp + 1 + 1](best_o) += vy1 * vx0 * v;
            hist[iyp + 1 + 1][ixp + 1 + 1](best_o) += vy0 * vx0 * v;
        }
    }

    // The energy of each cell, summed over orientations.
    for (int r = 0; r < cells_nr; ++r)
        for (int c = 0; c < cells_nc; ++c)
            for (int o = 0; o < 9; o++)
                norm[r][c] += (hist[r + 1][c + 1](o) + hist[r + 1][c + 1](o + 9)) *
                              (hist[r + 1][c + 1](o) + hist[r + 1][c + 1](o + 9));

    const float eps = 0.0001;
    // The features: 18 contrast-sensitive, 9 contrast-insensitive and 4 texture features per cell.
    for (int y = 0; y < hog_nr; y++) {
        const int yy = y + padding_rows_offset;
        for (int x = 0; x < hog_nc; x++) {
            const simd4f z1(norm[y + 1][x + 1], norm[y][x + 1], norm[y + 1][x], norm[y][x]);
            const simd4f z2(norm[y + 1][x + 2], norm[y][x + 2], norm[y + 1][x + 1], norm[y][x + 1]);
            const simd4f z3(norm[y + 2][x + 1], norm[y + 1][x + 1], norm[y + 2][x], norm[y + 1][x]);
            const simd4f z4(norm[y + 2][x + 2], norm[y + 1][x + 2], norm[y + 2][x + 1], norm[y + 1][x + 1]);
            const simd4f nn = 0.2 * sqrt(z1 + z2 + z3 + z4 + eps);
            const simd4f n = 0.1 / nn;
            simd4f t = 0;
            const int xx = x + padding_cols_offset;
            const matrix<float, 18, 1> &h = hist[y + 1 + 1][x + 1 + 1];
            for (int o = 0; o < 18; o += 3) {
                simd4f temp0(h(o));
                simd4f temp1(h(o + 1));
                simd4f temp2(h(o + 2));
                simd4f h0 = min(temp0, nn) * n;
                simd4f h1 = min(temp1, nn) * n;
                simd4f h2 = min(temp2, nn) * n;
                set_hog(hog, o, xx, yy, sum(h0));
                set_hog(hog, o + 1, xx, yy, sum(h1));
                set_hog(hog, o + 2, xx, yy, sum(h2));
                t += h0 + h1 + h2;
            }
            t *= 2 * 0.2357;
            for (int o = 0; o < 9; o += 3) {
                simd4f temp0 = h(o) + h(o + 9);
                simd4f temp1 = h(o + 1) + h(o + 9 + 1);
                simd4f temp2 = h(o + 2) + h(o + 9 + 2);
                simd4f h0 = min(temp0, nn) * n;
                simd4f h1 = min(temp1, nn) * n;
                simd4f h2 = min(temp2, nn) * n;
                set_hog(hog, o + 18, xx, yy, sum(h0));
                set_hog(hog, o + 18 + 1, xx, yy, sum(h1));
                set_hog(hog, o + 18 + 2, xx, yy, sum(h2));
            }
            float temp[4];
            t.store(temp);
            set_hog(hog, 27, xx, yy, temp[0]);
            set_hog(hog, 28, xx, yy, temp[1]);
            set_hog(hog, 29, xx, yy, temp[2]);
            set_hog(hog, 30, xx, yy, temp[3]);
        }
    }
}

} // namespace fhog
} // namespace fn

namespace dlib {
namespace impl_fhog {

/// This build's extraction for cell sizes above 1, dlib's own for 1 (which the detector does not use).
template <typename Image>
inline void extract_rgb(const Image &img, dlib::array<array2d<float>> &hog, int cell_size, int rows_padding,
                        int cols_padding) {
    if (cell_size == 1)
        impl_extract_fhog_features_cell_size_1(img, hog, rows_padding, cols_padding);
    else
        fn::fhog::extract(img, hog, cell_size, rows_padding, cols_padding);
}

// The detector's pyramid levels: the upsampled photo (a matrix) and the levels below it (array2d).
template <>
inline void impl_extract_fhog_features<matrix<rgb_pixel>, dlib::array<array2d<float>>>(
    const matrix<rgb_pixel> &img, dlib::array<array2d<float>> &hog, int cell_size, int rows_padding, int cols_padding) {
    extract_rgb(img, hog, cell_size, rows_padding, cols_padding);
}

template <>
inline void impl_extract_fhog_features<array2d<rgb_pixel>, dlib::array<array2d<float>>>(
    const array2d<rgb_pixel> &img, dlib::array<array2d<float>> &hog, int cell_size, int rows_padding, int cols_padding) {
    extract_rgb(img, hog, cell_size, rows_padding, cols_padding);
}

} // namespace impl_fhog
} // namespace dlib
