// dlib's element-wise CPU layers as the networks run them, four floats to an SSE register: the residual sum
// (cpu::add of two tensors), the bias sum (cpu::add with beta and alpha), relu and the per-channel affine
// transform. libdlib (built for any x86-64) leaves these loops scalar, one float per instruction; together they
// were about 5 % of extraction once the convolutions were fast (winograd_conv.cpp).
//
// Every output is libdlib's float, bit for bit: each lane does libdlib's operations in its order (beta·d + alpha·s
// as two products and a sum; relu keeps −0 and turns NaN into 0 as dlib's lowerbound does), and there is no fused
// multiply-add in this build. Shapes other than the networks' (broadcasts other than a per-channel bias, or
// tensors of different sizes) go on to libdlib's own. They take libdlib's place by symbol interposition, as
// img2col.cpp explains; a self-check compares them with libdlib's own (`fn_dlib_elementwise_self_check`).
#include "fn_dlib.h"

#include <dlib/cuda/cpu_dlib.h>
#include <dlib/cuda/tensor.h>
#include <dlib/rand.h>

#include <dlfcn.h>
#include <emmintrin.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace {

const char *const add_scaled_symbol = "_ZN4dlib3cpu3addEfRNS_6tensorEfRKS1_";
const char *const add_symbol = "_ZN4dlib3cpu3addERNS_6tensorERKS1_S4_";
const char *const relu_symbol = "_ZN4dlib3cpu4reluERNS_6tensorERKS1_";
const char *const affine_symbol = "_ZN4dlib3cpu21affine_transform_convERNS_6tensorERKS1_S4_S4_";

using add_scaled_function = void (*)(float, dlib::tensor &, float, const dlib::tensor &);
using add_function = void (*)(dlib::tensor &, const dlib::tensor &, const dlib::tensor &);
using relu_function = void (*)(dlib::tensor &, const dlib::tensor &);
using affine_function = void (*)(dlib::tensor &, const dlib::tensor &, const dlib::tensor &, const dlib::tensor &);

/// libdlib's own definition of `symbol` (the one this file's hides).
template <typename F> F libdlib(const char *symbol) {
    void *found = dlsym(RTLD_NEXT, symbol);
    if (!found) throw dlib::error(std::string("libdlib's ") + symbol + " was not found (dlsym RTLD_NEXT)");
    return reinterpret_cast<F>(found);
}

/// d[i] = beta·d[i] + alpha·s for i < count, s one value (a channel's bias) or `count` values.
inline void scaled_sum(float *d, float beta, float alpha, const float *s, bool one_value, long count) {
    const __m128 b = _mm_set1_ps(beta), a = _mm_set1_ps(alpha);
    long i = 0;
    if (one_value) {
        const __m128 term = _mm_mul_ps(a, _mm_set1_ps(*s));
        for (; i + 4 <= count; i += 4) _mm_storeu_ps(d + i, _mm_add_ps(_mm_mul_ps(b, _mm_loadu_ps(d + i)), term));
        for (; i < count; ++i) d[i] = beta * d[i] + alpha * *s;
    } else {
        for (; i + 4 <= count; i += 4)
            _mm_storeu_ps(d + i, _mm_add_ps(_mm_mul_ps(b, _mm_loadu_ps(d + i)), _mm_mul_ps(a, _mm_loadu_ps(s + i))));
        for (; i < count; ++i) d[i] = beta * d[i] + alpha * s[i];
    }
}

bool same_shape(const dlib::tensor &a, const dlib::tensor &b) {
    return a.num_samples() == b.num_samples() && a.k() == b.k() && a.nr() == b.nr() && a.nc() == b.nc();
}

} // namespace

