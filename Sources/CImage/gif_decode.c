/*
 * GIF decoding with giflib: the first frame, drawn on the logical screen as a viewer shows it before the animation
 * runs (the screen's background colour around a frame smaller than the screen). Later frames are counted by
 * skipping their compressed data, never decoded. Interlaced frames are put back in row order (GIF89a §20, the
 * four passes). Transparency is ignored like every other alpha: a transparent pixel keeps its palette colour.
 */
#include "internal.h"

#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} fn_gif_source;

static int source_read(GifFileType *gif, GifByteType *buffer, int length) {
    fn_gif_source *src = (fn_gif_source *)gif->UserData;
    if (length <= 0 || src->offset >= src->size)
        return 0;
    size_t n = src->size - src->offset < (size_t)length ? src->size - src->offset : (size_t)length;
    memcpy(buffer, src->data + src->offset, n);
    src->offset += n;
    return (int)n;
}

static int fail_gif(GifFileType *gif, int code, const char *what, char *err, size_t errlen) {
    const char *reason = GifErrorString(code ? code : (gif ? gif->Error : 0));
    if (gif)
        DGifCloseFile(gif, NULL);
    return fn_fail(err, errlen, "GIF decoding failed: %s (%s)", reason ? reason : "unknown error", what);
}

/* Draws the first frame's colours into `out` (the logical screen, filled with the background). */
static int read_first_frame(GifFileType *gif, fn_image *out, char *err, size_t errlen) {
    const GifImageDesc *d = &gif->Image;
    const ColorMapObject *map = d->ColorMap ? d->ColorMap : gif->SColorMap;
    if (!map)
        return fn_fail(err, errlen, "GIF decoding failed: the first frame has no colour table");
    if (d->Width <= 0 || d->Height <= 0 || d->Width > 65535 || d->Height > 65535)
        return fn_fail(err, errlen, "GIF decoding failed: the first frame has no size");
    GifPixelType *line = (GifPixelType *)malloc((size_t)d->Width);
    if (!line)
        return fn_fail(err, errlen, "out of memory");
    static const int start[4] = {0, 4, 2, 1}, step[4] = {8, 8, 4, 2};
    int passes = d->Interlace ? 4 : 1;
    for (int pass = 0; pass < passes; pass++) {
        for (int y = d->Interlace ? start[pass] : 0; y < d->Height; y += d->Interlace ? step[pass] : 1) {
            if (DGifGetLine(gif, line, d->Width) != GIF_OK) {
                free(line);
                return fn_fail(err, errlen, "GIF decoding failed: %s (the first frame's data)",
                               GifErrorString(gif->Error));
            }
            int sy = d->Top + y;
            if (sy < 0 || sy >= out->height)
                continue;
            for (int x = 0; x < d->Width; x++) {
                int sx = d->Left + x;
                if (sx < 0 || sx >= out->width)
                    continue;
                int index = line[x] < map->ColorCount ? line[x] : 0;
                uint8_t *px = out->pixels + ((size_t)sy * (size_t)out->width + (size_t)sx) * 3u;
                px[0] = map->Colors[index].Red;
                px[1] = map->Colors[index].Green;
                px[2] = map->Colors[index].Blue;
            }
        }
    }
    free(line);
    return 0;
}

int fn_decode_gif(const uint8_t *data, size_t size, long long max_pixels,
                  fn_image *out, fn_photo_info *info, char *err, size_t errlen) {
    fn_gif_source src = {data, size, 0};
    int code = 0;
    GifFileType *gif = DGifOpen(&src, source_read, &code);
    if (!gif)
        return fail_gif(NULL, code, "the header", err, errlen);
    int width = gif->SWidth, height = gif->SHeight;
    info->stored_width = width;
    info->stored_height = height;
    if (fn_check_pixels(width, height, max_pixels, err, errlen) != 0) {
        DGifCloseFile(gif, NULL);
        return -1;
    }
    /* The background: the screen's background colour when there is a global colour table, else black. */
    uint8_t background[3] = {0, 0, 0};
    if (gif->SColorMap && gif->SBackGroundColor < gif->SColorMap->ColorCount) {
        GifColorType c = gif->SColorMap->Colors[gif->SBackGroundColor];
        background[0] = c.Red; background[1] = c.Green; background[2] = c.Blue;
    }
    int frames = 0;
    GifRecordType record;
    do {
        if (DGifGetRecordType(gif, &record) != GIF_OK)
            break; /* data after the first frame may be cut off: the frame is what counts */
        if (record == IMAGE_DESC_RECORD_TYPE) {
            if (DGifGetImageDesc(gif) != GIF_OK)
                break;
            frames++;
            if (frames == 1) {
                if (fn_alloc_pixels(out, width, height, err, errlen) != 0) {
                    DGifCloseFile(gif, NULL);
                    return -1;
                }
                for (size_t i = 0; i < (size_t)width * (size_t)height; i++)
                    memcpy(out->pixels + 3 * i, background, 3);
                if (read_first_frame(gif, out, err, errlen) != 0) {
                    fn_image_free(out);
                    DGifCloseFile(gif, NULL);
                    return -1;
                }
            } else {
                int block_size;
                GifByteType *block;
                if (DGifGetCode(gif, &block_size, &block) != GIF_OK)
                    break;
                while (block && DGifGetCodeNext(gif, &block) == GIF_OK) {}
                if (block)
                    break;
            }
        } else if (record == EXTENSION_RECORD_TYPE) {
            int ext_code;
            GifByteType *ext;
            if (DGifGetExtension(gif, &ext_code, &ext) != GIF_OK)
                break;
            while (ext && DGifGetExtensionNext(gif, &ext) == GIF_OK) {}
            if (ext)
                break;
        }
    } while (record != TERMINATE_RECORD_TYPE);
    int closing = 0;
    DGifCloseFile(gif, &closing);
    if (frames == 0)
        return fn_fail(err, errlen, "GIF decoding failed: the file holds no image");
    info->pages = frames;
    return 0;
}
