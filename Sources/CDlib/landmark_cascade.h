// dlib's shape predictor (Kazemi & Sullivan, "One Millisecond Face Alignment with an Ensemble of Regression
// Trees", CVPR 2014; dlib::shape_predictor) with its trees laid out for the memory system, giving dlib's landmarks
// float for float.
//
// dlib's 5-point model holds 15 cascade levels of 500 trees, each with 15 splits and 16 leaves of 10 floats: about
// 6 MB, more than a core's L2 cache, so each of the 7,500 trees a face runs through costs cache misses, and in
// dlib's layout two dependent ones per leaf (each leaf is its own heap block behind a matrix header). perf put 57 %
// of dlib's predictor on the one instruction that reads a leaf (4.6 % of all extraction time), about 1 ms a face.
//
// Here each level's trees are flat arrays (splits 12 bytes each, leaves 10 floats each, one block per level), the
// trees of a level are walked first without branches, prefetching the splits of trees ahead and each tree's leaf,
// and the leaves are then added to the shape in dlib's order (tree 0, 1, …), so every sum is dlib's. The rest (the
// feature pixels, the similarity transforms, the final mapping to the image) is dlib's own code.
#pragma once

#include <dlib/image_processing/shape_predictor.h>

#include <vector>

namespace fn {

class LandmarkCascade {
  public:
    /// Takes a loaded predictor's model (read back through dlib's own serialisation, since its fields are private).
    explicit LandmarkCascade(const dlib::shape_predictor &predictor);

    /// The landmarks dlib's `predictor(img, rect)` gives.
    template <typename Image> dlib::full_object_detection operator()(const Image &img, const dlib::rectangle &rect) const;

  private:
    struct Split {
        unsigned int idx1, idx2; // feature pixels compared
        float thresh;
    };
    struct Level {
        long trees = 0, splits_per_tree = 0, leaves_per_tree = 0;
        std::vector<Split> splits;   // tree t's splits at t × splits_per_tree
        std::vector<float> leaves;   // tree t's leaf l at (t × leaves_per_tree + l) × shape length
        std::vector<unsigned long> anchor_idx;
        std::vector<dlib::vector<float, 2>> deltas;
    };
    dlib::matrix<float, 0, 1> initial_shape;
    std::vector<Level> levels;

    /// Adds a level's trees to `shape` (length initial_shape.size()) for the level's feature pixel values.
    void add_level(const Level &level, const std::vector<float> &feature_pixel_values, float *shape,
                   std::vector<const float *> &leaves) const;
};

template <typename Image>
dlib::full_object_detection LandmarkCascade::operator()(const Image &img, const dlib::rectangle &rect) const {
    // dlib::shape_predictor::operator() (dlib 19.24), with the trees' sum in add_level.
    dlib::matrix<float, 0, 1> current_shape = initial_shape;
    std::vector<float> feature_pixel_values;
    std::vector<const float *> leaves;
    for (const Level &level : levels) {
        dlib::impl::extract_feature_pixel_values(img, rect, current_shape, initial_shape, level.anchor_idx,
                                                 level.deltas, feature_pixel_values);
        add_level(level, feature_pixel_values, &current_shape(0), leaves);
    }
    const dlib::point_transform_affine tform_to_img = dlib::impl::unnormalizing_tform(rect);
    std::vector<dlib::point> parts(current_shape.size() / 2);
    for (unsigned long i = 0; i < parts.size(); ++i)
        parts[i] = tform_to_img(dlib::impl::location(current_shape, i));
    return dlib::full_object_detection(rect, parts);
}

} // namespace fn
