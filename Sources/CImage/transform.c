/* Pixel geometry: EXIF orientation, crops, resizing, blank canvases and blits (for mosaics). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int fn_apply_orientation(fn_image *img, int orientation, char *err, size_t errlen) {
    if (orientation <= 1 || orientation > 8)
        return 0;
    const int w = img->width, h = img->height;
    const int swap = orientation >= 5; /* 5…8 exchange width and height */
    fn_image out;
    if (fn_alloc_pixels(&out, swap ? h : w, swap ? w : h, err, errlen) != 0)
        return -1;
    for (int y = 0; y < out.height; y++) {
        for (int x = 0; x < out.width; x++) {
            int sx, sy; /* source pixel for destination (x, y) */
            switch (orientation) {
            case 2: sx = w - 1 - x; sy = y; break;             /* mirror horizontally */
            case 3: sx = w - 1 - x; sy = h - 1 - y; break;     /* rotate 180° */
            case 4: sx = x; sy = h - 1 - y; break;             /* mirror vertically */
            case 5: sx = y; sy = x; break;                     /* transpose */
            case 6: sx = y; sy = h - 1 - x; break;             /* rotate 90° clockwise */
            case 7: sx = w - 1 - y; sy = h - 1 - x; break;     /* transverse */
            default: sx = w - 1 - y; sy = x; break;            /* 8: rotate 90° counter-clockwise */
            }
            memcpy(out.pixels + ((size_t)y * out.width + x) * 3, img->pixels + ((size_t)sy * w + sx) * 3, 3);
        }
    }
    free(img->pixels);
    *img = out;
    return 0;
}

int fn_crop(const fn_image *src, int left, int top, int right, int bottom, fn_image *out, char *err, size_t errlen) {
    if (left < 0) left = 0;
    if (top < 0) top = 0;
    if (right > src->width) right = src->width;
    if (bottom > src->height) bottom = src->height;
    if (right <= left || bottom <= top)
        return fn_fail(err, errlen, "crop rectangle lies outside the image");
    if (fn_alloc_pixels(out, right - left, bottom - top, err, errlen) != 0)
        return -1;
    for (int y = top; y < bottom; y++)
        memcpy(out->pixels + (size_t)(y - top) * out->width * 3, src->pixels + ((size_t)y * src->width + left) * 3,
               (size_t)out->width * 3);
    return 0;
}

/* Area average over the source footprint of each destination pixel: no aliasing when shrinking a lot. */
static void resize_area(const fn_image *src, fn_image *dst) {
    const double fx = (double)src->width / dst->width, fy = (double)src->height / dst->height;
    for (int y = 0; y < dst->height; y++) {
        int y0 = (int)(y * fy), y1 = (int)((y + 1) * fy);
        if (y1 <= y0) y1 = y0 + 1;
        if (y1 > src->height) y1 = src->height;
        for (int x = 0; x < dst->width; x++) {
            int x0 = (int)(x * fx), x1 = (int)((x + 1) * fx);
            if (x1 <= x0) x1 = x0 + 1;
            if (x1 > src->width) x1 = src->width;
            unsigned long sum[3] = {0, 0, 0}, n = 0;
            for (int sy = y0; sy < y1; sy++) {
                const uint8_t *p = src->pixels + ((size_t)sy * src->width + x0) * 3;
                for (int sx = x0; sx < x1; sx++, p += 3) {
                    sum[0] += p[0]; sum[1] += p[1]; sum[2] += p[2];
                    n++;
                }
            }
            uint8_t *d = dst->pixels + ((size_t)y * dst->width + x) * 3;
            for (int c = 0; c < 3; c++)
                d[c] = (uint8_t)((sum[c] + n / 2) / n);
        }
    }
}

static void resize_bilinear(const fn_image *src, fn_image *dst) {
    const double fx = (double)src->width / dst->width, fy = (double)src->height / dst->height;
    for (int y = 0; y < dst->height; y++) {
        double sy = (y + 0.5) * fy - 0.5;
        if (sy < 0) sy = 0;
        int y0 = (int)sy, y1 = y0 + 1 < src->height ? y0 + 1 : y0;
        double wy = sy - y0;
        for (int x = 0; x < dst->width; x++) {
            double sx = (x + 0.5) * fx - 0.5;
            if (sx < 0) sx = 0;
            int x0 = (int)sx, x1 = x0 + 1 < src->width ? x0 + 1 : x0;
            double wx = sx - x0;
            const uint8_t *a = src->pixels + ((size_t)y0 * src->width + x0) * 3;
            const uint8_t *b = src->pixels + ((size_t)y0 * src->width + x1) * 3;
            const uint8_t *c = src->pixels + ((size_t)y1 * src->width + x0) * 3;
            const uint8_t *d = src->pixels + ((size_t)y1 * src->width + x1) * 3;
            uint8_t *o = dst->pixels + ((size_t)y * dst->width + x) * 3;
            for (int k = 0; k < 3; k++) {
                double top = a[k] + (b[k] - a[k]) * wx, bottom = c[k] + (d[k] - c[k]) * wx;
                o[k] = (uint8_t)(top + (bottom - top) * wy + 0.5);
            }
        }
    }
}

int fn_resize(const fn_image *src, int width, int height, fn_image *out, char *err, size_t errlen) {
    if (fn_alloc_pixels(out, width, height, err, errlen) != 0)
        return -1;
    if (width <= src->width && height <= src->height)
        resize_area(src, out);
    else
        resize_bilinear(src, out);
    return 0;
}

int fn_image_create(int width, int height, uint8_t r, uint8_t g, uint8_t b, fn_image *out, char *err, size_t errlen) {
    if (fn_alloc_pixels(out, width, height, err, errlen) != 0)
        return -1;
    size_t n = (size_t)width * height;
    for (size_t i = 0; i < n; i++) {
        out->pixels[3 * i] = r;
        out->pixels[3 * i + 1] = g;
        out->pixels[3 * i + 2] = b;
    }
    return 0;
}

void fn_blit(const fn_image *src, fn_image *dst, int x, int y) {
    for (int sy = 0; sy < src->height; sy++) {
        int dy = y + sy;
        if (dy < 0 || dy >= dst->height)
            continue;
        int sx0 = x < 0 ? -x : 0;
        int sx1 = src->width;
        if (x + sx1 > dst->width)
            sx1 = dst->width - x;
        if (sx1 <= sx0)
            continue;
        memcpy(dst->pixels + ((size_t)dy * dst->width + x + sx0) * 3, src->pixels + ((size_t)sy * src->width + sx0) * 3,
               (size_t)(sx1 - sx0) * 3);
    }
}
