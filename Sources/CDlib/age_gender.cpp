// The two networks of dlib's example programs dnn_gender_classifier_v1_ex.cpp and dnn_age_predictor_v1_ex.cpp
// (Cydral Technology, CC0), layer for layer, so that dlib's layer<i> is the ONNX graph's layer_i: the converter
// named every initialiser after the dlib layer index it came from (layer_52_weights is layer<52>'s con_ filters,
// layer_51_scale/offset layer<51>'s affine_ gamma/beta, layer_5_scalar layer<5>'s multiply_ value). Parameters are
// filled after one forward pass has set every layer up, each size checked against the ONNX dims.
//
// The ONNX graphs' Pad nodes are dlib's add_prev, which adds tensors of different shapes as if both were
// zero-padded on their trailing channels, rows and columns; they carry no parameters.
#include "age_gender.h"
#include "onnx_weights.h"
#include "residual_blocks.h"
#include "winograd_conv.h"

#include <dlib/dnn.h>

#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

namespace fn {
namespace net {
using namespace dlib;

// Gender: a small VGG-like CNN on a 32 × 32 chip; the dropout layers of training are multiply_ at inference.
// Layer indices: 19 con, 18 affine, 17 relu, 16 con, 15 affine, 14 relu, 13 avg_pool, 12 con, 11 affine, 10 relu,
// 9 con, 8 affine, 7 relu, 6 avg_pool, 5 multiply, 4 fc<16>, 3 relu, 2 multiply, 1 fc<2>, 0 loss.
using gender_type = loss_multiclass_log<fc<2, multiply<relu<fc<16, multiply<
    avg_pool<2, 2, 2, 2, relu<affine<con<64, 3, 3, 1, 1, relu<affine<con<64, 3, 3, 1, 1,
    avg_pool<2, 2, 2, 2, relu<affine<con<32, 3, 3, 1, 1, relu<affine<con<32, 3, 3, 1, 1,
    input_rgb_image_sized<32>>>>>>>>>>>>>>>>>>>>>;

// Age: ResNet-10 on a 64 × 64 chip, built from dlib's residual blocks (residual_blocks.h).

template <typename SUBNET> using alevel1 = ares<256, ares_down<256, SUBNET>>;
template <typename SUBNET> using alevel2 = ares<128, ares_down<128, SUBNET>>;
template <typename SUBNET> using alevel3 = ares<64, SUBNET>;

// Layer indices: 53 input, 52 con 7×7/2, 51 affine, 50 relu, 49 max_pool; ares<64> 48–41; ares_down<128> 40–30;
// ares<128> 29–22; ares_down<256> 21–11; ares<256> 10–3; 2 avg_pool_everything, 1 fc<81>, 0 loss.
using age_type = loss_multiclass_log<fc<81, avg_pool_everything<alevel1<alevel2<alevel3<
    max_pool<3, 3, 2, 2, relu<affine<con<64, 7, 7, 2, 2, input_rgb_image_sized<64>>>>>>>>>>>;
} // namespace net

namespace {

// Fills layers from one ONNX file and remembers which initialisers it used.
class Filler {
public:
    explicit Filler(const std::string &path) : weights(path) {}

    // con_: filters (num_filters × k × nr × nc, ONNX's OIHW) then num_filters biases.
    template <typename Layer> void con(Layer &l, int index) {
        auto &details = l.layer_details();
        dlib::tensor &params = details.get_layer_params();
        const OnnxTensor &w = take(index, "weights"), &b = take(index, "bias");
        const long n = details.num_filters(), nr = details.nr(), nc = details.nc();
        const long k = n > 0 ? (static_cast<long>(params.size()) - n) / (n * nr * nc) : 0;
        expect(index, "weights", w, {n, k, nr, nc});
        expect(index, "bias", b, {n});
        if (params.size() != w.values.size() + b.values.size())
            mismatch(index, "con", params.size(), w.values.size() + b.values.size());
        copy(params.host(), w, b);
    }

    // fc_: an (inputs + 1) × outputs matrix, the weights (ONNX Gemm's B, inputs × outputs) then the bias row.
    template <typename Layer> void fc(Layer &l, int index) {
        auto &details = l.layer_details();
        dlib::tensor &params = details.get_layer_params();
        const OnnxTensor &w = take(index, "weights"), &b = take(index, "bias");
        const long outputs = static_cast<long>(details.get_num_outputs());
        if (details.bias_is_disabled())
            fail(index, "is an fc layer without bias, the ONNX Gemm has one");
        const long inputs = static_cast<long>(params.size()) / outputs - 1;
        expect(index, "weights", w, {inputs, outputs});
        expect(index, "bias", b, {outputs});
        if (params.size() != w.values.size() + b.values.size())
            mismatch(index, "fc", params.size(), w.values.size() + b.values.size());
        copy(params.host(), w, b);
    }

