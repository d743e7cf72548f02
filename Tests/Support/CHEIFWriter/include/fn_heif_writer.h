/*
 * Writes test HEIC files with libheif's encoder (x265), for the format tests: heif-enc cannot store a rotation
 * transform, and a phone's HEIC carries its orientation as 'irot'/'imir' boxes rather than EXIF.
 */
#ifndef FN_HEIF_WRITER_H
#define FN_HEIF_WRITER_H

#include <stddef.h>
#include <stdint.h>

/**
 * Encodes `rgb` (width × height, interleaved 8-bit RGB) as HEIC at `quality` (0–100) with `orientation` (EXIF
 * numbering, 1–8) stored as HEIF transforms, so a reader that applies them shows the pixels turned that way undone.
 * Returns 0 and a malloc'd buffer in `*data` (free it with free), or -1 with a sentence in `err`.
 */
int fn_test_write_heic(const uint8_t *rgb, int width, int height, int orientation, int quality,
                       uint8_t **data, size_t *size, char *err, size_t errlen);

#endif
