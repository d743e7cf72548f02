// Times dlib's separable filtering of the HOG detector's filter bank (its generic float_spatially_filter_image_separable)
// against this package's AVX2 build of it (Sources/CDlibHOGAVX2/separable_filter.h, or another copy given by
// FILTER_HEADER) on the feature pyramids the detector makes of each photo: upsampled once, pyramid_down<6> levels,
// the five filters of dlib's frontal face detector (305 separable components over 31 planes), each level's
// saliency image made as dlib's apply_filters_to_fhog makes it. Counts the saliency floats that differ (the build
// must give dlib's floats exactly) and prints both times, summed over three passes, and the time per 8-output
// vector pass (row or column).
// Usage: filter_bank PHOTO...   (build: see `run`)
#include FILTER_HEADER

#include <dlib/image_io.h>
#include <dlib/image_processing/frontal_face_detector.h>

#include <chrono>
#include <cstdio>
#include <vector>

using namespace dlib;

// dlib's own template runs for a column-major filter type, which the specialisation does not cover.
using column_major_filter = matrix<float, 0, 1, default_memory_manager, column_major_layout>;

struct Components {   // one detector's separable components per plane, as dlib's fhog_filterbank holds them
    std::vector<std::vector<matrix<float, 0, 1>>> row, col;
    std::vector<std::vector<column_major_filter>> row2, col2;
};

// apply_filters_to_fhog's separable branch (the one the frontal face detector takes), for either filter type.
template <typename Filter>
rectangle saliency(const std::vector<std::vector<Filter>> &row, const std::vector<std::vector<Filter>> &col,
                   const dlib::array<array2d<float>> &feats, array2d<float> &out, array2d<float> &scratch) {
    out.clear();
    rectangle area;
    for (unsigned long i = 0; i < row.size(); ++i)
        for (unsigned long j = 0; j < row[i].size(); ++j)
            area = float_spatially_filter_image_separable(feats[i], out, row[i][j], col[i][j], scratch, out.size() != 0);
    return area;
}

int main(int argc, char **argv) {
    frontal_face_detector detector = get_frontal_face_detector();
    const auto &scanner = detector.get_scanner();
    std::vector<Components> bank(detector.num_detectors());
    for (unsigned d = 0; d < detector.num_detectors(); d++) {
        const auto &w = detector.get_processed_w(d).get_detect_argument();
        bank[d].row = w.row_filters;
        bank[d].col = w.col_filters;
        for (unsigned long i = 0; i < w.row_filters.size(); i++) {
            bank[d].row2.emplace_back(w.row_filters[i].begin(), w.row_filters[i].end());
            bank[d].col2.emplace_back(w.col_filters[i].begin(), w.col_filters[i].end());
        }
    }
    std::vector<dlib::array<dlib::array<array2d<float>>>> pyramids;
    for (int i = 1; i < argc; i++) {
        matrix<rgb_pixel> image;
        load_image(image, argv[i]);
        pyramid_up(image);
        dlib::array<dlib::array<array2d<float>>> feats;
        impl::create_fhog_pyramid<pyramid_down<6>>(image, scanner.get_feature_extractor(), feats, scanner.get_cell_size(),
                                                   scanner.get_fhog_window_height(), scanner.get_fhog_window_width(),
                                                   scanner.get_min_pyramid_layer_width(),
                                                   scanner.get_min_pyramid_layer_height(), scanner.get_max_pyramid_levels());
        pyramids.push_back(std::move(feats));
    }
    double dlib_seconds = 0, ours_seconds = 0, vectors = 0;
    long differing = 0, floats = 0;
    array2d<float> theirs, ours, scratch;
    for (int pass = 0; pass < 3; pass++)
        for (const auto &feats : pyramids)
            for (const auto &filters : bank)
                for (unsigned long l = 0; l < feats.size(); l++) {
                    const auto t0 = std::chrono::steady_clock::now();
                    const rectangle a = saliency(filters.row2, filters.col2, feats[l], theirs, scratch);
                    const auto t1 = std::chrono::steady_clock::now();
                    const rectangle b = saliency(filters.row, filters.col, feats[l], ours, scratch);
                    const auto t2 = std::chrono::steady_clock::now();
                    dlib_seconds += std::chrono::duration<double>(t1 - t0).count();
                    ours_seconds += std::chrono::duration<double>(t2 - t1).count();
                    if (pass > 0)
                        continue;
                    // Vector passes: per component, the row pass over every row and the column pass over the
                    // output rows, each ceil(output columns / 8) vectors (the last one the left-over columns).
                    long components = 0;
                    for (const auto &plane : filters.row)
                        components += plane.size();
                    const long nr = feats[l][0].nr(), nc = feats[l][0].nc();
                    vectors += double(components) * (nr + (nr - 9)) * ((nc - 9 + 7) / 8);
                    if (a != b || theirs.nr() != ours.nr() || theirs.nc() != ours.nc()) {
                        differing += theirs.size();
                        continue;
                    }
                    for (long r = 0; r < ours.nr(); r++)
                        for (long c = 0; c < ours.nc(); c++, floats++)
                            differing += std::memcmp(&theirs[r][c], &ours[r][c], sizeof(float)) != 0;
                }
    std::printf("%zu photos, %.0f vector passes, %ld saliency floats, %ld differ from dlib's; dlib %.3f s, this build "
                "%.3f s (three passes; %.2f ns a vector pass)\n",
                pyramids.size(), vectors, floats, differing, dlib_seconds, ours_seconds, ours_seconds / 3 / vectors * 1e9);
    return differing == 0 ? 0 : 1;
}
