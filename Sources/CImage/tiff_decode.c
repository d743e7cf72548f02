/*
 * TIFF decoding with libtiff, from memory: the first page (directory); the others are counted, not decoded.
 *
 * - TIFFRGBAImage converts every common layout to 8-bit RGBA: 1-16 bit grey, RGB, palette, CMYK (separated, 4 inks),
 *   YCbCr, alpha, tiled or striped, any compression libtiff reads. The raster is read in the file's own row order
 *   (the requested orientation equals the file's, so libtiff flips nothing) and the TIFF Orientation tag, which EXIF
 *   took over unchanged (TIFF 6.0 §8, tag 274), is applied by fn_decode like EXIF orientation.
 * - Errors and warnings go to per-file handlers (TIFFOpenOptions, libtiff 4.5): captured, never printed. An error
 *   in the image data (a truncated strip or tile) fails the photo with libtiff's reason; warnings (tags libtiff does
 *   not know) do not.
 * - Date and camera come from the TIFF tags themselves (DateTime, Make, Model) and the EXIF directory
 *   (DateTimeOriginal, BodySerialNumber) when the file has one.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
    char error[200];
} fn_tiff_source;

static tmsize_t source_read(thandle_t handle, void *buffer, tmsize_t length) {
    fn_tiff_source *src = (fn_tiff_source *)handle;
    if (length < 0 || src->offset >= src->size)
        return 0;
    size_t n = src->size - src->offset < (size_t)length ? src->size - src->offset : (size_t)length;
    memcpy(buffer, src->data + src->offset, n);
    src->offset += n;
    return (tmsize_t)n;
}

static tmsize_t source_write(thandle_t handle, void *buffer, tmsize_t length) {
    (void)handle; (void)buffer; (void)length;
    return -1;
}

static toff_t source_seek(thandle_t handle, toff_t offset, int whence) {
    fn_tiff_source *src = (fn_tiff_source *)handle;
    size_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? src->offset : src->size;
    if (offset > (toff_t)(SIZE_MAX - base))
        return (toff_t)-1;
    src->offset = base + (size_t)offset;
    return (toff_t)src->offset;
}

static int source_close(thandle_t handle) { (void)handle; return 0; }
static toff_t source_size(thandle_t handle) { return (toff_t)((fn_tiff_source *)handle)->size; }
static int source_map(thandle_t handle, void **base, toff_t *size) { (void)handle; (void)base; (void)size; return 0; }
static void source_unmap(thandle_t handle, void *base, toff_t size) { (void)handle; (void)base; (void)size; }

static int on_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif; (void)module;
    fn_tiff_source *src = (fn_tiff_source *)user;
    if (src->error[0] != '\0')
        return 1;
    char message[sizeof src->error];
    vsnprintf(message, sizeof message, fmt, ap);
    /* libtiff names the file first ("<name>: …"); here the name is ours, not the user's file's: drop it. */
    const char *text = strncmp(message, "TIFF: ", 6) == 0 ? message + 6 : message;
    snprintf(src->error, sizeof src->error, "%s", text);
    return 1;
}

static int on_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif; (void)user; (void)module; (void)fmt; (void)ap;
    return 1;
}

static void copy_tag(TIFF *tif, uint32_t tag, char *dst, size_t dstlen) {
    const char *value = NULL;
    if (dst[0] == '\0' && TIFFGetField(tif, tag, &value) == 1 && value)
        snprintf(dst, dstlen, "%s", value);
}

