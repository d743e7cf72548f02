// dlib's CPU convolution (dlib::cpu::tensor_conv) for 3 × 3 filters at stride 1 with padding 1 — 87 % of the
// descriptor ResNet's multiply-adds, and the age network's blocks — by Winograd's minimal filtering F(2×2, 3×3)
// (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", CVPR 2016): each 2 × 2 block of outputs
// from a 4 × 4 block of inputs with 16 multiplies per channel pair instead of 36. The 16 products over all
// channels are 16 matrix products (OpenBLAS, as dlib's own path), between transforms that are additions only.
//
// Measured on the whole descriptor network (one thread, 60 LFW faces): 9.8 ms a face against 15.8 ms with
// libdlib's unrolled matrix and one product per layer; layer by layer, 3.1× on 36 × 36 × 32 channels, 1.4× on
// 5 × 5 × 256. The sums are grouped differently, so outputs differ from dlib's by float rounding: ~5e-7 of their
// magnitude on the layers (self-check: within 2e-5), descriptors within 3.3e-7 per component of dlib's on 642
// LFW faces (OpenBLAS's kernels for two CPUs already give dlib's own descriptors differences of that size).
//
// It takes the place of libdlib's function by symbol interposition, as img2col.cpp does: libdlib calls
// `tensor_conv::operator()(bool, tensor&, const tensor&, const tensor&)` through its PLT (from the overloads that
// size the output and add the biases), and the dynamic linker resolves that to the executable's definition. Every
// other shape (strides of 2, 7 × 7 and 5 × 5 filters, the CNN detector's) goes on to libdlib's own, found with
// dlsym(RTLD_NEXT). If a future dlib changes the signature, the names no longer match and dlib's own runs.
#include "fn_dlib.h"

#include <dlib/cuda/cpu_dlib.h>
#include <dlib/cuda/tensor.h>
#include <dlib/rand.h>

#include <dlfcn.h>
#include <emmintrin.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace {

using conv_function = void (dlib::cpu::tensor_conv::*)(bool, dlib::tensor &, const dlib::tensor &, const dlib::tensor &);
const char *const conv_symbol = "_ZN4dlib3cpu11tensor_convclEbRNS_6tensorERKS2_S5_";

/// libdlib's own convolution (every shape this file does not take).
void dlib_conv(dlib::cpu::tensor_conv &self, bool add, dlib::tensor &output, const dlib::tensor &data,
               const dlib::tensor &filters) {
    static void *const symbol = dlsym(RTLD_NEXT, conv_symbol);
    if (!symbol) throw dlib::error("libdlib's tensor_conv was not found (dlsym RTLD_NEXT)");
    conv_function f;
    // A pointer to a non-virtual member function is its address and a zero this-adjustment (Itanium C++ ABI 2.3).
    struct { void *address; std::ptrdiff_t adjustment; } parts = {symbol, 0};
    static_assert(sizeof(parts) == sizeof(f), "member function pointers are two words");
    std::memcpy(&f, &parts, sizeof(f));
    (self.*f)(add, output, data, filters);
}

/// Bumped whenever a network is freed (`fn_winograd_forget_filters`): the transforms cached before may belong
/// to filters whose memory now holds another network's.
std::atomic<unsigned long> filters_generation{0};

/// The filters in Winograd's domain, U = G g Gᵀ for each K × C filter g (3 × 3), with
/// G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]: 16 matrices K × C, matrix 4ξ + ν holding element (ξ, ν) of every U.
/// Kept per thread and per layer, by the filters' address and size: a network's filters do not change once it
/// is loaded (inference only). Whatever frees a network or writes filters in place after a forward pass (the age
/// and gender networks, filled from ONNX after a pass that sizes them) empties every thread's cache
/// (`fn_winograd_forget_filters`).
const std::vector<float> &transformed(const dlib::tensor &filters) {
    struct Entry { const float *filters; long size; std::vector<float> u; };
    thread_local std::vector<std::unique_ptr<Entry>> cache;
    thread_local unsigned long generation = 0;
    const unsigned long now = filters_generation.load(std::memory_order_acquire);
    if (generation != now) {
        cache.clear();
        generation = now;
    }
    const float *g = filters.host();
    const long K = filters.num_samples(), C = filters.k();
    for (auto &entry : cache)
        if (entry->filters == g && entry->size == K * C * 9) return entry->u;
    auto made = std::unique_ptr<Entry>(new Entry{g, K * C * 9, std::vector<float>(16 * K * C)});
    float *u = made->u.data();
    for (long co = 0; co < K; ++co) {
        for (long ci = 0; ci < C; ++ci) {
            const float *f = g + (co * C + ci) * 9;
            float t[4][3];   // G g
            for (int j = 0; j < 3; ++j) {
                t[0][j] = f[j];
                t[1][j] = 0.5f * (f[j] + f[3 + j] + f[6 + j]);
                t[2][j] = 0.5f * (f[j] - f[3 + j] + f[6 + j]);
                t[3][j] = f[6 + j];
            }
            for (int i = 0; i < 4; ++i) {   // (G g) Gᵀ
                const float row[4] = {t[i][0], 0.5f * (t[i][0] + t[i][1] + t[i][2]), 0.5f * (t[i][0] - t[i][1] + t[i][2]),
                                      t[i][2]};
                for (int j = 0; j < 4; ++j) u[((i * 4 + j) * K + co) * C + ci] = row[j];
            }
        }
    }
    cache.push_back(std::move(made));
    return cache.back()->u;
}

