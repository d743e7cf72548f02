// mmod_human_face_detector: a CNN trained with dlib's max-margin object detection loss (King, "Max-Margin Object
// Detection", arXiv:1502.00046, 2015; dnn_mmod_face_detection_ex.cpp). More accurate than HOG on turned and
// small faces; 2-4 s per megapixel on one CPU core. The network type must match the serialised model.
#include "cnn_detector.h"

#include <dlib/dnn.h>
#include <dlib/image_transforms.h>

namespace fn {
namespace mmod {
using namespace dlib;
template <long num_filters, typename SUBNET> using con5d = con<num_filters, 5, 5, 2, 2, SUBNET>;
template <long num_filters, typename SUBNET> using con5 = con<num_filters, 5, 5, 1, 1, SUBNET>;
template <typename SUBNET>
using downsampler = relu<affine<con5d<32, relu<affine<con5d<32, relu<affine<con5d<16, SUBNET>>>>>>>>>;
template <typename SUBNET> using rcon5 = relu<affine<con5<45, SUBNET>>>;
using net_type = loss_mmod<con<1, 9, 9, 1, 1, rcon5<rcon5<rcon5<downsampler<input_rgb_image_pyramid<pyramid_down<6>>>>>>>>;
} // namespace mmod

struct CNNFaceDetector::Impl {
    mmod::net_type network;
};

CNNFaceDetector::CNNFaceDetector(const std::string &path) : impl(new Impl) {
    dlib::deserialize(path) >> impl->network;
}

CNNFaceDetector::~CNNFaceDetector() = default;

std::vector<std::pair<dlib::rectangle, double>> CNNFaceDetector::detect(dlib::matrix<dlib::rgb_pixel> work,
                                                                        int upsample) {
    // As dlib's Python binding (cnn_face_detection_model_v1): pyramid_up N times, detect, map rects back down.
    dlib::pyramid_down<2> pyr;
    for (int level = 0; level < upsample; level++)
        dlib::pyramid_up(work, pyr);
    std::vector<std::pair<dlib::rectangle, double>> out;
    for (auto &d : impl->network(work))
        out.emplace_back(pyr.rect_down(d.rect, upsample), d.detection_confidence);
    return out;
}

} // namespace fn
