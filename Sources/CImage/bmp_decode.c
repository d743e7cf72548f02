/*
 * BMP decoding with stb_image (Debian's libstb): 1, 4, 8, 16, 24 and 32 bit, uncompressed or with bit fields,
 * bottom-up or top-down. stb_image does not read RLE-compressed BMPs; they are refused by name. The size comes from
 * the header (stbi_info_from_memory) and is checked against the pixel limit before decoding.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Only the BMP reader, no stdio, and failures as short reasons (stbi_failure_reason, thread-local in C11). */
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_BMP
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_MAX_DIMENSIONS (1 << 24)
#include <stb/stb_image.h>

static long long le(const uint8_t *p, int bytes) {
    long long v = 0;
    for (int i = bytes - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* stb_image reads zeros past the end of the data; a file shorter than its rows say is refused instead. */
static int check_complete(const uint8_t *data, size_t size, char *err, size_t errlen) {
    long long header = le(data + 14, 4), offset = le(data + 10, 4), width, height, bits;
    if (header == 12) {
        width = le(data + 18, 2); height = le(data + 20, 2); bits = le(data + 24, 2);
    } else {
        if (size < 30)
            return fn_fail(err, errlen, "BMP decoding failed: the file is truncated (in its header)");
        width = (int32_t)le(data + 18, 4); height = (int32_t)le(data + 22, 4); bits = le(data + 28, 2);
    }
    if (height < 0)
        height = -height;
    long long stride = ((bits * width + 31) / 32) * 4;
    if (width > 0 && bits > 0 && (long long)size < offset + stride * height)
        return fn_fail(err, errlen, "BMP decoding failed: the file is truncated (%lld of %lld bytes)",
                       (long long)size, offset + stride * height);
    return 0;
}

int fn_decode_bmp(const uint8_t *data, size_t size, long long max_pixels,
                  fn_image *out, fn_photo_info *info, char *err, size_t errlen) {
    if (size > 0x7fffffff)
        return fn_fail(err, errlen, "BMP decoding failed: the file is larger than 2 GB");
    /* Compression (offset 30 of a Windows header): 1 and 2 are RLE8 and RLE4. */
    unsigned header = size >= 18 ? (data[14] | (data[15] << 8)) : 0;
    if (header >= 40 && size >= 34 && (data[30] == 1 || data[30] == 2) && data[31] == 0 && data[32] == 0 && data[33] == 0)
        return fn_fail(err, errlen, "BMP decoding failed: RLE-compressed BMP is not supported; convert it to PNG");
    if (check_complete(data, size, err, errlen) != 0)
        return -1;
    int width = 0, height = 0, channels = 0;
    if (!stbi_info_from_memory(data, (int)size, &width, &height, &channels))
        return fn_fail(err, errlen, "BMP decoding failed: %s", stbi_failure_reason());
    info->stored_width = width;
    info->stored_height = height;
    if (fn_check_pixels(width, height, max_pixels, err, errlen) != 0)
        return -1;
    stbi_uc *rgb = stbi_load_from_memory(data, (int)size, &width, &height, &channels, 3);
    if (!rgb)
        return fn_fail(err, errlen, "BMP decoding failed: %s", stbi_failure_reason());
    if (fn_alloc_pixels(out, width, height, err, errlen) != 0) {
        stbi_image_free(rgb);
        return -1;
    }
    memcpy(out->pixels, rgb, (size_t)width * (size_t)height * 3u);
    stbi_image_free(rgb);
    return 0;
}
