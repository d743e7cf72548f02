/* See fn_heif_writer.h. libheif 1.15's encoding options write `image_orientation` as 'irot' and 'imir'. */
#include "fn_heif_writer.h"

#include <libheif/heif.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint8_t *data;
    size_t size;
} buffer;

static struct heif_error append(struct heif_context *ctx, const void *data, size_t size, void *userdata) {
    (void)ctx;
    buffer *out = (buffer *)userdata;
    uint8_t *grown = (uint8_t *)realloc(out->data, out->size + size);
    struct heif_error e = {heif_error_Ok, heif_suberror_Unspecified, "ok"};
    if (!grown) {
        e.code = heif_error_Encoding_error;
        e.message = "out of memory";
        return e;
    }
    memcpy(grown + out->size, data, size);
    out->data = grown;
    out->size += size;
    return e;
}

int fn_test_write_heic(const uint8_t *rgb, int width, int height, int orientation, int quality,
                       uint8_t **data, size_t *size, char *err, size_t errlen) {
    struct heif_context *ctx = heif_context_alloc();
    struct heif_image *image = NULL;
    struct heif_encoder *encoder = NULL;
    struct heif_encoding_options *options = NULL;
    struct heif_writer writer = {1, append};
    buffer out = {NULL, 0};
    int rc = -1;
    struct heif_error e = heif_image_create(width, height, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &image);
    if (e.code == heif_error_Ok)
        e = heif_image_add_plane(image, heif_channel_interleaved, width, height, 8);
    if (e.code != heif_error_Ok)
        goto done;
    int stride = 0;
    uint8_t *plane = heif_image_get_plane(image, heif_channel_interleaved, &stride);
    for (int y = 0; y < height; y++)
        memcpy(plane + (size_t)y * (size_t)stride, rgb + (size_t)y * (size_t)width * 3u, (size_t)width * 3u);
    e = heif_context_get_encoder_for_format(ctx, heif_compression_HEVC, &encoder);
    if (e.code != heif_error_Ok)
        goto done;
    heif_encoder_set_lossy_quality(encoder, quality);
    options = heif_encoding_options_alloc();
    options->image_orientation = (enum heif_orientation)orientation;
    e = heif_context_encode_image(ctx, image, encoder, options, NULL);
    if (e.code != heif_error_Ok)
        goto done;
    e = heif_context_write(ctx, &writer, &out);
    if (e.code != heif_error_Ok)
        goto done;
    *data = out.data;
    *size = out.size;
    out.data = NULL;
    rc = 0;
done:
    if (rc != 0)
        snprintf(err, errlen, "HEIC encoding failed: %s", e.message ? e.message : "unknown error");
    free(out.data);
    heif_encoding_options_free(options);
    if (encoder)
        heif_encoder_release(encoder);
    heif_image_release(image);
    heif_context_free(ctx);
    return rc;
}
