// The ResNet face descriptor network, kept behind a small interface so that its heavy template instantiation
// lives in one translation unit (resnet.cpp, ~20 s and 770 MB to compile) that is rarely rebuilt.
#pragma once

#include <dlib/matrix.h>
#include <dlib/pixel.h>
#include <memory>
#include <string>

namespace fn {

class DescriptorNetwork {
public:
    /// Deserialises dlib_face_recognition_resnet_model_v1.dat; throws dlib::serialization_error.
    explicit DescriptorNetwork(const std::string &path);
    ~DescriptorNetwork();
    /// 128-d descriptor of one 150 × 150 aligned chip.
    dlib::matrix<float, 0, 1> compute(const dlib::matrix<dlib::rgb_pixel> &chip);

private:
    struct Impl;
    std::unique_ptr<Impl> impl;
};

} // namespace fn
