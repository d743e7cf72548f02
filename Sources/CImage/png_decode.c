/*
 * PNG decoding with libpng's classic API, normalised to 8-bit RGB: palette expanded, grey widened, 16-bit
 * reduced to 8 (high byte), alpha dropped (matching Pillow's convert("RGB")), interlacing handled.
 */
#include "internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} fn_png_source;

typedef struct {
    char message[200];
    int warnings;
    char first_warning[200];
} fn_png_messages;

static void fn_png_read(png_structp png, png_bytep out, png_size_t length) {
    fn_png_source *src = (fn_png_source *)png_get_io_ptr(png);
    if (src->size - src->offset < length)
        png_error(png, "file is truncated");
    memcpy(out, src->data + src->offset, length);
    src->offset += length;
}

static void fn_png_on_error(png_structp png, png_const_charp msg) {
    fn_png_messages *m = (fn_png_messages *)png_get_error_ptr(png);
    snprintf(m->message, sizeof m->message, "%s", msg);
    png_longjmp(png, 1);
}

static void fn_png_on_warning(png_structp png, png_const_charp msg) {
    fn_png_messages *m = (fn_png_messages *)png_get_error_ptr(png);
    if (m->warnings++ == 0)
        snprintf(m->first_warning, sizeof m->first_warning, "%s", msg);
}

int fn_decode_png(const uint8_t *data, size_t size, long long max_pixels,
                  fn_image *out, fn_photo_info *info, char *err, size_t errlen) {
    fn_png_source src = {data, size, 0};
    fn_png_messages msgs;
    memset(&msgs, 0, sizeof msgs);
    png_bytep *volatile rows = NULL;

    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &msgs, fn_png_on_error, fn_png_on_warning);
    if (!png)
        return fn_fail(err, errlen, "out of memory");
    png_infop pinfo = png_create_info_struct(png);
    if (!pinfo) {
        png_destroy_read_struct(&png, NULL, NULL);
        return fn_fail(err, errlen, "out of memory");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &pinfo, NULL);
        free(rows);
        fn_image_free(out);
        return fn_fail(err, errlen, "PNG decoding failed: %s", msgs.message);
    }
    png_set_read_fn(png, &src, fn_png_read);
    /* Accept files whose CRCs or ancillary chunks are damaged, as viewers do, but warn. */
    png_set_crc_action(png, PNG_CRC_WARN_USE, PNG_CRC_WARN_DISCARD);
    png_read_info(png, pinfo);

    png_uint_32 width = png_get_image_width(png, pinfo), height = png_get_image_height(png, pinfo);
    info->stored_width = (int)width;
    info->stored_height = (int)height;
    if (fn_check_pixels(width, height, max_pixels, err, errlen) != 0) {
        png_destroy_read_struct(&png, &pinfo, NULL);
        return -1;
    }
    int color = png_get_color_type(png, pinfo);
    int depth = png_get_bit_depth(png, pinfo);
    if (color == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if (color == PNG_COLOR_TYPE_GRAY && depth < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    if (depth == 16)
        png_set_strip_16(png);
    if (color == PNG_COLOR_TYPE_GRAY || color == PNG_COLOR_TYPE_GRAY_ALPHA)
        png_set_gray_to_rgb(png);
    /* tRNS only adds alpha that we would drop; strip every alpha channel. */
    png_set_strip_alpha(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, pinfo);

    if (png_get_rowbytes(png, pinfo) != (size_t)width * 3u) {
        png_destroy_read_struct(&png, &pinfo, NULL);
        return fn_fail(err, errlen, "PNG decoding failed: unexpected row layout");
    }
    if (fn_alloc_pixels(out, (int)width, (int)height, err, errlen) != 0) {
        png_destroy_read_struct(&png, &pinfo, NULL);
        return -1;
    }
    rows = (png_bytep *)malloc(sizeof(png_bytep) * height);
    if (!rows) {
        png_destroy_read_struct(&png, &pinfo, NULL);
        fn_image_free(out);
        return fn_fail(err, errlen, "out of memory");
    }
    for (png_uint_32 y = 0; y < height; y++)
        rows[y] = out->pixels + (size_t)y * (size_t)width * 3u;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    if (msgs.warnings > 0) {
        info->partial = 1;
        snprintf(info->warning, sizeof info->warning, "%s", msgs.first_warning);
    }
    png_destroy_read_struct(&png, &pinfo, NULL);
    free(rows);
    return 0;
}
