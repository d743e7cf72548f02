// The C API of fn_dlib.h: detection, landmarks and descriptors over one per-worker context.
#include "fn_dlib.h"
#include "cnn_detector.h"
#include "resnet.h"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <dlfcn.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

struct fn_dlib_context {
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    dlib::shape_predictor landmarks5;
    std::unique_ptr<fn::DescriptorNetwork> descriptor;
    std::unique_ptr<fn::CNNFaceDetector> cnn; // loaded on request
};

struct fn_dlib_image {
    dlib::matrix<dlib::rgb_pixel> pixels;
};

namespace {

int fail(char *err, size_t errlen, const char *what) {
    if (err && errlen > 0)
        std::snprintf(err, errlen, "%s", what);
    return -1;
}

// Runs `body`, turning any C++ exception into a status and a message.
template <typename Body> int guarded(char *err, size_t errlen, Body body) {
    try {
        body();
        return 0;
    } catch (const std::exception &e) {
        return fail(err, errlen, e.what());
    } catch (...) {
        return fail(err, errlen, "unknown C++ exception in dlib");
    }
}

dlib::rectangle to_rect(const fn_face_box &b) {
    return dlib::rectangle(b.left, b.top, b.right, b.bottom);
}

// face_recognition's _trim_css_to_bounds: left/top at least 0, right/bottom at most width/height.
fn_face_box clipped(const dlib::rectangle &r, double score, long width, long height) {
    return fn_face_box{std::max(r.left(), 0L), std::max(r.top(), 0L), std::min(r.right(), width),
                       std::min(r.bottom(), height), score};
}

// Copies detections into a malloc'd array for the caller.
void hand_over(const std::vector<fn_face_box> &found, fn_face_box **boxes, int *count) {
    auto *out = static_cast<fn_face_box *>(std::malloc(sizeof(fn_face_box) * (found.empty() ? 1 : found.size())));
    if (!out)
        throw std::bad_alloc();
    std::copy(found.begin(), found.end(), out);
    *boxes = out;
    *count = static_cast<int>(found.size());
}

dlib::full_object_detection to_shape(const fn_face_box &box, const fn_landmarks5 &lm) {
    std::vector<dlib::point> parts;
    for (int i = 0; i < 5; i++)
        parts.emplace_back(static_cast<long>(lm.x[i]), static_cast<long>(lm.y[i]));
    return dlib::full_object_detection(to_rect(box), parts);
}

} // namespace

extern "C" {

fn_dlib_context *fn_dlib_create(const char *landmarks5_path, const char *descriptor_path, char *err, size_t errlen) {
    fn_dlib_context *ctx = nullptr;
    int rc = guarded(err, errlen, [&] {
        std::unique_ptr<fn_dlib_context> c(new fn_dlib_context);
        dlib::deserialize(landmarks5_path) >> c->landmarks5;
        c->descriptor.reset(new fn::DescriptorNetwork(descriptor_path));
        ctx = c.release();
    });
    return rc == 0 ? ctx : nullptr;
}

void fn_dlib_destroy(fn_dlib_context *ctx) { delete ctx; }

fn_dlib_image *fn_dlib_image_create(const uint8_t *rgb, int width, int height, char *err, size_t errlen) {
    fn_dlib_image *img = nullptr;
    guarded(err, errlen, [&] {
        std::unique_ptr<fn_dlib_image> i(new fn_dlib_image);
        i->pixels.set_size(height, width);
        std::memcpy(&i->pixels(0, 0), rgb, static_cast<size_t>(width) * height * 3);
        img = i.release();
    });
    return img;
}

void fn_dlib_image_destroy(fn_dlib_image *img) { delete img; }

int fn_dlib_detect_hog(fn_dlib_context *ctx, const fn_dlib_image *img, int upsample,
                       fn_face_box **boxes, int *count, char *err, size_t errlen) {
    *boxes = nullptr;
    *count = 0;
    return guarded(err, errlen, [&] {
        std::vector<dlib::rect_detection> dets;
        if (upsample <= 0) {
            ctx->detector(img->pixels, dets, 0.0);
        } else {
            // As dlib's Python binding (run_detector_with_upscale): pyramid_up, detect, map boxes back down.
            dlib::pyramid_down<2> pyr;
            dlib::matrix<dlib::rgb_pixel> up;
            dlib::pyramid_up(img->pixels, up, pyr);
            for (int level = 1; level < upsample; level++)
                dlib::pyramid_up(up, pyr);
            ctx->detector(up, dets, 0.0);
            for (auto &d : dets)
                d.rect = pyr.rect_down(d.rect, upsample);
        }
        std::vector<fn_face_box> found;
        for (const auto &d : dets)
            found.push_back(clipped(d.rect, d.detection_confidence, img->pixels.nc(), img->pixels.nr()));
        hand_over(found, boxes, count);
    });
}

int fn_dlib_load_cnn(fn_dlib_context *ctx, const char *cnn_path, char *err, size_t errlen) {
    return guarded(err, errlen, [&] { ctx->cnn.reset(new fn::CNNFaceDetector(cnn_path)); });
}

int fn_dlib_detect_cnn(fn_dlib_context *ctx, const fn_dlib_image *img, int upsample,
                       fn_face_box **boxes, int *count, char *err, size_t errlen) {
    *boxes = nullptr;
    *count = 0;
    return guarded(err, errlen, [&] {
        if (!ctx->cnn)
            throw std::runtime_error("the CNN face detector is not loaded");
        std::vector<fn_face_box> found;
        for (const auto &d : ctx->cnn->detect(img->pixels, upsample))
            found.push_back(clipped(d.first, d.second, img->pixels.nc(), img->pixels.nr()));
        hand_over(found, boxes, count);
    });
}

int fn_dlib_landmarks5(fn_dlib_context *ctx, const fn_dlib_image *img, const fn_face_box *box,
                       fn_landmarks5 *out, char *err, size_t errlen) {
    return guarded(err, errlen, [&] {
        dlib::full_object_detection shape = ctx->landmarks5(img->pixels, to_rect(*box));
        if (shape.num_parts() != 5)
            throw std::runtime_error("the landmark model is not dlib's 5-point model");
        for (unsigned long i = 0; i < 5; i++) {
            out->x[i] = static_cast<double>(shape.part(i).x());
            out->y[i] = static_cast<double>(shape.part(i).y());
        }
    });
}

int fn_dlib_descriptor(fn_dlib_context *ctx, const fn_dlib_image *img, const fn_face_box *box,
                       const fn_landmarks5 *landmarks, float out[FN_DESCRIPTOR_LENGTH], char *err, size_t errlen) {
    return guarded(err, errlen, [&] {
        dlib::matrix<dlib::rgb_pixel> chip;
        // One chip per face: extracting all faces' chips at once shares one pyramid and shifts descriptors ~0.013.
        dlib::extract_image_chip(img->pixels, dlib::get_face_chip_details(to_shape(*box, *landmarks), 150, 0.25), chip);
        dlib::matrix<float, 0, 1> d = ctx->descriptor->compute(chip);
        if (d.size() != FN_DESCRIPTOR_LENGTH)
            throw std::runtime_error("the descriptor model did not return 128 values");
        for (long i = 0; i < FN_DESCRIPTOR_LENGTH; i++)
            out[i] = d(i);
    });
}

void fn_dlib_set_blas_threads(int threads) {
    using setter = void (*)(int);
    if (auto set = reinterpret_cast<setter>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(threads);
}

void fn_dlib_free(void *p) { std::free(p); }

} // extern "C"
