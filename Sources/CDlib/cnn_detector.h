// dlib's CNN face detector (max-margin object detection, MMOD), behind a small interface so that its network
// type is instantiated in one translation unit.
#pragma once

#include <dlib/geometry.h>
#include <dlib/matrix.h>
#include <dlib/pixel.h>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace fn {

class CNNFaceDetector {
public:
    /// Deserialises mmod_human_face_detector.dat; throws dlib::serialization_error.
    explicit CNNFaceDetector(const std::string &path);
    ~CNNFaceDetector();
    /// Detections (box, confidence) on `image` (a copy: the network wants dlib's matrix) upsampled `upsample` times, boxes mapped back to `image`.
    std::vector<std::pair<dlib::rectangle, double>> detect(dlib::matrix<dlib::rgb_pixel> image, int upsample);

private:
    struct Impl;
    std::unique_ptr<Impl> impl;
};

} // namespace fn
