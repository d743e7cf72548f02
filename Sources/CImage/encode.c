/* Encoders for what the tool writes: face crops, mosaics and thumbnails (JPEG), crops of PNG photos (PNG). */
#include "internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* jpeglib.h needs FILE declared first. */
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
} fn_jpeg_encode_error;

static void fn_jpeg_encode_exit(j_common_ptr cinfo) { longjmp(((fn_jpeg_encode_error *)cinfo->err)->jump, 1); }
static void fn_jpeg_encode_quiet(j_common_ptr cinfo, int level) { (void)cinfo; (void)level; }

int fn_encode_jpeg(const fn_image *img, int quality, uint8_t **data, size_t *size, char *err, size_t errlen) {
    struct jpeg_compress_struct cinfo;
    fn_jpeg_encode_error jerr;
    unsigned char *volatile buffer = NULL;
    unsigned long length = 0;
    *data = NULL;
    *size = 0;
    cinfo.err = jpeg_std_error(&jerr.pub);
    jerr.pub.error_exit = fn_jpeg_encode_exit;
    jerr.pub.emit_message = fn_jpeg_encode_quiet;
    if (setjmp(jerr.jump)) {
        char msg[JMSG_LENGTH_MAX];
        (*cinfo.err->format_message)((j_common_ptr)&cinfo, msg);
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        return fn_fail(err, errlen, "JPEG encoding failed: %s", msg);
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, (unsigned char **)&buffer, &length);
    cinfo.image_width = (JDIMENSION)img->width;
    cinfo.image_height = (JDIMENSION)img->height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = img->pixels + (size_t)cinfo.next_scanline * img->width * 3;
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *data = buffer;
    *size = length;
    return 0;
}

int fn_encode_png(const fn_image *img, uint8_t **data, size_t *size, char *err, size_t errlen) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)img->width;
    image.height = (png_uint_32)img->height;
    image.format = PNG_FORMAT_RGB;
    png_alloc_size_t length = 0;
    *data = NULL;
    *size = 0;
    if (!png_image_write_to_memory(&image, NULL, &length, 0, img->pixels, 0, NULL))
        return fn_fail(err, errlen, "PNG encoding failed: %s", image.message);
    uint8_t *buffer = (uint8_t *)malloc(length);
    if (!buffer)
        return fn_fail(err, errlen, "out of memory");
    if (!png_image_write_to_memory(&image, buffer, &length, 0, img->pixels, 0, NULL)) {
        free(buffer);
        return fn_fail(err, errlen, "PNG encoding failed: %s", image.message);
    }
    *data = buffer;
    *size = length;
    return 0;
}