/// Scratch memory per thread, reused from layer to layer.
struct Scratch {
    std::vector<float> padded, v, m, block;
};

/// One sample: `output` (K planes H × W) = (or +=) the convolution of `data` (C planes H × W) with the filters
/// whose transform is `u`. Tiles (2 × 2 outputs each) run four at a time in SSE registers along a tile row; the
/// last group of a row computes up to three tiles beyond it, into slack that nothing reads as a result.
void winograd_sample(const float *data, long C, long H, long W, const float *u, long K, float *output, bool add,
                     Scratch &s) {
    const long tiles_y = (H + 1) / 2, tiles_x = (W + 1) / 2;
    const long groups_x = (tiles_x + 3) / 4 * 4;      // tile columns computed per row
    const long T = tiles_y * tiles_x;                 // tiles, the columns of the 16 products
    // The input plane with one zero row and column before it and zeros after, wide enough for the last group.
    const long pw = 2 * groups_x + 4, ph = 2 * tiles_y + 2;
    const long v_stride = C * T + 8;                  // one V matrix (C × T) and slack for the last group's lanes
    const long m_stride = K * T + 8;
    s.padded.assign(ph * pw, 0.0f);
    s.v.resize(16 * v_stride);
    s.m.resize(16 * m_stride);
    float *v = s.v.data(), *m = s.m.data();

    // V = Bᵀ d B for each 4 × 4 input block d, Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1].
    for (long c = 0; c < C; ++c) {
        const float *plane = data + c * H * W;
        for (long y = 0; y < H; ++y) std::memcpy(&s.padded[(y + 1) * pw + 1], plane + y * W, W * sizeof(float));
        for (long ty = 0; ty < tiles_y; ++ty) {
            const float *rows = &s.padded[2 * ty * pw];
            for (long tx = 0; tx < groups_x; tx += 4) {
                __m128 t[4][4];   // row r of the four blocks times B: columns (d0 − d2, d1 + d2, d2 − d1, d1 − d3)
                for (int r = 0; r < 4; ++r) {
                    // Block tx + i starts at padded column 2(tx + i): columns 0 and 1 of the four blocks are the
                    // even and odd floats from 2tx, columns 2 and 3 those from 2tx + 2.
                    const float *p = rows + r * pw + 2 * tx;
                    const __m128 a = _mm_loadu_ps(p), b = _mm_loadu_ps(p + 4), e = _mm_loadu_ps(p + 8);
                    const __m128 ab = _mm_shuffle_ps(a, b, _MM_SHUFFLE(1, 0, 3, 2));
                    const __m128 be = _mm_shuffle_ps(b, e, _MM_SHUFFLE(1, 0, 3, 2));
                    const __m128 d0 = _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
                    const __m128 d1 = _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
                    const __m128 d2 = _mm_shuffle_ps(ab, be, _MM_SHUFFLE(2, 0, 2, 0));
                    const __m128 d3 = _mm_shuffle_ps(ab, be, _MM_SHUFFLE(3, 1, 3, 1));
                    t[r][0] = _mm_sub_ps(d0, d2);
                    t[r][1] = _mm_add_ps(d1, d2);
                    t[r][2] = _mm_sub_ps(d2, d1);
                    t[r][3] = _mm_sub_ps(d1, d3);
                }
                float *dst = v + c * T + ty * tiles_x + tx;
                for (int j = 0; j < 4; ++j) {
                    _mm_storeu_ps(dst + (0 * 4 + j) * v_stride, _mm_sub_ps(t[0][j], t[2][j]));
                    _mm_storeu_ps(dst + (1 * 4 + j) * v_stride, _mm_add_ps(t[1][j], t[2][j]));
                    _mm_storeu_ps(dst + (2 * 4 + j) * v_stride, _mm_sub_ps(t[2][j], t[1][j]));
                    _mm_storeu_ps(dst + (3 * 4 + j) * v_stride, _mm_sub_ps(t[1][j], t[3][j]));
                }
            }
        }
    }
    // M(ξ, ν) = U(ξ, ν) V(ξ, ν): K × C times C × T, 16 times. The stores of a row's last group that spill past the
    // row land on the next row's first tiles (written after) or on the slack.
    // (dlib's own declaration of the CBLAS interface, which dlib's headers make the only one in scope.)
    namespace blas = dlib::blas_bindings;
    for (int k = 0; k < 16; ++k)
        blas::cblas_sgemm(blas::CblasRowMajor, blas::CblasNoTrans, blas::CblasNoTrans, K, T, C, 1.0f, u + k * K * C, C,
                          v + k * v_stride, T, 0.0f, m + k * m_stride, T);

    // Y = Aᵀ M A for each tile, Aᵀ = [1 1 1 0; 0 1 −1 −1], into a block of whole tiles, then clipped to H × W.
    const long bw = 2 * groups_x + 8;
    s.block.resize(2 * tiles_y * bw);
    float *block = s.block.data();
    for (long co = 0; co < K; ++co) {
        for (long ty = 0; ty < tiles_y; ++ty) {
            for (long tx = 0; tx < groups_x; tx += 4) {
                const float *src = m + co * T + ty * tiles_x + tx;
                __m128 s0[4], s1[4];
                for (int j = 0; j < 4; ++j) {
                    const __m128 m0 = _mm_loadu_ps(src + (0 * 4 + j) * m_stride), m1 = _mm_loadu_ps(src + (1 * 4 + j) * m_stride);
                    const __m128 m2 = _mm_loadu_ps(src + (2 * 4 + j) * m_stride), m3 = _mm_loadu_ps(src + (3 * 4 + j) * m_stride);
                    s0[j] = _mm_add_ps(_mm_add_ps(m0, m1), m2);
                    s1[j] = _mm_sub_ps(_mm_sub_ps(m1, m2), m3);
                }
                const __m128 y00 = _mm_add_ps(_mm_add_ps(s0[0], s0[1]), s0[2]);
                const __m128 y01 = _mm_sub_ps(_mm_sub_ps(s0[1], s0[2]), s0[3]);
                const __m128 y10 = _mm_add_ps(_mm_add_ps(s1[0], s1[1]), s1[2]);
                const __m128 y11 = _mm_sub_ps(_mm_sub_ps(s1[1], s1[2]), s1[3]);
                float *o = block + 2 * ty * bw + 2 * tx;
                _mm_storeu_ps(o, _mm_unpacklo_ps(y00, y01));
                _mm_storeu_ps(o + 4, _mm_unpackhi_ps(y00, y01));
                _mm_storeu_ps(o + bw, _mm_unpacklo_ps(y10, y11));
                _mm_storeu_ps(o + bw + 4, _mm_unpackhi_ps(y10, y11));
            }
        }
        float *plane = output + co * H * W;
        for (long y = 0; y < H; ++y) {
            const float *from = block + y * bw;
            float *to = plane + y * W;
            if (add)
                for (long x = 0; x < W; ++x) to[x] += from[x];
            else
                std::memcpy(to, from, W * sizeof(float));
        }
    }
}

