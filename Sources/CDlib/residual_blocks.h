// dlib's residual building blocks as its dnn examples define them (dnn_face_recognition_ex.cpp,
// dnn_age_predictor_v1_ex.cpp): a block of two 3 × 3 convolutions with a normalisation after each, added to its
// input (residual), or to its input pooled 2 × 2 when the block strides by 2 (residual_down). Shared by the
// descriptor network (resnet.cpp) and the age network (age_gender.cpp), whose serialised weights follow them.
#pragma once

#include <dlib/dnn.h>

namespace fn {
namespace net {

template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual = dlib::add_prev1<block<N, BN, 1, dlib::tag1<SUBNET>>>;

template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual_down =
    dlib::add_prev2<dlib::avg_pool<2, 2, 2, 2, dlib::skip1<dlib::tag2<block<N, BN, 2, dlib::tag1<SUBNET>>>>>>;

template <int N, template <typename> class BN, int stride, typename SUBNET>
using block = BN<dlib::con<N, 3, 3, 1, 1, dlib::relu<BN<dlib::con<N, 3, 3, stride, stride, SUBNET>>>>>;

template <int N, typename SUBNET> using ares = dlib::relu<residual<block, N, dlib::affine, SUBNET>>;
template <int N, typename SUBNET> using ares_down = dlib::relu<residual_down<block, N, dlib::affine, SUBNET>>;

} // namespace net
} // namespace fn
