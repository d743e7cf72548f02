/*
 * fn_hog_avx2.h — dlib's HOG face detector compiled for AVX2 + FMA (x86-64-v3), built as its own shared
 * library and loaded by CDlib at run time only on CPUs that have those instructions, so the tool still runs on
 * any x86-64. Nothing but these functions is exported (hidden visibility), so its dlib code never replaces the
 * baseline build's. Same results as the baseline detector; about 1.5× faster.
 */
#ifndef FN_HOG_AVX2_H
#define FN_HOG_AVX2_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Same layout as fn_face_box in fn_dlib.h. */
typedef struct {
    long left, top, right, bottom;
    double score;
} fn_hog_box;

/** A detector (dlib's get_frontal_face_detector); one per worker thread. NULL on failure. */
void *fn_hog_avx2_create(char *err, size_t errlen);
void fn_hog_avx2_destroy(void *detector);

/** Detects faces in interleaved RGB pixels; `*boxes` is malloc'd (free()). 0 on success, -1 with `err`. */
int fn_hog_avx2_detect(void *detector, const uint8_t *rgb, int width, int height, int upsample,
                       fn_hog_box **boxes, int *count, char *err, size_t errlen);

/** Compares this build's separable filter with dlib's own template (see fn_dlib_hog_filter_self_check). */
int fn_hog_avx2_filter_self_check(char *err, size_t errlen);
/** Compares this build's HOG feature extraction with dlib's own template (see fn_dlib_hog_features_self_check). */
int fn_hog_avx2_features_self_check(char *err, size_t errlen);
/** Compares this build's RGB resizing with dlib's own template (see fn_dlib_hog_resize_self_check). */
int fn_hog_avx2_resize_self_check(char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
