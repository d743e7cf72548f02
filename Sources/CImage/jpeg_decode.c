/*
 * JPEG decoding with libjpeg-turbo.
 *
 * - Errors longjmp back here instead of calling exit(); warnings are captured, never printed.
 * - CMYK and YCCK are decoded as CMYK and converted here (libjpeg cannot output RGB for them); Adobe files store
 *   inverted CMYK (Adobe APP14 marker), which is the common case from Photoshop.
 * - The EXIF APP1 marker is kept for orientation and metadata.
 */
#include "internal.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* jpeglib.h needs FILE declared first. */
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int warnings;
    char first_warning[JMSG_LENGTH_MAX];
} fn_jpeg_error;

static void fn_jpeg_error_exit(j_common_ptr cinfo) {
    fn_jpeg_error *e = (fn_jpeg_error *)cinfo->err;
    longjmp(e->jump, 1);
}

/* Called for warnings (msg_level -1) and trace messages (>= 0): keep the first warning, print nothing. */
static void fn_jpeg_emit_message(j_common_ptr cinfo, int msg_level) {
    fn_jpeg_error *e = (fn_jpeg_error *)cinfo->err;
    if (msg_level < 0) {
        if (e->warnings == 0)
            (*cinfo->err->format_message)(cinfo, e->first_warning);
        e->warnings++;
    }
}

static void cmyk_to_rgb(const uint8_t *cmyk, uint8_t *rgb, int width, int inverted) {
    for (int x = 0; x < width; x++) {
        int c = cmyk[4 * x], m = cmyk[4 * x + 1], y = cmyk[4 * x + 2], k = cmyk[4 * x + 3];
        if (!inverted) {
            c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k;
        }
        /* Inverted values are (255 - ink): R = (255 - C)(255 - K) / 255. */
        rgb[3 * x] = (uint8_t)((c * k + 127) / 255);
        rgb[3 * x + 1] = (uint8_t)((m * k + 127) / 255);
        rgb[3 * x + 2] = (uint8_t)((y * k + 127) / 255);
    }
}

int fn_decode_jpeg(const uint8_t *data, size_t size, long long max_pixels,
                   fn_image *out, fn_photo_info *info, char *err, size_t errlen) {
    struct jpeg_decompress_struct cinfo;
    fn_jpeg_error jerr;
    memset(&jerr, 0, sizeof jerr);
    uint8_t *volatile row = NULL;

    cinfo.err = jpeg_std_error(&jerr.pub);
    jerr.pub.error_exit = fn_jpeg_error_exit;
    jerr.pub.emit_message = fn_jpeg_emit_message;
    if (setjmp(jerr.jump)) {
        char msg[JMSG_LENGTH_MAX];
        (*cinfo.err->format_message)((j_common_ptr)&cinfo, msg);
        jpeg_destroy_decompress(&cinfo);
        free(row);
        fn_image_free(out);
        return fn_fail(err, errlen, "JPEG decoding failed: %s", msg);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);

    for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next) {
        if (m->marker == JPEG_APP0 + 1 && m->data_length > 6 && memcmp(m->data, "Exif\0\0", 6) == 0) {
            fn_read_exif(m->data, m->data_length, info);
            break;
        }
    }

    info->stored_width = (int)cinfo.image_width;
    info->stored_height = (int)cinfo.image_height;
    if (fn_check_pixels(cinfo.image_width, cinfo.image_height, max_pixels, err, errlen) != 0) {
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }

    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&cinfo);

    if (fn_alloc_pixels(out, (int)cinfo.output_width, (int)cinfo.output_height, err, errlen) != 0) {
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    size_t stride = (size_t)out->width * 3u;
    if (cmyk) {
        row = (uint8_t *)malloc((size_t)out->width * 4u);
        if (!row) {
            jpeg_destroy_decompress(&cinfo);
            fn_image_free(out);
            return fn_fail(err, errlen, "out of memory");
        }
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        uint8_t *dst = out->pixels + (size_t)cinfo.output_scanline * stride;
        JSAMPROW rows[1] = {cmyk ? (JSAMPROW)row : (JSAMPROW)dst};
        if (jpeg_read_scanlines(&cinfo, rows, 1) != 1)
            break;
        if (cmyk)
            cmyk_to_rgb(row, dst, out->width, cinfo.saw_Adobe_marker);
    }
    jpeg_finish_decompress(&cinfo);
    if (jerr.warnings > 0) {
        info->partial = 1;
        snprintf(info->warning, sizeof info->warning, "%s", jerr.first_warning);
    }
    jpeg_destroy_decompress(&cinfo);
    free(row);
    return 0;
}
