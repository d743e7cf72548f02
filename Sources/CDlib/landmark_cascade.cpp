// See landmark_cascade.h.
#include "landmark_cascade.h"

#include <xmmintrin.h>

#include <sstream>
#include <stdexcept>

namespace fn {

LandmarkCascade::LandmarkCascade(const dlib::shape_predictor &predictor) {
    // dlib::serialize(shape_predictor) writes version 1, the initial shape, the forests, anchor_idx and deltas.
    std::stringstream model;
    dlib::serialize(predictor, model);
    int version = 0;
    std::vector<std::vector<dlib::impl::regression_tree>> forests;
    std::vector<std::vector<unsigned long>> anchor_idx;
    std::vector<std::vector<dlib::vector<float, 2>>> deltas;
    dlib::deserialize(version, model);
    if (version != 1)
        throw std::runtime_error("unexpected dlib shape_predictor version");
    dlib::deserialize(initial_shape, model);
    dlib::deserialize(forests, model);
    dlib::deserialize(anchor_idx, model);
    dlib::deserialize(deltas, model);
    if (forests.size() != anchor_idx.size() || forests.size() != deltas.size())
        throw std::runtime_error("the landmark model's cascade levels disagree in number");
    const long length = initial_shape.size();
    for (size_t l = 0; l < forests.size(); l++) {
        Level level;
        level.trees = static_cast<long>(forests[l].size());
        level.anchor_idx = anchor_idx[l];
        level.deltas = deltas[l];
        if (level.trees > 0) {
            level.splits_per_tree = static_cast<long>(forests[l][0].splits.size());
            level.leaves_per_tree = static_cast<long>(forests[l][0].leaf_values.size());
        }
        // Full trees of one depth per level (what dlib's trainer makes), and indices inside the feature pixels,
        // which dlib requires too: a model that breaks either is refused, and dlib's own predictor runs.
        if (level.leaves_per_tree != level.splits_per_tree + 1)
            throw std::runtime_error("the landmark model's trees are not full binary trees");
        level.splits.reserve(level.trees * level.splits_per_tree);
        level.leaves.reserve(level.trees * level.leaves_per_tree * length);
        for (const dlib::impl::regression_tree &tree : forests[l]) {
            if (static_cast<long>(tree.splits.size()) != level.splits_per_tree ||
                static_cast<long>(tree.leaf_values.size()) != level.leaves_per_tree)
                throw std::runtime_error("the landmark model's trees differ in depth within a level");
            for (const dlib::impl::split_feature &split : tree.splits) {
                if (split.idx1 >= level.anchor_idx.size() || split.idx2 >= level.anchor_idx.size())
                    throw std::runtime_error("a landmark model split reads a feature pixel the level lacks");
                level.splits.push_back({static_cast<unsigned int>(split.idx1), static_cast<unsigned int>(split.idx2),
                                        split.thresh});
            }
            for (const dlib::matrix<float, 0, 1> &leaf : tree.leaf_values) {
                if (leaf.size() != length)
                    throw std::runtime_error("a landmark model leaf is not the length of the shape");
                level.leaves.insert(level.leaves.end(), &leaf(0), &leaf(0) + length);
            }
        }
        levels.push_back(std::move(level));
    }
}

void LandmarkCascade::add_level(const Level &level, const std::vector<float> &feature_pixel_values, float *shape,
                                std::vector<const float *> &leaves) const {
    const long trees = level.trees, splits = level.splits_per_tree, length = initial_shape.size();
    const long split_bytes = splits * static_cast<long>(sizeof(Split));
    const float *const values = feature_pixel_values.data();
    auto prefetch_splits = [&](long t) {
        const char *first = reinterpret_cast<const char *>(&level.splits[t * splits]);
        for (long offset = 0; offset < split_bytes; offset += 64)
            _mm_prefetch(first + offset, _MM_HINT_T0);
        _mm_prefetch(first + split_bytes - 1, _MM_HINT_T0);
    };
    // The splits of the trees `ahead` of the one walked are on their way from memory while it is walked.
    constexpr long ahead = 8;
    for (long t = 0; t < std::min(ahead, trees); t++)
        prefetch_splits(t);
    leaves.resize(trees);
    for (long t = 0; t < trees; t++) {
        if (t + ahead < trees)
            prefetch_splits(t + ahead);
        // dlib's regression_tree::operator(): left child 2i + 1 when the pixel difference exceeds the threshold,
        // else right child 2i + 2; the same comparison of the same floats, as arithmetic instead of a branch.
        const Split *s = &level.splits[t * splits];
        long i = 0;
        while (i < splits) {
            const bool left = values[s[i].idx1] - values[s[i].idx2] > s[i].thresh;
            i = 2 * i + 2 - static_cast<long>(left);
        }
        const float *leaf = &level.leaves[(t * level.leaves_per_tree + (i - splits)) * length];
        _mm_prefetch(reinterpret_cast<const char *>(leaf), _MM_HINT_T0);
        _mm_prefetch(reinterpret_cast<const char *>(leaf + length) - 1, _MM_HINT_T0);
        leaves[t] = leaf;
    }
    // dlib's `current_shape += leaf` for tree 0, 1, …: each coordinate's sum in dlib's order.
    for (long t = 0; t < trees; t++) {
        const float *leaf = leaves[t];
        for (long e = 0; e < length; e++)
            shape[e] += leaf[e];
    }
}

} // namespace fn
