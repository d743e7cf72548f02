/*
 * fn_image.h — the project's own image layer (C over Debian's image libraries: libjpeg-turbo, libpng, libexif,
 * libheif, libwebp, libtiff, giflib, and stb_image for BMP).
 *
 * Why not dlib's load_image: it ignores EXIF orientation, reads CMYK JPEGs wrongly, returns 16-bit grey PNGs
 * as all white and lets libjpeg print warnings to stderr. Every photo is decoded here instead, to 8-bit RGB,
 * upright (EXIF orientation applied), and only then handed to dlib.
 *
 * Pixels are always interleaved 8-bit RGB, row-major, `width * 3` bytes per row, top row first.
 * Every function returns 0 on success and a negative value on failure, with a sentence in `err` (NUL-terminated,
 * at most `errlen` bytes). Nothing here writes to stdout or stderr.
 */
#ifndef FN_IMAGE_H
#define FN_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Image container formats recognised by their first bytes (never by the file name). */
typedef enum {
    FN_FORMAT_UNKNOWN = 0,
    FN_FORMAT_JPEG = 1, /* FF D8 FF */
    FN_FORMAT_PNG = 2,  /* 89 'P' 'N' 'G' 0D 0A 1A 0A */
    FN_FORMAT_HEIC = 3, /* ISO BMFF 'ftyp' with a HEIF brand (heic, heix, hevc, heim, heis, hevm, hevs, mif1, msf1) */
    FN_FORMAT_AVIF = 4, /* ISO BMFF 'ftyp' with brand avif or avis */
    FN_FORMAT_WEBP = 5, /* 'RIFF' size 'WEBP' */
    FN_FORMAT_TIFF = 6, /* 'II' 2A 00 or 'MM' 00 2A (classic TIFF), 'II' 2B 00 or 'MM' 00 2B (BigTIFF) */
    FN_FORMAT_GIF = 7,  /* 'GIF87a' or 'GIF89a' */
    FN_FORMAT_BMP = 8,  /* 'BM' and a header size of 12, 40, 52, 56, 64, 108 or 124 */
} fn_format;

/** An owned 8-bit RGB image. Free with fn_image_free. */
typedef struct {
    int width;
    int height;
    uint8_t *pixels; /* width * height * 3 bytes */
} fn_image;

/** What the decoder learnt about a photo besides its pixels. Strings are NUL-terminated, empty when absent. */
typedef struct {
    int stored_width;   /* as stored in the file, before orientation */
    int stored_height;
    int orientation;    /* EXIF orientation tag 1…8 (1 when absent); already applied to the pixels */
    int partial;        /* 1 when the decoder warned (for example a truncated JPEG whose missing rows are grey) */
    char warning[256];  /* the decoder's first warning, when partial */
    char date_taken[32];/* EXIF DateTimeOriginal (or DateTime), "YYYY:MM:DD HH:MM:SS" */
    char make[64];
    char model[64];
    char serial[64];
    int pages;          /* images in the file (TIFF pages, GIF and WebP frames); only the first is decoded */
} fn_photo_info;

/** Returns the container format of `data` from its magic bytes (at least the first 32 bytes when available). */
fn_format fn_sniff_format(const uint8_t *data, size_t size);

/** 1 when this build can decode `format` (for HEIC and AVIF: when libheif has an HEVC or AV1 decoder), else 0. */
int fn_can_decode(fn_format format);

/**
 * Decodes a photo held in memory into upright 8-bit RGB:
 * - JPEG: baseline, progressive, grey, RGB, CMYK, YCCK; EXIF orientation applied.
 * - PNG: palette, grey, grey+alpha, RGB, RGBA, 8 or 16 bit, interlaced.
 * - HEIC and AVIF (libheif): the primary image, with its rotation (irot), mirror (imir) and crop (clap) applied as
 *   the format requires; EXIF read for dates and camera, its orientation not applied again.
 * - WebP (libwebp): lossy, lossless, alpha; the first frame of an animation; EXIF orientation applied.
 * - TIFF (libtiff): 1-16 bit grey, RGB, CMYK, palette, YCbCr, alpha, tiled or striped; the first page; the TIFF
 *   Orientation tag applied.
 * - GIF (giflib): the first frame on its logical screen.
 * - BMP (stb_image): 1-32 bit, uncompressed or bit fields (RLE-compressed BMPs are refused by name).
 * Alpha is dropped, not composited (as Pillow's convert("RGB") does, so that results match face_recognition).
 * `max_pixels` > 0 refuses images with more stored pixels than that before allocating them.
 */
int fn_decode(const uint8_t *data, size_t size, long long max_pixels,
              fn_image *out, fn_photo_info *info, char *err, size_t errlen);

/** Applies EXIF orientation `orientation` (1…8, TIFF/EXIF 2.3 §4.6.4 table) to `img` in place (reallocating). */
int fn_apply_orientation(fn_image *img, int orientation, char *err, size_t errlen);

/** Copies the rectangle [left, right) × [top, bottom) of `src` (clipped to the image) into `out`. */
int fn_crop(const fn_image *src, int left, int top, int right, int bottom, fn_image *out, char *err, size_t errlen);

/** Resizes `src` to `width` × `height` with area averaging (downscale) or bilinear interpolation (upscale). */
int fn_resize(const fn_image *src, int width, int height, fn_image *out, char *err, size_t errlen);

/** Encodes `img` as a baseline JPEG (quality 1…100) into a malloc'd buffer; free it with fn_buffer_free. */
int fn_encode_jpeg(const fn_image *img, int quality, uint8_t **data, size_t *size, char *err, size_t errlen);

/** Encodes `img` as an 8-bit RGB PNG into a malloc'd buffer; free it with fn_buffer_free. */
int fn_encode_png(const fn_image *img, uint8_t **data, size_t *size, char *err, size_t errlen);

/** Allocates a width × height image filled with one colour. */
int fn_image_create(int width, int height, uint8_t r, uint8_t g, uint8_t b, fn_image *out, char *err, size_t errlen);

/** Copies `src` into `dst` with its top-left corner at (x, y), clipping what falls outside. */
void fn_blit(const fn_image *src, fn_image *dst, int x, int y);

void fn_image_free(fn_image *img);
void fn_buffer_free(uint8_t *data);

#ifdef __cplusplus
}
#endif

#endif
