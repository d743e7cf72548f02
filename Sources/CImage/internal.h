/* Helpers shared by the decoders and encoders of the image layer; not part of the public API. */
#ifndef FN_IMAGE_INTERNAL_H
#define FN_IMAGE_INTERNAL_H

#include "fn_image.h"
#include <stdarg.h>

/* Writes a formatted sentence into err (when err is not NULL) and returns -1. */
int fn_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Allocates width*height*3 bytes, refusing sizes that overflow. Returns 0 or -1. */
int fn_alloc_pixels(fn_image *img, int width, int height, char *err, size_t errlen);

/* Reads EXIF from an APP1 payload ("Exif\0\0" + TIFF) into info (orientation, date, make, model, serial). */
void fn_read_exif(const uint8_t *app1, size_t size, fn_photo_info *info);

int fn_decode_jpeg(const uint8_t *data, size_t size, long long max_pixels,
                   fn_image *out, fn_photo_info *info, char *err, size_t errlen);
int fn_decode_png(const uint8_t *data, size_t size, long long max_pixels,
                  fn_image *out, fn_photo_info *info, char *err, size_t errlen);
int fn_decode_heif(const uint8_t *data, size_t size, long long max_pixels,
                   fn_image *out, fn_photo_info *info, char *err, size_t errlen);
int fn_decode_webp(const uint8_t *data, size_t size, long long max_pixels,
                   fn_image *out, fn_photo_info *info, char *err, size_t errlen);
int fn_decode_tiff(const uint8_t *data, size_t size, long long max_pixels,
                   fn_image *out, fn_photo_info *info, char *err, size_t errlen);
int fn_decode_gif(const uint8_t *data, size_t size, long long max_pixels,
                  fn_image *out, fn_photo_info *info, char *err, size_t errlen);
int fn_decode_bmp(const uint8_t *data, size_t size, long long max_pixels,
                  fn_image *out, fn_photo_info *info, char *err, size_t errlen);

/* The refusal every decoder gives for an image over the pixel limit, before allocating it. Returns 0 when within. */
int fn_check_pixels(long long width, long long height, long long max_pixels, char *err, size_t errlen);

/* Reads EXIF held as a TIFF structure, as HEIF and WebP store it (with or without the "Exif\0\0" header). */
void fn_read_exif_tiff(const uint8_t *tiff, size_t size, fn_photo_info *info);

#endif
