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
        /* Libraries end some messages with a newline (libheif); a reason is one line. */
        size_t n = strlen(err);
        while (n > 0 && (err[n - 1] == '\n' || err[n - 1] == ' ' || err[n - 1] == '.'))
            err[--n] = '\0';
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

int fn_check_pixels(long long width, long long height, long long max_pixels, char *err, size_t errlen) {
    if (max_pixels > 0 && width * height > max_pixels)
        return fn_fail(err, errlen, "image is %lld x %lld pixels, more than the limit of %lld pixels (see --max-pixels)",
                       width, height, max_pixels);
    return 0;
}

/* ISO BMFF (HEIF, AVIF): 'ftyp' at offset 4, then the major brand, a minor version and compatible brands. */
static fn_format sniff_bmff(const uint8_t *data, size_t size) {
    if (size < 12 || memcmp(data + 4, "ftyp", 4) != 0)
        return FN_FORMAT_UNKNOWN;
    size_t box = ((size_t)data[0] << 24) | ((size_t)data[1] << 16) | ((size_t)data[2] << 8) | data[3];
    if (box < 12 || box > size)
        box = size;
    static const char *heif_brands[] = {"heic", "heix", "hevc", "heim", "heis", "hevm", "hevs", "mif1", "msf1"};
    /* The major brand decides; a generic major brand (mif1) with an AVIF compatible brand is AVIF. */
    int heif = 0;
    for (size_t at = 8; at + 4 <= box; at += (at == 8 ? 8 : 4)) {
        if (memcmp(data + at, "avif", 4) == 0 || memcmp(data + at, "avis", 4) == 0)
            return FN_FORMAT_AVIF;
        for (size_t b = 0; b < sizeof heif_brands / sizeof *heif_brands; b++)
            if (memcmp(data + at, heif_brands[b], 4) == 0)
                heif = 1;
        if (heif && at == 8 && memcmp(data + at, "mif1", 4) != 0 && memcmp(data + at, "msf1", 4) != 0)
            return FN_FORMAT_HEIC;
    }
    return heif ? FN_FORMAT_HEIC : FN_FORMAT_UNKNOWN;
}

fn_format fn_sniff_format(const uint8_t *data, size_t size) {
    static const uint8_t png_magic[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return FN_FORMAT_JPEG;
    if (size >= 8 && memcmp(data, png_magic, 8) == 0)
        return FN_FORMAT_PNG;
    if (size >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
        return FN_FORMAT_WEBP;
    if (size >= 4 && ((data[0] == 'I' && data[1] == 'I' && (data[2] == 0x2A || data[2] == 0x2B) && data[3] == 0) ||
                      (data[0] == 'M' && data[1] == 'M' && data[2] == 0 && (data[3] == 0x2A || data[3] == 0x2B))))
        return FN_FORMAT_TIFF;
    if (size >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0))
        return FN_FORMAT_GIF;
    if (size >= 18 && data[0] == 'B' && data[1] == 'M') {
        unsigned header = data[14] | (data[15] << 8) | ((unsigned)data[16] << 16) | ((unsigned)data[17] << 24);
        if (header == 12 || header == 40 || header == 52 || header == 56 || header == 64 || header == 108 ||
            header == 124)
            return FN_FORMAT_BMP;
    }
    return sniff_bmff(data, size);
}

typedef int (*fn_decoder)(const uint8_t *, size_t, long long, fn_image *, fn_photo_info *, char *, size_t);

static fn_decoder decoder_for(fn_format format) {
    switch (format) {
    case FN_FORMAT_JPEG: return fn_decode_jpeg;
    case FN_FORMAT_PNG: return fn_decode_png;
    case FN_FORMAT_HEIC:
    case FN_FORMAT_AVIF: return fn_decode_heif;
    case FN_FORMAT_WEBP: return fn_decode_webp;
    case FN_FORMAT_TIFF: return fn_decode_tiff;
    case FN_FORMAT_GIF: return fn_decode_gif;
    case FN_FORMAT_BMP: return fn_decode_bmp;
    default: return NULL;
    }
}

int fn_decode(const uint8_t *data, size_t size, long long max_pixels,
              fn_image *out, fn_photo_info *info, char *err, size_t errlen) {
    memset(info, 0, sizeof *info);
    info->orientation = 1;
    info->pages = 1;
    out->width = out->height = 0;
    out->pixels = NULL;
    fn_format format = fn_sniff_format(data, size);
    fn_decoder decode = decoder_for(format);
    if (!decode)
        return fn_fail(err, errlen, "not an image format this tool reads");
    if (!fn_can_decode(format))
        return fn_fail(err, errlen, "the libheif here has no %s decoder",
                       format == FN_FORMAT_AVIF ? "AVIF" : "HEIC");
    int rc = decode(data, size, max_pixels, out, info, err, errlen);
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