    // affine_ in CONV_MODE: gamma then beta, one per channel (ONNX Mul by scale, Add offset, both 1 × C × 1 × 1).
    template <typename Layer> void affine(Layer &l, int index) {
        auto &details = l.layer_details();
        if (details.get_mode() != dlib::CONV_MODE)
            fail(index, "is an affine layer not in CONV_MODE");
        auto gamma = details.get_gamma();
        auto beta = details.get_beta();
        const OnnxTensor &scale = take(index, "scale"), &offset = take(index, "offset");
        const long channels = static_cast<long>(gamma.size());
        expect(index, "scale", scale, {1, channels, 1, 1});
        expect(index, "offset", offset, {1, channels, 1, 1});
        if (beta.size() != gamma.size())
            mismatch(index, "affine beta", beta.size(), gamma.size());
        std::copy(scale.values.begin(), scale.values.end(), gamma.host());
        std::copy(offset.values.begin(), offset.values.end(), beta.host());
    }

    // multiply_: one scalar (1 − the drop rate of the dropout layer it replaces).
    template <typename Layer> void multiply(Layer &l, int index) {
        const OnnxTensor &s = take(index, "scalar");
        expect(index, "scalar", s, {1});
        l.layer_details() = dlib::multiply_(s.values[0]);
    }

    // Every FLOAT initialiser must have gone into a layer: one left over means the graph is not this network.
    void check_all_used() const {
        for (const auto &named : weights.all())
            if (named.second.data_type == 1 && !used.count(named.first))
                throw std::runtime_error(weights.path() + ": initialiser " + named.first +
                                         " matches no layer of the dlib network");
    }

private:
    const OnnxTensor &take(int index, const char *what) {
        const std::string name = "layer_" + std::to_string(index) + "_" + what;
        used.insert(name);
        return weights.at(name);
    }

    [[noreturn]] void fail(int index, const std::string &why) const {
        throw std::runtime_error(weights.path() + ": dlib layer " + std::to_string(index) + " " + why);
    }

    [[noreturn]] void mismatch(int index, const char *what, size_t dlib_size, size_t onnx_size) const {
        fail(index, std::string("(") + what + ") holds " + std::to_string(dlib_size) + " parameters, the ONNX file " +
                        std::to_string(onnx_size));
    }

    void expect(int index, const char *what, const OnnxTensor &t, const std::vector<long> &dims) const {
        bool same = t.dims.size() == dims.size();
        for (size_t i = 0; same && i < dims.size(); i++)
            same = t.dims[i] == dims[i];
        if (same)
            return;
        auto show = [](const auto &v) {
            std::string s = "[";
            for (size_t i = 0; i < v.size(); i++)
                s += (i ? ", " : "") + std::to_string(v[i]);
            return s + "]";
        };
        fail(index, std::string("wants ") + what + " of shape " + show(dims) + ", layer_" + std::to_string(index) +
                        "_" + what + " is " + show(t.dims));
    }

    static void copy(float *to, const OnnxTensor &first, const OnnxTensor &second) {
        to = std::copy(first.values.begin(), first.values.end(), to);
        std::copy(second.values.begin(), second.values.end(), to);
    }

