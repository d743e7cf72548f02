/*
 * WebP decoding with libwebp: lossy, lossless and alpha, still or animated.
 *
 * - The demuxer (libwebpdemux) reads the container first: canvas size (checked against the pixel limit before
 *   decoding), frame count and the EXIF chunk. A truncated or damaged container is refused by the demuxer.
 * - WebPAnimDecoder composes the first frame on the canvas as a viewer shows it (a still image is one frame); alpha
 *   is then dropped, as for PNG.
 * - WebP leaves orientation to EXIF, so the EXIF orientation is applied (by fn_decode).
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <webp/demux.h>

int fn_decode_webp(const uint8_t *data, size_t size, long long max_pixels,
                   fn_image *out, fn_photo_info *info, char *err, size_t errlen) {
    WebPData webp = {data, size};
    WebPDemuxer *demux = WebPDemux(&webp);
    if (!demux)
        return fn_fail(err, errlen, "WebP decoding failed: the file is truncated or not a valid WebP container");
    uint32_t width = WebPDemuxGetI(demux, WEBP_FF_CANVAS_WIDTH), height = WebPDemuxGetI(demux, WEBP_FF_CANVAS_HEIGHT);
    uint32_t frames = WebPDemuxGetI(demux, WEBP_FF_FRAME_COUNT);
    info->stored_width = (int)width;
    info->stored_height = (int)height;
    info->pages = frames > 0 ? (int)frames : 1;
    if (fn_check_pixels(width, height, max_pixels, err, errlen) != 0) {
        WebPDemuxDelete(demux);
        return -1;
    }
    WebPChunkIterator chunk;
    if (WebPDemuxGetChunk(demux, "EXIF", 1, &chunk)) {
        fn_read_exif_tiff(chunk.chunk.bytes, chunk.chunk.size, info);
        WebPDemuxReleaseChunkIterator(&chunk);
    }
    WebPDemuxDelete(demux);

    WebPAnimDecoderOptions options;
    if (!WebPAnimDecoderOptionsInit(&options))
        return fn_fail(err, errlen, "WebP decoding failed: libwebp version mismatch");
    options.color_mode = MODE_RGBA;
    options.use_threads = 0;
    WebPAnimDecoder *decoder = WebPAnimDecoderNew(&webp, &options);
    if (!decoder)
        return fn_fail(err, errlen, "WebP decoding failed: the image data is truncated or corrupt");
    uint8_t *rgba = NULL;
    int timestamp = 0;
    if (!WebPAnimDecoderGetNext(decoder, &rgba, &timestamp) || !rgba) {
        WebPAnimDecoderDelete(decoder);
        return fn_fail(err, errlen, "WebP decoding failed: the first frame is truncated or corrupt");
    }
    if (fn_alloc_pixels(out, (int)width, (int)height, err, errlen) != 0) {
        WebPAnimDecoderDelete(decoder);
        return -1;
    }
    size_t pixels = (size_t)width * (size_t)height;
    for (size_t i = 0; i < pixels; i++)
        memcpy(out->pixels + 3 * i, rgba + 4 * i, 3);
    WebPAnimDecoderDelete(decoder);
    return 0;
}