/* Date and camera: DateTimeOriginal and the serial from the EXIF directory first, then the TIFF tags. */
static void read_tiff_metadata(TIFF *tif, fn_photo_info *info) {
    toff_t exif_offset = 0;
    if (TIFFGetField(tif, TIFFTAG_EXIFIFD, &exif_offset) == 1 && exif_offset > 0 &&
        TIFFReadEXIFDirectory(tif, exif_offset)) {
        copy_tag(tif, EXIFTAG_DATETIMEORIGINAL, info->date_taken, sizeof info->date_taken);
        copy_tag(tif, 0xA431 /* BodySerialNumber */, info->serial, sizeof info->serial);
    }
    TIFFSetDirectory(tif, 0);
    copy_tag(tif, TIFFTAG_DATETIME, info->date_taken, sizeof info->date_taken);
    copy_tag(tif, TIFFTAG_MAKE, info->make, sizeof info->make);
    copy_tag(tif, TIFFTAG_MODEL, info->model, sizeof info->model);
}

int fn_decode_tiff(const uint8_t *data, size_t size, long long max_pixels,
                   fn_image *out, fn_photo_info *info, char *err, size_t errlen) {
    fn_tiff_source src;
    memset(&src, 0, sizeof src);
    src.data = data;
    src.size = size;
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (!options)
        return fn_fail(err, errlen, "out of memory");
    TIFFOpenOptionsSetErrorHandlerExtR(options, on_error, &src);
    TIFFOpenOptionsSetWarningHandlerExtR(options, on_warning, &src);
    /* "m": never memory-map (there is no file); "r": read only. */
    TIFF *tif = TIFFClientOpenExt("TIFF", "rm", (thandle_t)&src, source_read, source_write, source_seek,
                                  source_close, source_size, source_map, source_unmap, options);
    TIFFOpenOptionsFree(options);
    if (!tif)
        return fn_fail(err, errlen, "TIFF decoding failed: %s", src.error[0] ? src.error : "not a readable TIFF");

    int rc = -1;
    uint32_t *raster = NULL;
    info->pages = (int)TIFFNumberOfDirectories(tif);
    if (info->pages < 1)
        info->pages = 1;
    uint32_t width = 0, height = 0;
    uint16_t orientation = ORIENTATION_TOPLEFT;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orientation);
    info->stored_width = (int)width;
    info->stored_height = (int)height;
    if (width == 0 || height == 0) {
        fn_fail(err, errlen, "TIFF decoding failed: the first page has no size");
        goto done;
    }
    if (fn_check_pixels(width, height, max_pixels, err, errlen) != 0)
        goto done;
    read_tiff_metadata(tif, info);
    info->orientation = orientation;

    char why[1024] = "";
    if (!TIFFRGBAImageOK(tif, why)) {
        fn_fail(err, errlen, "TIFF decoding failed: %s", why);
        goto done;
    }
    if ((size_t)width > SIZE_MAX / 4u / (size_t)height) {
        fn_fail(err, errlen, "image size %u x %u overflows memory", width, height);
        goto done;
    }
    raster = (uint32_t *)malloc((size_t)width * (size_t)height * sizeof(uint32_t));
    if (!raster) {
        fn_fail(err, errlen, "out of memory for a %u x %u image", width, height);
        goto done;
    }
    /* Asking for the file's own orientation makes libtiff keep its row order; fn_decode turns it upright. */
    if (!TIFFReadRGBAImageOriented(tif, width, height, raster, orientation, 1) || src.error[0]) {
        fn_fail(err, errlen, "TIFF decoding failed: %s", src.error[0] ? src.error : "the image data is corrupt");
        goto done;
    }
    if (fn_alloc_pixels(out, (int)width, (int)height, err, errlen) != 0)
        goto done;
    size_t pixels = (size_t)width * (size_t)height;
    for (size_t i = 0; i < pixels; i++) {
        uint32_t abgr = raster[i];
        out->pixels[3 * i] = (uint8_t)TIFFGetR(abgr);
        out->pixels[3 * i + 1] = (uint8_t)TIFFGetG(abgr);
        out->pixels[3 * i + 2] = (uint8_t)TIFFGetB(abgr);
    }
    rc = 0;
done:
    free(raster);
    TIFFClose(tif);
    return rc;
}
