// dlib's float_spatially_filter_image_separable for the HOG detector's filter bank, with its scalar loops made
// vector loops. The detector filters each of the 31 HOG feature planes with each separable component of its five
// filters; at the sizes of a face photo's pyramid (planes of 10 to 60 cells) the columns left over after dlib's
// 8-wide vector loop, which it filters one at a time, took as long as the vector loop itself.
//
// Every output is the same float as dlib's (tests: fn_hog_avx2_filter_self_check): the 8-wide loop is dlib's,
// operation for operation (three partial sums, multiply then add); the left-over columns run eight to a register,
// each lane doing what dlib's scalar loop does for its column: one running sum, one fused multiply-add per tap
// (what the compiler makes of dlib's scalar loop when building this library with FMA). The left-over columns of
// all rows are filtered after the vector loop, so that their dependency chains overlap, and stored by blending
// into a plain store (store_first_lanes) rather than with AMD's slow masked stores.
//
// The frontal face detector's filters all have 10 taps each way: for them the tap count is a compile-time
// constant, so the tap loops unroll and each tap is broadcast to a register once per call instead of once per
// 8 outputs (the stores into the output could alias the taps, so the compiler reloaded them every time).
//
// Per-call overheads that cost ~20 % of the filter at these plane sizes are also gone: the column pass finds its
// ten scratch rows by stride (not a row lookup per tap and 8 outputs), decides adding-or-not once per call (a
// template parameter), and the row pass's left-over columns use plain loads except on the image's last rows.
#pragma once

#include <dlib/image_transforms/spatial_filtering.h>

#include <immintrin.h>