    OnnxWeights weights;
    std::set<std::string> used;
};

// Softmax in double, as loss_multiclass_log's probabilities; the largest output subtracted first.
void softmax(const dlib::tensor &logits, long classes, float *out) {
    if (logits.num_samples() != 1 || logits.size() != static_cast<size_t>(classes))
        throw std::runtime_error("the network returned " + std::to_string(logits.size()) + " outputs, not " +
                                 std::to_string(classes));
    const float *x = logits.host();
    double top = x[0];
    for (long i = 1; i < classes; i++)
        top = std::max(top, static_cast<double>(x[i]));
    double sum = 0;
    for (long i = 0; i < classes; i++)
        sum += std::exp(x[i] - top);
    for (long i = 0; i < classes; i++)
        out[i] = static_cast<float>(std::exp(x[i] - top) / sum);
}

void check_chip(const dlib::matrix<dlib::rgb_pixel> &chip, long size, const char *which) {
    if (chip.nr() != size || chip.nc() != size)
        throw std::runtime_error(std::string("the ") + which + " chip is " + std::to_string(chip.nc()) + " × " +
                                 std::to_string(chip.nr()) + ", not " + std::to_string(size) + " × " +
                                 std::to_string(size));
}

} // namespace

struct AgeGenderNetworks::Impl {
    net::age_type age;
    net::gender_type gender;
};

AgeGenderNetworks::AgeGenderNetworks(const std::string &age_onnx, const std::string &gender_onnx) : impl(new Impl) {
    using dlib::layer;
    try {
        auto &n = impl->gender;
        // A default affine_ is in FC_MODE (one gamma per value); these were bn_con layers: one per channel.
        layer<18>(n).layer_details() = dlib::affine_(dlib::CONV_MODE);
        layer<15>(n).layer_details() = dlib::affine_(dlib::CONV_MODE);
        layer<11>(n).layer_details() = dlib::affine_(dlib::CONV_MODE);
        layer<8>(n).layer_details() = dlib::affine_(dlib::CONV_MODE);
        n.subnet()(dlib::matrix<dlib::rgb_pixel>(gender_chip_size, gender_chip_size)); // sets every layer up

        Filler f(gender_onnx);
        f.con(layer<19>(n), 19);
        f.affine(layer<18>(n), 18);
        f.con(layer<16>(n), 16);
        f.affine(layer<15>(n), 15);
        f.con(layer<12>(n), 12);
        f.affine(layer<11>(n), 11);
        f.con(layer<9>(n), 9);
        f.affine(layer<8>(n), 8);
        f.multiply(layer<5>(n), 5);
        f.fc(layer<4>(n), 4);
        f.multiply(layer<2>(n), 2);
        f.fc(layer<1>(n), 1);
        f.check_all_used();
    } catch (const std::exception &e) {
        throw std::runtime_error(std::string("the gender network: ") + e.what());
    }
    try {
        auto &n = impl->age;
        for (auto *details : {&layer<51>(n).layer_details(), &layer<46>(n).layer_details(),
                              &layer<43>(n).layer_details(), &layer<38>(n).layer_details(),
                              &layer<35>(n).layer_details(), &layer<27>(n).layer_details(),
                              &layer<24>(n).layer_details(), &layer<19>(n).layer_details(),
                              &layer<16>(n).layer_details(), &layer<8>(n).layer_details(),
                              &layer<5>(n).layer_details()})
            *details = dlib::affine_(dlib::CONV_MODE);
        n.subnet()(dlib::matrix<dlib::rgb_pixel>(age_chip_size, age_chip_size));

        Filler f(age_onnx);
        f.con(layer<52>(n), 52);
        f.affine(layer<51>(n), 51);
        f.con(layer<47>(n), 47);
        f.affine(layer<46>(n), 46);
        f.con(layer<44>(n), 44);
        f.affine(layer<43>(n), 43);
        f.con(layer<39>(n), 39);
        f.affine(layer<38>(n), 38);
        f.con(layer<36>(n), 36);
        f.affine(layer<35>(n), 35);
        f.con(layer<28>(n), 28);
        f.affine(layer<27>(n), 27);
        f.con(layer<25>(n), 25);
        f.affine(layer<24>(n), 24);
        f.con(layer<20>(n), 20);
        f.affine(layer<19>(n), 19);
        f.con(layer<17>(n), 17);
        f.affine(layer<16>(n), 16);
        f.con(layer<9>(n), 9);
        f.affine(layer<8>(n), 8);
        f.con(layer<6>(n), 6);
        f.affine(layer<5>(n), 5);
        f.fc(layer<1>(n), 1);
        f.check_all_used();
    } catch (const std::exception &e) {
        throw std::runtime_error(std::string("the age network: ") + e.what());
    }
    // The set-up passes above ran the convolutions on the filters before they were filled in place: the Winograd
    // convolution's transforms of those must go.
    fn_winograd_forget_filters();
}

AgeGenderNetworks::~AgeGenderNetworks() {
    impl.reset();
    fn_winograd_forget_filters();
}

void AgeGenderNetworks::age_probabilities(const dlib::matrix<dlib::rgb_pixel> &chip, float out[age_classes]) {
    check_chip(chip, age_chip_size, "age");
    softmax(impl->age.subnet()(chip), age_classes, out);
}

void AgeGenderNetworks::gender_probabilities(const dlib::matrix<dlib::rgb_pixel> &chip, float out[gender_classes]) {
    check_chip(chip, gender_chip_size, "gender");
    softmax(impl->gender.subnet()(chip), gender_classes, out);
}

float AgeGenderNetworks::expected_age(const float p[age_classes]) {
    float age = 0.25f * p[0];
    for (long i = 1; i < age_classes; i++) {
        const float term = static_cast<float>(i) * p[i];
        age += term;
    }
    return age;
}

} // namespace fn