namespace dlib {
namespace cpu {

void add(float beta, tensor &dest, float alpha, const tensor &src) {
    const bool same = same_shape(src, dest);
    const bool bias = src.num_samples() == 1 && src.k() == dest.k() && src.nr() == 1 && src.nc() == 1;
    if ((!same && !bias) || (beta == 0 && alpha == 0) || &src == &dest) {
        static const auto own = libdlib<add_scaled_function>(add_scaled_symbol);
        own(beta, dest, alpha, src);
        return;
    }
    float *d = dest.host();
    const float *s = src.host();
    if (same) {
        scaled_sum(d, beta, alpha, s, false, dest.size());
        return;
    }
    const long plane = dest.nr() * dest.nc();
    for (long n = 0; n < dest.num_samples(); ++n)
        for (long k = 0; k < dest.k(); ++k, d += plane) scaled_sum(d, beta, alpha, s + k, true, plane);
}

void add(tensor &dest, const tensor &src1, const tensor &src2) {
    if (!same_shape(dest, src1) || !same_shape(dest, src2)) {
        static const auto own = libdlib<add_function>(add_symbol);
        own(dest, src1, src2);
        return;
    }
    float *d = dest.host();
    const float *a = src1.host(), *b = src2.host();
    const long count = dest.size();
    long i = 0;
    for (; i + 4 <= count; i += 4) _mm_storeu_ps(d + i, _mm_add_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
    for (; i < count; ++i) d[i] = a[i] + b[i];
}

void relu(tensor &dest, const tensor &src) {
    if (dest.size() != src.size()) {
        static const auto own = libdlib<relu_function>(relu_symbol);
        own(dest, src);
        return;
    }
    float *d = dest.host();
    const float *s = src.host();
    const long count = dest.size();
    const __m128 zero = _mm_setzero_ps();
    long i = 0;
    // dlib's lowerbound(x, 0): x when x >= 0 (so −0 stays −0), else 0 (so NaN becomes 0).
    for (; i + 4 <= count; i += 4) {
        const __m128 x = _mm_loadu_ps(s + i);
        _mm_storeu_ps(d + i, _mm_and_ps(_mm_cmpge_ps(x, zero), x));
    }
    for (; i < count; ++i) d[i] = s[i] >= 0 ? s[i] : 0;
}

void affine_transform_conv(tensor &dest, const tensor &src, const tensor &A, const tensor &B) {
    const bool channels = A.num_samples() == 1 && A.nr() == 1 && A.nc() == 1 && A.k() == src.k() && same_shape(A, B);
    if (!same_shape(dest, src) || !channels) {
        static const auto own = libdlib<affine_function>(affine_symbol);
        own(dest, src, A, B);
        return;
    }
    float *d = dest.host();
    const float *s = src.host(), *a = A.host(), *b = B.host();
    const long plane = src.nr() * src.nc();
    for (long n = 0; n < src.num_samples(); ++n) {
        for (long k = 0; k < src.k(); ++k, d += plane, s += plane) {
            const __m128 scale = _mm_set1_ps(a[k]), shift = _mm_set1_ps(b[k]);
            long i = 0;
            for (; i + 4 <= plane; i += 4) _mm_storeu_ps(d + i, _mm_add_ps(_mm_mul_ps(scale, _mm_loadu_ps(s + i)), shift));
            for (; i < plane; ++i) d[i] = a[k] * s[i] + b[k];
        }
    }
}

} // namespace cpu
} // namespace dlib

extern "C" int fn_dlib_elementwise_self_check(char *err, size_t errlen) {
    using namespace dlib;
    if (reinterpret_cast<void *>(static_cast<relu_function>(&cpu::relu)) != dlsym(RTLD_DEFAULT, relu_symbol) ||
        reinterpret_cast<void *>(static_cast<add_function>(&cpu::add)) != dlsym(RTLD_DEFAULT, add_symbol))
        return 1;
    if (!dlsym(RTLD_NEXT, relu_symbol) || !dlsym(RTLD_NEXT, add_symbol) || !dlsym(RTLD_NEXT, add_scaled_symbol) ||
        !dlsym(RTLD_NEXT, affine_symbol))
        return 2;
    dlib::rand random(9);
    auto fill = [&](tensor &t) {
        float *p = t.host();
        for (size_t i = 0; i < t.size(); ++i) p[i] = 2 * (random.get_random_float() - 0.5f);
        // Values where the rules matter: −0, NaN, infinities.
        if (t.size() > 7) {
            p[1] = -0.0f;
            p[3] = std::numeric_limits<float>::quiet_NaN();
            p[5] = std::numeric_limits<float>::infinity();
            p[7] = -std::numeric_limits<float>::infinity();
        }
    };
    auto same_bits = [](const tensor &a, const tensor &b) {
        return a.size() == b.size() && std::memcmp(a.host(), b.host(), a.size() * sizeof(float)) == 0;
    };
    auto fail = [&](const char *what, long k, long nr, long nc) {
        std::snprintf(err, errlen, "%s differs from libdlib's on %ld channels of %ld x %ld", what, k, nr, nc);
        return -1;
    };
    const long shapes[][3] = {{32, 36, 36}, {256, 5, 5}, {3, 7, 9}, {1, 1, 3}};
    for (const auto &shape : shapes) {
        const long k = shape[0], nr = shape[1], nc = shape[2];
        resizable_tensor x(2, k, nr, nc), y(2, k, nr, nc), ours(2, k, nr, nc), theirs(2, k, nr, nc);
        resizable_tensor bias(1, k, 1, 1), scale(1, k, 1, 1), odd(1, 1, nr, nc);
        fill(x), fill(y), fill(bias), fill(scale), fill(odd);

        cpu::relu(ours, x);
        libdlib<relu_function>(relu_symbol)(theirs, x);
        if (!same_bits(ours, theirs)) return fail("relu", k, nr, nc);

        cpu::add(ours, x, y);
        libdlib<add_function>(add_symbol)(theirs, x, y);
        if (!same_bits(ours, theirs)) return fail("the residual sum", k, nr, nc);

        cpu::affine_transform_conv(ours, x, scale, bias);
        libdlib<affine_function>(affine_symbol)(theirs, x, scale, bias);
        if (!same_bits(ours, theirs)) return fail("the affine transform", k, nr, nc);

        // beta·dest + alpha·src: the same shape, a per-channel bias, and a broadcast left to libdlib.
        for (const tensor *src : {static_cast<const tensor *>(&y), static_cast<const tensor *>(&bias),
                                  static_cast<const tensor *>(&odd)}) {
            for (const float beta : {1.0f, 0.5f, 0.0f}) {
                std::memcpy(ours.host(), x.host(), x.size() * sizeof(float));
                std::memcpy(theirs.host(), x.host(), x.size() * sizeof(float));
                cpu::add(beta, ours, 1.5f, *src);
                libdlib<add_scaled_function>(add_scaled_symbol)(beta, theirs, 1.5f, *src);
                if (!same_bits(ours, theirs)) return fail("the scaled sum", k, nr, nc);
            }
        }
    }
    return 0;
}
