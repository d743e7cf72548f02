// Age and gender through fn_dlib.h on real photos, for bench/age-gender/run: for every face the HOG detector finds
// (upsample 1), writes the two chips fn_dlib_age_gender runs on (a chip file for ort_reference.py) and dlib's class
// probabilities for them, checks that fn_dlib_age_gender agrees with those probabilities, and times age + gender
// against the 128-d descriptor on the same face (one BLAS thread; the median over faces of the fastest of
// `--repeat` runs).
//   compare --models DIR --chips FILE --probs FILE [--repeat N] IMAGE...
// File formats: bench/age-gender/ort_reference.py.
#include "fn_dlib.h"
#include "age_gender.h"

#include <dlib/image_io.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

void check(int rc, const char *what, const char *err) {
    if (rc != 0)
        throw std::runtime_error(std::string(what) + ": " + err);
}

double fastest_ms(int repeat, const std::function<void()> &body) {
    double best = 1e300;
    for (int i = 0; i < repeat; i++) {
        const auto start = std::chrono::steady_clock::now();
        body();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

void write_header(std::ofstream &out, const char magic[8], uint32_t n, uint32_t a, uint32_t b) {
    out.write(magic, 8);
    for (uint32_t v : {n, a, b, 0u}) {
        const unsigned char le[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                                     static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
        out.write(reinterpret_cast<const char *>(le), 4);
    }
}

} // namespace

int main(int argc, char **argv) {
    std::string models, chips_path, probs_path;
    int repeat = 3;
    std::vector<std::string> images;
    for (int i = 1; i < argc; i++) {
        const std::string a = argv[i];
        if (a == "--models" && i + 1 < argc) models = argv[++i];
        else if (a == "--chips" && i + 1 < argc) chips_path = argv[++i];
        else if (a == "--probs" && i + 1 < argc) probs_path = argv[++i];
        else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
        else images.push_back(a);
    }
    if (models.empty() || chips_path.empty() || probs_path.empty() || images.empty()) {
        std::fprintf(stderr, "usage: compare --models DIR --chips FILE --probs FILE [--repeat N] IMAGE...\n");
        return 2;
    }
    try {
        char err[1024] = "";
        fn_dlib_set_blas_threads(1);
        fn_dlib_context *ctx = fn_dlib_create((models + "/shape_predictor_5_face_landmarks.dat").c_str(),
                                              (models + "/dlib_face_recognition_resnet_model_v1.dat").c_str(), err,
                                              sizeof err);
        if (!ctx)
            throw std::runtime_error(std::string("fn_dlib_create: ") + err);
        const double load_ms = fastest_ms(1, [&] {
            check(fn_dlib_load_age_gender(ctx, (models + "/age-v1.onnx").c_str(),
                                          (models + "/gender-v1.onnx").c_str(), err, sizeof err),
                  "fn_dlib_load_age_gender", err);
        });

        std::vector<uint8_t> age_chips, gender_chips;
        std::vector<float> age_probs, gender_probs;
        std::vector<double> both_ms, age_ms, gender_ms, descriptor_ms;
        std::vector<std::string> names;
        size_t photos = 0;
        for (const std::string &path : images) {
            dlib::matrix<dlib::rgb_pixel> pixels;
            try {
                dlib::load_image(pixels, path);
            } catch (const std::exception &e) {
                std::fprintf(stderr, "compare: skipping %s: %s\n", path.c_str(), e.what());
                continue;
            }
            photos++;
            fn_dlib_image *img = fn_dlib_image_create(reinterpret_cast<const uint8_t *>(&pixels(0, 0)),
                                                      static_cast<int>(pixels.nc()), static_cast<int>(pixels.nr()),
                                                      err, sizeof err);
            fn_face_box *boxes = nullptr;
            int count = 0;
            check(fn_dlib_detect_hog(ctx, img, 1, &boxes, &count, err, sizeof err), "fn_dlib_detect_hog", err);
            for (int f = 0; f < count; f++) {
                fn_landmarks5 lm;
                check(fn_dlib_landmarks5(ctx, img, &boxes[f], &lm, err, sizeof err), "fn_dlib_landmarks5", err);
                uint8_t ac[FN_AGE_CHIP_SIZE * FN_AGE_CHIP_SIZE * 3], gc[FN_GENDER_CHIP_SIZE * FN_GENDER_CHIP_SIZE * 3];
                check(fn_dlib_age_gender_chips(ctx, img, &boxes[f], &lm, ac, gc, err, sizeof err),
                      "fn_dlib_age_gender_chips", err);
                float ap[FN_AGE_CLASSES], gp[FN_GENDER_CLASSES];
                check(fn_dlib_age_gender_probabilities(ctx, ac, gc, ap, gp, err, sizeof err),
                      "fn_dlib_age_gender_probabilities", err);
                float age = -1, female = -1;
                check(fn_dlib_age_gender(ctx, img, &boxes[f], &lm, &age, &female, err, sizeof err),
                      "fn_dlib_age_gender", err);
                if (age != fn::AgeGenderNetworks::expected_age(ap) || female != gp[0])
                    throw std::runtime_error("fn_dlib_age_gender disagrees with its chips' probabilities on " + path);
                age_chips.insert(age_chips.end(), ac, ac + sizeof ac);
                gender_chips.insert(gender_chips.end(), gc, gc + sizeof gc);
                age_probs.insert(age_probs.end(), ap, ap + FN_AGE_CLASSES);
                gender_probs.insert(gender_probs.end(), gp, gp + FN_GENDER_CLASSES);
                names.push_back(path);

                float d[FN_DESCRIPTOR_LENGTH];
                both_ms.push_back(fastest_ms(repeat, [&] {
                    check(fn_dlib_age_gender(ctx, img, &boxes[f], &lm, &age, &female, err, sizeof err), "age_gender", err);
                }));
                age_ms.push_back(fastest_ms(repeat, [&] {
                    check(fn_dlib_age_gender(ctx, img, &boxes[f], &lm, &age, nullptr, err, sizeof err), "age", err);
                }));
                gender_ms.push_back(fastest_ms(repeat, [&] {
                    check(fn_dlib_age_gender(ctx, img, &boxes[f], &lm, nullptr, &female, err, sizeof err), "gender", err);
                }));
                descriptor_ms.push_back(fastest_ms(repeat, [&] {
                    check(fn_dlib_descriptor(ctx, img, &boxes[f], &lm, d, err, sizeof err), "fn_dlib_descriptor", err);
                }));
            }
            fn_dlib_free(boxes);
            fn_dlib_image_destroy(img);
        }
        fn_dlib_destroy(ctx);

        const uint32_t n = static_cast<uint32_t>(names.size());
        std::ofstream chips(chips_path, std::ios::binary), probs(probs_path, std::ios::binary);
        write_header(chips, "FNAGCHP1", n, FN_AGE_CHIP_SIZE, FN_GENDER_CHIP_SIZE);
        chips.write(reinterpret_cast<const char *>(age_chips.data()), static_cast<std::streamsize>(age_chips.size()));
        chips.write(reinterpret_cast<const char *>(gender_chips.data()), static_cast<std::streamsize>(gender_chips.size()));
        write_header(probs, "FNAGPRB1", n, FN_AGE_CLASSES, FN_GENDER_CLASSES);
        probs.write(reinterpret_cast<const char *>(age_probs.data()), static_cast<std::streamsize>(age_probs.size() * 4));
        probs.write(reinterpret_cast<const char *>(gender_probs.data()), static_cast<std::streamsize>(gender_probs.size() * 4));
        if (!chips || !probs)
            throw std::runtime_error("cannot write " + chips_path + " or " + probs_path);

        std::printf("dlib: %u faces from %zu photos (%zu unreadable); networks loaded in %.0f ms\n", n, photos,
                    images.size() - photos, load_ms);
        std::printf("dlib per face (median of each face's fastest of %d, one thread, chip extraction included):\n", repeat);
        std::printf("  age + gender  %7.2f ms  (age %.2f ms, gender %.2f ms)\n", median(both_ms), median(age_ms),
                    median(gender_ms));
        std::printf("  descriptor    %7.2f ms  (age + gender = %.0f %% of it)\n", median(descriptor_ms),
                    100 * median(both_ms) / median(descriptor_ms));
    } catch (const std::exception &e) {
        std::fprintf(stderr, "compare: %s\n", e.what());
        return 1;
    }
    return 0;
}
