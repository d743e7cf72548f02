// dlib_face_recognition_resnet_model_v1: a ResNet-34-like network with 29 conv layers trained by Davis King on
// about 3 million faces with a metric loss (dlib blog, 2017; dnn_face_recognition_ex.cpp). The network type below
// must match the serialised model exactly, layer for layer.
#include "resnet.h"
#include "residual_blocks.h"
#include "winograd_conv.h"

#include <dlib/dnn.h>

namespace fn {
namespace net {
using namespace dlib;


template <typename SUBNET> using alevel0 = ares_down<256, SUBNET>;
template <typename SUBNET> using alevel1 = ares<256, ares<256, ares_down<256, SUBNET>>>;
template <typename SUBNET> using alevel2 = ares<128, ares<128, ares_down<128, SUBNET>>>;
template <typename SUBNET> using alevel3 = ares<64, ares<64, ares<64, ares_down<64, SUBNET>>>>;
template <typename SUBNET> using alevel4 = ares<32, ares<32, ares<32, SUBNET>>>;

using anet_type = loss_metric<fc_no_bias<128, avg_pool_everything<
    alevel0<alevel1<alevel2<alevel3<alevel4<
    max_pool<3, 3, 2, 2, relu<affine<con<32, 7, 7, 2, 2, input_rgb_image_sized<150>>>>>>>>>>>>>;
} // namespace net

struct DescriptorNetwork::Impl {
    net::anet_type network;
};

DescriptorNetwork::DescriptorNetwork(const std::string &path) : impl(new Impl) {
    dlib::deserialize(path) >> impl->network;
}

DescriptorNetwork::~DescriptorNetwork() {
    impl.reset();
    fn_winograd_forget_filters();
}

dlib::matrix<float, 0, 1> DescriptorNetwork::compute(const dlib::matrix<dlib::rgb_pixel> &chip) {
    return impl->network(chip);
}

} // namespace fn
