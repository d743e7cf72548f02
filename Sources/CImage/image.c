/* Format sniffing, the decode entry point, allocation and error helpers. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fn_fail(char *err, size_t errlen, const char *fmt, ...) {
    if (err && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int fn_alloc_pixels(fn_image *img, int width, int height, char *err, size_t errlen) {
    img->width = 0;
    img->height = 0;
    img->pixels = NULL;
    if (width <= 0 || height <= 0)
        return fn_fail(err, errlen, "invalid image size %d x %d", width, height);
    size_t bytes = (size_t)width * (size_t)height * 3u;
    if (bytes / 3u / (size_t)width != (size_t)height)
        return fn_fail(err, errlen, "image size %d x %d overflows memory", width, height);
    img->pixels = (uint8_t *)malloc(bytes);
    if (!img->pixels)
        return fn_fail(err, errlen, "out of memory for a %d x %d image", width, height);
    img->width = width;
    img->height = height;
    return 0;
}

fn_format fn_sniff_format(const uint8_t *data, size_t size) {
    static const uint8_t png_magic[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return FN_FORMAT_JPEG;
    if (size >= 8 && memcmp(data, png_magic, 8) == 0)
        return FN_FORMAT_PNG;
    return FN_FORMAT_UNKNOWN;
}

int fn_decode(const uint8_t *data, size_t size, long long max_pixels,
              fn_image *out, fn_photo_info *info, char *err, size_t errlen) {
    memset(info, 0, sizeof *info);
    info->orientation = 1;
    out->width = out->height = 0;
    out->pixels = NULL;
    int rc;
    switch (fn_sniff_format(data, size)) {
    case FN_FORMAT_JPEG:
        rc = fn_decode_jpeg(data, size, max_pixels, out, info, err, errlen);
        break;
    case FN_FORMAT_PNG:
        rc = fn_decode_png(data, size, max_pixels, out, info, err, errlen);
        break;
    default:
        return fn_fail(err, errlen, "not a JPEG or PNG file");
    }
    if (rc != 0)
        return rc;
    if (info->orientation < 1 || info->orientation > 8)
        info->orientation = 1;
    if (info->orientation != 1 && fn_apply_orientation(out, info->orientation, err, errlen) != 0) {
        fn_image_free(out);
        return -1;
    }
    return 0;
}

void fn_image_free(fn_image *img) {
    if (!img)
        return;
    free(img->pixels);
    img->pixels = NULL;
    img->width = img->height = 0;
}

void fn_buffer_free(uint8_t *data) { free(data); }