/// Whether this file takes a convolution: 3 × 3 filters, stride 1, padding 1, on planes of at least 5 × 5 pixels.
/// On the ResNet's 3 × 3 planes (256 channels) the 16 transformed filter matrices, 16/9 the filters' size, cost
/// more to read than the multiplies save: the network ran at 9.8 ms a chip with them left to libdlib, 10.7 ms
/// with them taken, 15.8 ms with none taken (one thread, 60 LFW faces, six rounds interleaved).
bool takes(const dlib::tensor &filters, long stride_y, long stride_x, long padding_y, long padding_x, long pixels) {
    return filters.nr() == 3 && filters.nc() == 3 && stride_y == 1 && stride_x == 1 && padding_y == 1 && padding_x == 1 &&
           pixels >= 25;
}

} // namespace

namespace dlib {
namespace cpu {

void tensor_conv::operator()(const bool add_to_output, tensor &output, const tensor &data, const tensor &filters) {
    if (!takes(filters, last_stride_y, last_stride_x, last_padding_y, last_padding_x, data.nr() * data.nc()) ||
        filters.k() != data.k() ||
        output.num_samples() != data.num_samples() || output.k() != filters.num_samples() || output.nr() != data.nr() ||
        output.nc() != data.nc() || data.size() == 0) {
        dlib_conv(*this, add_to_output, output, data, filters);
        return;
    }
    thread_local Scratch scratch;
    const std::vector<float> &u = transformed(filters);
    const long C = data.k(), H = data.nr(), W = data.nc(), K = filters.num_samples();
    for (long n = 0; n < data.num_samples(); ++n)
        winograd_sample(data.host() + n * C * H * W, C, H, W, u.data(), K, output.host() + n * K * H * W, add_to_output,
                        scratch);
}

} // namespace cpu
} // namespace dlib