namespace fn {

/// Lanes [0, count) of a mask for _mm256_maskload_ps / _mm256_maskstore_ps.
inline __m256i first_lanes(long count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(count)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/// The taps of a filter broadcast to registers: `Taps` of them when that is known at compile time (> 0), else
/// read from memory as they are used.
template <long Taps> struct Broadcast {
    __m256 tap[Taps];
    explicit Broadcast(const float *filter, long) {
        for (long n = 0; n < Taps; ++n) tap[n] = _mm256_set1_ps(filter[n]);
    }
    static constexpr long count(long) { return Taps; }
    __m256 operator[](long n) const { return tap[n]; }
};
template <> struct Broadcast<0> {
    const float *filter;
    long taps;
    explicit Broadcast(const float *filter, long taps) : filter(filter), taps(taps) {}
    long count(long) const { return taps; }
    __m256 operator[](long n) const { return _mm256_set1_ps(filter[n]); }
};

/// One output row segment of dlib's 8-wide loop: sum over taps n of load(base(n)) × filter[n], in dlib's order.
template <long Taps, typename Load>
inline __m256 three_sums(const Broadcast<Taps> &filter, long taps, Load load) {
    __m256 temp = _mm256_setzero_ps(), temp2 = _mm256_setzero_ps(), temp3 = _mm256_setzero_ps();
    long n = 0;
    for (; n < taps - 2; n += 3) {
        temp = _mm256_add_ps(temp, _mm256_mul_ps(load(n), filter[n]));
        temp2 = _mm256_add_ps(temp2, _mm256_mul_ps(load(n + 1), filter[n + 1]));
        temp3 = _mm256_add_ps(temp3, _mm256_mul_ps(load(n + 2), filter[n + 2]));
    }
    for (; n < taps; ++n)
        temp = _mm256_add_ps(temp, _mm256_mul_ps(load(n), filter[n]));
    return _mm256_add_ps(temp, _mm256_add_ps(temp2, temp3));
}

/// The left-over columns: per lane, dlib's scalar loop (one sum, a fused multiply-add per tap).
template <long Taps, typename Load>
inline __m256 running_sum(const Broadcast<Taps> &filter, long taps, Load load) {
    __m256 temp = _mm256_setzero_ps();
    for (long n = 0; n < taps; ++n)
        temp = _mm256_fmadd_ps(load(n), filter[n], temp);
    return temp;
}

/// Lanes [0, count) of `sum` stored at `at`, the other lanes rewritten with what was there (`old`, loaded from
/// `at`): one plain store instead of a masked one (AMD's masked stores take many micro-ops, and the left-over
/// columns stored one per row took a quarter of the filter's time). The caller makes sure all 8 lanes lie in the
/// image; rewriting a float with its own bits changes nothing, as only this thread writes there.
inline void store_first_lanes(float *at, __m256 old, __m256 sum, __m256i mask) {
    _mm256_storeu_ps(at, _mm256_blendv_ps(old, sum, _mm256_castsi256_ps(mask)));
}

/// The column filter over output rows [first_row, last_row), with or without adding to the output (a template
/// parameter, so the test is not made for every 8 outputs).
template <bool AddTo, long ColTaps>
inline void column_pass(const dlib::array2d<float> &scratch, dlib::array2d<float> &out_img, const Broadcast<ColTaps> &col,
                        long col_taps, long first_row, long last_row, long first_col, long vector_end, long left_over,
                        __m256i mask) {
    // array2d keeps its rows one after another, `stride` floats apart: tap m of output row r is scratch row
    // r - first_row + m, found by one multiply-add instead of a row lookup per tap and 8 outputs.
    const long stride = scratch.nr() > 1 ? &scratch[1][0] - &scratch[0][0] : 0;
    for (long r = first_row; r < last_row; ++r) {
        float *out = &out_img[r][0];
        const float *top = &scratch[r - first_row][0];
        for (long c = first_col; c < vector_end; c += 8) {
            __m256 sum = three_sums(col, col_taps, [&](long m) { return _mm256_loadu_ps(top + m * stride + c); });
            if (AddTo)
                sum = _mm256_add_ps(sum, _mm256_loadu_ps(out + c));
            _mm256_storeu_ps(out + c, sum);
        }
    }
    if (left_over == 0)
        return;
    // The left-over columns, all rows after the vector loop: each row's sum is one chain of dependent fused
    // multiply-adds, and in a loop of their own the chains of many rows overlap (with the plain stores, 16 % less time
    // for the whole filter; bench/hog-features).
    const long out_stride = out_img.nr() > 1 ? &out_img[1][0] - &out_img[0][0] : 0;
    for (long r = first_row; r < last_row; ++r) {
        float *out = &out_img[r][0];
        const float *top = &scratch[r - first_row][0];
        // The lanes past the row (at most 7 floats past its end) read floats of the rows below the taps' last
        // while there are 8 of them; only the last rows load masked. Likewise for the output.
        const long last_tap_row = r - first_row + col_taps - 1;
        __m256 sum = (scratch.nr() - 1 - last_tap_row) * stride >= 8
                         ? running_sum(col, col_taps, [&](long m) { return _mm256_loadu_ps(top + m * stride + vector_end); })
                         : running_sum(col, col_taps, [&](long m) {
                               return _mm256_maskload_ps(top + m * stride + vector_end, mask);
                           });
        if ((out_img.nr() - 1 - r) * out_stride >= 8) {
            const __m256 old = _mm256_loadu_ps(out + vector_end);
            store_first_lanes(out + vector_end, old, AddTo ? _mm256_add_ps(old, sum) : sum, mask);
        } else {
            if (AddTo)
                sum = _mm256_add_ps(_mm256_maskload_ps(out + vector_end, mask), sum);
            _mm256_maskstore_ps(out + vector_end, mask, sum);
        }
    }
}

/// The filter proper (see the specialisation below); `RowTaps`, `ColTaps` > 0 fix the tap counts.
template <long RowTaps, long ColTaps>
inline void separable(const dlib::array2d<float> &in_img, dlib::array2d<float> &out_img, const float *rf,
                      long row_taps_given, const float *cf, long col_taps_given, dlib::array2d<float> &scratch,
                      bool add_to) {
    const Broadcast<RowTaps> row(rf, row_taps_given);
    const Broadcast<ColTaps> col(cf, col_taps_given);
    const long row_taps = row.count(row_taps_given), col_taps = col.count(col_taps_given);
    const long first_row = col_taps / 2, first_col = row_taps / 2;
    const long last_row = in_img.nr() - ((col_taps - 1) / 2);
    const long last_col = in_img.nc() - ((row_taps - 1) / 2);
    // dlib's vector loop covers [first_col, vector_end); the rest are the left-over columns.
    long vector_end = first_col;
    while (vector_end < last_col - 7)
        vector_end += 8;
    const long left_over = last_col - vector_end;
    const __m256i mask = first_lanes(left_over);
    const long nr = in_img.nr();
    // dlib's array2d keeps its rows one after another in one block, `stride` floats apart.
    const long in_stride = nr > 1 ? &in_img[1][0] - &in_img[0][0] : 0;

    // The row filter, into scratch.
    for (long r = 0; r < nr; ++r) {
        // Output column c reads input columns c − first_col + n for taps n.
        const float *in = &in_img[r][0];
        float *out = &scratch[r][0];
        for (long c = first_col; c < vector_end; c += 8)
            _mm256_storeu_ps(out + c, three_sums(row, row_taps, [&](long n) {
                                 return _mm256_loadu_ps(in + (c - first_col + n));
                             }));
    }
    // Its left-over columns, all rows after the vector loop (as in column_pass). Plain loads and stores where they
    // stay inside the image: the lanes past the row (at most 7 floats past its end) read the next row's features,
    // and store_first_lanes writes them back as they were. Only the last rows load and store masked.
    const long start = vector_end - first_col;
    for (long r = 0; r < nr && left_over > 0; ++r) {
        const float *in = &in_img[r][0];
        float *out = &scratch[r][0];
        if ((nr - 1 - r) * in_stride >= 8) {
            const __m256 sum = running_sum(row, row_taps, [&](long n) { return _mm256_loadu_ps(in + start + n); });
            store_first_lanes(out + vector_end, _mm256_loadu_ps(out + vector_end), sum, mask);
        } else {
            _mm256_maskstore_ps(out + vector_end, mask, running_sum(row, row_taps, [&](long n) {
                                    return _mm256_maskload_ps(in + start + n, mask);
                                }));
        }
    }
    // The column filter, into (or added to) the output.
    if (add_to)
        column_pass<true>(scratch, out_img, col, col_taps, first_row, last_row, first_col, vector_end, left_over, mask);
    else
        column_pass<false>(scratch, out_img, col, col_taps, first_row, last_row, first_col, vector_end, left_over, mask);
}

} // namespace fn

namespace dlib {

template <>
inline rectangle float_spatially_filter_image_separable<array2d<float>, array2d<float>, matrix<float, 0, 1>,
                                                        matrix<float, 0, 1>>(
    const array2d<float> &in_img, array2d<float> &out_img, const matrix_exp<matrix<float, 0, 1>> &row_exp,
    const matrix_exp<matrix<float, 0, 1>> &col_exp, array2d<float> &scratch, bool add_to) {
    const matrix<float, 0, 1> &row_filter = row_exp.ref(), &col_filter = col_exp.ref();
    if (in_img.size() == 0) {
        out_img.clear();
        return rectangle();
    }
    out_img.set_size(in_img.nr(), in_img.nc());
    const long row_taps = row_filter.size(), col_taps = col_filter.size();
    const long first_row = col_taps / 2, first_col = row_taps / 2;
    const long last_row = in_img.nr() - ((col_taps - 1) / 2);
    const long last_col = in_img.nc() - ((row_taps - 1) / 2);
    const rectangle non_border(first_col, first_row, last_col - 1, last_row - 1);
    if (!add_to)
        zero_border_pixels(out_img, non_border);
    scratch.set_size(in_img.nr(), in_img.nc());
    if (row_taps == 10 && col_taps == 10)   // the frontal face detector's filters
        fn::separable<10, 10>(in_img, out_img, &row_filter(0), row_taps, &col_filter(0), col_taps, scratch, add_to);
    else
        fn::separable<0, 0>(in_img, out_img, &row_filter(0), row_taps, &col_filter(0), col_taps, scratch, add_to);
    return non_border;
}

} // namespace dlib
