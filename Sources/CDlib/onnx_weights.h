// The float initialisers (weights) of an ONNX model, read straight from its protobuf wire format: no protobuf or
// ONNX library. Only what a converted dlib network needs is read: ModelProto.graph (field 7) →
// GraphProto.initializer (field 5) → TensorProto dims (1), data_type (2), float_data (4), name (8), raw_data (9).
// Everything else (the nodes, opset, metadata) is skipped by wire type.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fn {

struct OnnxTensor {
    std::vector<int64_t> dims;
    int32_t data_type = 0;     // TensorProto.DataType: 1 = FLOAT, 7 = INT64, ...
    std::vector<float> values; // FLOAT tensors only, row-major (C order) as ONNX stores them; empty otherwise
};

class OnnxWeights {
public:
    /// Reads every initialiser of the model at `path`. Throws std::runtime_error naming the file on a missing or
    /// unreadable file, on truncated or malformed protobuf, on external data, and on a FLOAT tensor whose element
    /// count does not match its dims.
    explicit OnnxWeights(const std::string &path);

    /// The FLOAT initialiser `name`; throws (naming the file and the tensor) when absent or not FLOAT.
    const OnnxTensor &at(const std::string &name) const;
    bool contains(const std::string &name) const { return tensors.count(name) != 0; }
    const std::map<std::string, OnnxTensor> &all() const { return tensors; }
    const std::string &path() const { return file; }

private:
    std::string file;
    std::map<std::string, OnnxTensor> tensors;
};

} // namespace fn
