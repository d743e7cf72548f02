/*
 * HEIC and AVIF decoding with libheif (HEVC through libde265, AV1 through dav1d or libaom: libheif's plugins).
 *
 * - The primary image of the file, as a viewer shows it: libheif applies the transformations HEIF stores beside the
 *   image (rotation 'irot', mirror 'imir', clean aperture 'clap'), which replace EXIF orientation in this format.
 *   EXIF is read for the date and camera; its orientation tag is informational here and not applied again
 *   (ISO/IEC 23008-12 §6.5.3; libheif's documentation of heif_decoding_options.ignore_transformations).
 * - The size is checked against the pixel limit from the file's headers, before anything is decoded.
 * - libheif reports errors as values; nothing is printed.
 */
#include "internal.h"

#include <libheif/heif.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fn_can_decode(fn_format format) {
    switch (format) {
    case FN_FORMAT_HEIC: return heif_have_decoder_for_format(heif_compression_HEVC) ? 1 : 0;
    case FN_FORMAT_AVIF: return heif_have_decoder_for_format(heif_compression_AV1) ? 1 : 0;
    case FN_FORMAT_UNKNOWN: return 0;
    default: return 1;
    }
}

/* The EXIF block of `handle`, when it has one: HEIF stores a 4-byte offset to the TIFF header before it. */
static void read_heif_exif(const struct heif_image_handle *handle, fn_photo_info *info) {
    heif_item_id id;
    if (heif_image_handle_get_list_of_metadata_block_IDs(handle, "Exif", &id, 1) != 1)
        return;
    size_t size = heif_image_handle_get_metadata_size(handle, id);
    if (size < 4 || size > 64u * 1024u * 1024u)
        return;
    uint8_t *block = (uint8_t *)malloc(size);
    if (!block)
        return;
    if (heif_image_handle_get_metadata(handle, id, block).code == heif_error_Ok) {
        size_t skip = ((size_t)block[0] << 24) | ((size_t)block[1] << 16) | ((size_t)block[2] << 8) | block[3];
        if (skip <= size - 4) {
            fn_read_exif_tiff(block + 4 + skip, size - 4 - skip, info);
        }
    }
    free(block);
}

int fn_decode_heif(const uint8_t *data, size_t size, long long max_pixels,
                   fn_image *out, fn_photo_info *info, char *err, size_t errlen) {
    struct heif_context *ctx = heif_context_alloc();
    struct heif_image_handle *handle = NULL;
    struct heif_image *image = NULL;
    struct heif_decoding_options *options = NULL;
    int rc = -1;
    if (!ctx)
        return fn_fail(err, errlen, "out of memory");
    struct heif_error e = heif_context_read_from_memory_without_copy(ctx, data, size, NULL);
    if (e.code != heif_error_Ok) {
        fn_fail(err, errlen, "HEIF decoding failed: %s", e.message);
        goto done;
    }
    e = heif_context_get_primary_image_handle(ctx, &handle);
    if (e.code != heif_error_Ok) {
        fn_fail(err, errlen, "HEIF decoding failed: %s", e.message);
        goto done;
    }
    int images = heif_context_get_number_of_top_level_images(ctx);
    info->pages = images > 0 ? images : 1;
    /* Width and height after the transformations; the stored ones are what the pixel limit is about. */
    int width = heif_image_handle_get_ispe_width(handle), height = heif_image_handle_get_ispe_height(handle);
    info->stored_width = width;
    info->stored_height = height;
    if (fn_check_pixels(width, height, max_pixels, err, errlen) != 0)
        goto done;
    read_heif_exif(handle, info);
    info->orientation = 1; /* applied by libheif through irot/imir, never again from EXIF */

    options = heif_decoding_options_alloc();
    if (!options) {
        fn_fail(err, errlen, "out of memory");
        goto done;
    }
    options->ignore_transformations = 0;
    e = heif_decode_image(handle, &image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, options);
    if (e.code != heif_error_Ok) {
        fn_fail(err, errlen, "HEIF decoding failed: %s", e.message);
        goto done;
    }
    int stride = 0;
    const uint8_t *plane = heif_image_get_plane_readonly(image, heif_channel_interleaved, &stride);
    int w = heif_image_get_width(image, heif_channel_interleaved);
    int h = heif_image_get_height(image, heif_channel_interleaved);
    if (!plane || w <= 0 || h <= 0 || stride < w * 3) {
        fn_fail(err, errlen, "HEIF decoding failed: the decoder returned no RGB plane");
        goto done;
    }
    if (fn_alloc_pixels(out, w, h, err, errlen) != 0)
        goto done;
    for (int y = 0; y < h; y++)
        memcpy(out->pixels + (size_t)y * (size_t)w * 3u, plane + (size_t)y * (size_t)stride, (size_t)w * 3u);
    rc = 0;
done:
    heif_decoding_options_free(options);
    heif_image_release(image);
    heif_image_handle_release(handle);
    heif_context_free(ctx);
    return rc;
}