extern "C" void fn_winograd_forget_filters(void) { filters_generation.fetch_add(1, std::memory_order_release); }

extern "C" int fn_dlib_winograd_self_check(char *err, size_t errlen) {
    conv_function ours = &dlib::cpu::tensor_conv::operator();
    struct { void *address; std::ptrdiff_t adjustment; } parts;
    std::memcpy(&parts, &ours, sizeof(parts));
    if (parts.address != dlsym(RTLD_DEFAULT, conv_symbol)) return 1;
    if (!dlsym(RTLD_NEXT, conv_symbol)) return 2;
    struct Shape { long k, nr, nc, filters, size, stride, padding; bool add; };
    const Shape shapes[] = {
        {32, 36, 36, 32, 3, 1, 1, false},   // descriptor ResNet, level by level
        {64, 18, 18, 64, 3, 1, 1, false},
        {128, 9, 9, 128, 3, 1, 1, false},
        {256, 5, 5, 256, 3, 1, 1, false},
        {256, 3, 3, 256, 3, 1, 1, false},   // below 5 x 5: libdlib's own
        {5, 7, 11, 3, 3, 1, 1, true},       // odd sizes, adding to the output
        {2, 5, 6, 4, 3, 1, 1, false},
        {32, 36, 36, 64, 3, 2, 0, false},   // stride 2: libdlib's own
        {3, 20, 17, 8, 5, 1, 2, true},      // 5 × 5 (CNN detector): libdlib's own
    };
    dlib::rand random(3);
    for (const Shape &s : shapes) {
        dlib::resizable_tensor data(2, s.k, s.nr, s.nc), filters(s.filters, s.k, s.size, s.size);
        for (float &v : data) v = random.get_random_float() - 0.5f;
        for (float &v : filters) v = 0.2f * (random.get_random_float() - 0.5f);
        const long out_nr = 1 + (s.nr + 2 * s.padding - s.size) / s.stride, out_nc = 1 + (s.nc + 2 * s.padding - s.size) / s.stride;
        dlib::resizable_tensor a(2, s.filters, out_nr, out_nc), b(2, s.filters, out_nr, out_nc);
        for (long i = 0; i < (long)a.size(); ++i) a.host()[i] = b.host()[i] = random.get_random_float();
        dlib::cpu::tensor_conv conv;
        conv.setup(data, filters, s.stride, s.stride, s.padding, s.padding);
        fn_winograd_forget_filters();   // the filters of the shape before were freed
        for (int pass = 0; pass < 2; ++pass) {   // twice: the second uses the cached transform of the filters
            if (pass == 1 && s.add) break;
            conv(s.add, a, data, filters);
            dlib_conv(conv, s.add, b, data, filters);
            float largest = 0, worst = 0;
            for (long i = 0; i < (long)a.size(); ++i) {
                largest = std::max(largest, std::fabs(b.host()[i]));
                worst = std::max(worst, std::fabs(a.host()[i] - b.host()[i]));
            }
            const bool own = takes(filters, s.stride, s.stride, s.padding, s.padding, s.nr * s.nc);
            if (own ? !(worst <= 2e-5f * std::max(1.0f, largest)) : worst != 0) {
                std::snprintf(err, errlen,
                              "the convolution differs from libdlib's by %g (outputs up to %g) for %ld channels of %ld x %ld, "
                              "%ld filters %ld x %ld, stride %ld", worst, largest, s.k, s.nr, s.nc, s.filters, s.size,
                              s.size, s.stride);
                return -1;
            }
        }
    }
    return 0;
}
