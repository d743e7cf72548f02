// A non-owning view of interleaved 8-bit RGB pixels that dlib's algorithms accept directly through dlib's
// generic image interface (dlib/image_processing/generic_image.h), so a photo is never copied into dlib's own
// matrix type: a 100-megapixel photo stays 300 MB, not 600.
#pragma once

#include <dlib/image_processing/generic_image.h>
#include <dlib/pixel.h>

#include <cstdint>

namespace fn {
struct RGBView {
    const uint8_t *pixels; // width * height * 3 bytes, rows top to bottom
    long width;
    long height;
};
} // namespace fn

namespace dlib {
template <> struct image_traits<fn::RGBView> {
    typedef rgb_pixel pixel_type; // 3 bytes: r, g, b — the same layout as the view's pixels
};
} // namespace dlib

// The generic image interface, found by argument-dependent lookup in the view's namespace.
namespace fn {
inline long num_rows(const RGBView &v) { return v.height; }
inline long num_columns(const RGBView &v) { return v.width; }
inline long width_step(const RGBView &v) { return v.width * 3; }
inline const void *image_data(const RGBView &v) { return v.pixels; }
// dlib's interface asks for a mutable pointer too; the algorithms used here only read through it.
inline void *image_data(RGBView &v) { return const_cast<uint8_t *>(v.pixels); }
} // namespace fn
