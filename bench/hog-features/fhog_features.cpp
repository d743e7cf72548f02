// Times dlib's HOG feature extraction (extract_fhog_features through its generic image path) against this
// package's AVX2 build of it (Sources/CDlibHOGAVX2/fhog_features.h, or a patched copy given by FHOG_HEADER) on
// the pyramid levels the detector makes of each photo: the photo upsampled once (pyramid_up, as
// face_recognition's default number_of_times_to_upsample=1), then pyramid_down<6> down to 80 px. Counts the
// feature floats that differ (the build must give dlib's floats exactly) and prints both times, summed over three
// passes.
// Usage: fhog_features PHOTO...   (build: see `run`)
#include "rgb_view.h"
#include FHOG_HEADER

#include <dlib/image_io.h>
#include <dlib/image_transforms.h>

#include <chrono>
#include <cstdio>
#include <vector>

int main(int argc, char **argv) {
    using namespace dlib;
    std::vector<matrix<rgb_pixel>> levels;
    for (int i = 1; i < argc; i++) {
        matrix<rgb_pixel> image;
        load_image(image, argv[i]);
        pyramid_up(image);
        levels.push_back(image);
        pyramid_down<6> down;
        while (levels.back().nr() > 80 && levels.back().nc() > 80) {
            matrix<rgb_pixel> next;
            down(levels.back(), next);
            levels.push_back(next);
        }
    }
    double dlib_seconds = 0, ours_seconds = 0;
    long differing = 0, floats = 0;
    for (int pass = 0; pass < 3; pass++)
        for (const auto &level : levels) {
            // dlib's own template runs for the view; the specialisation in FHOG_HEADER for the matrix.
            const fn::RGBView view{reinterpret_cast<const uint8_t *>(&level(0, 0)), level.nc(), level.nr()};
            dlib::array<array2d<float>> theirs, ours;
            const auto t0 = std::chrono::steady_clock::now();
            extract_fhog_features(view, theirs, 8, 10, 10);
            const auto t1 = std::chrono::steady_clock::now();
            extract_fhog_features(level, ours, 8, 10, 10);
            const auto t2 = std::chrono::steady_clock::now();
            dlib_seconds += std::chrono::duration<double>(t1 - t0).count();
            ours_seconds += std::chrono::duration<double>(t2 - t1).count();
            if (pass > 0)
                continue;
            for (unsigned long k = 0; k < theirs.size(); k++)
                for (long r = 0; r < theirs[k].nr(); r++)
                    for (long c = 0; c < theirs[k].nc(); c++, floats++)
                        differing += theirs[k][r][c] != ours[k][r][c];
        }
    std::printf("%zu pyramid levels of %d photos, %ld feature floats, %ld differ from dlib's; "
                "dlib %.3f s, this build %.3f s (three passes)\n",
                levels.size(), argc - 1, floats, differing, dlib_seconds, ours_seconds);
    return differing == 0 ? 0 : 1;
}
