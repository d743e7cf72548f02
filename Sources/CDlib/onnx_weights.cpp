// Protobuf wire format (protobuf.dev/programming-guides/encoding): a message is a run of fields, each a varint key
// (field number << 3 | wire type) and a value: 0 varint, 1 fixed 8 bytes, 2 a varint length then that many bytes
// (strings, bytes, nested messages, packed repeated numbers), 5 fixed 4 bytes. Numbers are little-endian.
// The field numbers are onnx.proto's (ONNX 1.x; stable since IR version 3).
#include "onnx_weights.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace fn {
namespace {

enum Wire { VARINT = 0, FIXED64 = 1, LENGTH = 2, FIXED32 = 5 };
constexpr int32_t FLOAT = 1; // TensorProto.DataType.FLOAT
constexpr int64_t EXTERNAL = 1; // TensorProto.DataLocation.EXTERNAL

// A window [p, end) of the file's bytes; `base` is the file's first byte, for offsets in messages.
class Reader {
public:
    Reader(const uint8_t *p, const uint8_t *end, const uint8_t *base, const std::string &file)
        : p(p), end(end), base(base), file(file) {}

    bool done() const { return p == end; }

    [[noreturn]] void fail(const std::string &why) const {
        std::ostringstream s;
        s << file << ": not a readable ONNX model: " << why << " (at byte " << (p - base) << ")";
        throw std::runtime_error(s.str());
    }

    [[noreturn]] void truncated(const char *what) const {
        std::ostringstream s;
        s << file << ": truncated or corrupt ONNX model: " << what << " runs past the end of its message (at byte "
          << (p - base) << ")";
        throw std::runtime_error(s.str());
    }

    uint64_t varint() {
        uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p == end)
                truncated("a varint");
            const uint8_t byte = *p++;
            value |= static_cast<uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        fail("a varint longer than 10 bytes");
    }

    // The next field's key; false at the end of the message.
    bool key(uint32_t &field, int &wire) {
        if (done())
            return false;
        const uint64_t k = varint();
        field = static_cast<uint32_t>(k >> 3);
        wire = static_cast<int>(k & 7);
        if (field == 0 || (k >> 3) > 0x1fffffff)
            fail("a field number of 0 or beyond 2^29");
        return true;
    }

    // The bytes of a length-delimited value, as a reader of their own.
    Reader nested() {
        const uint64_t length = varint();
        if (length > static_cast<uint64_t>(end - p))
            truncated("a length-delimited field");
        Reader inner(p, p + length, base, file);
        p += length;
        return inner;
    }

    void bytes(size_t n, const char *what) {
        if (n > static_cast<size_t>(end - p))
            truncated(what);
        p += n;
    }

    void skip(uint32_t field, int wire) {
        switch (wire) {
        case VARINT: varint(); break;
        case FIXED64: bytes(8, "a fixed 64-bit field"); break;
        case LENGTH: nested(); break;
        case FIXED32: bytes(4, "a fixed 32-bit field"); break;
        default: fail("field " + std::to_string(field) + " has wire type " + std::to_string(wire) +
                      " (groups or garbage)");
        }
    }

    void expect(uint32_t field, int wire, int wanted, const char *message) const {
        if (wire != wanted)
            fail(std::string(message) + " field " + std::to_string(field) + " has wire type " +
                 std::to_string(wire) + ", not " + std::to_string(wanted));
    }

    const uint8_t *p, *end;

private:
    const uint8_t *base;
    const std::string &file;
};

float little_endian_float(const uint8_t *b) {
    const uint32_t bits = static_cast<uint32_t>(b[0]) | static_cast<uint32_t>(b[1]) << 8 |
                          static_cast<uint32_t>(b[2]) << 16 | static_cast<uint32_t>(b[3]) << 24;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

std::string describe(const std::vector<int64_t> &dims) {
    std::string s = "[";
    for (size_t i = 0; i < dims.size(); i++)
        s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

// TensorProto: dims (1, int64, packed or not), data_type (2), float_data (4, packed or not), name (8),
// raw_data (9), external_data (13), data_location (14). segment (3) is refused: no converter writes it.
std::pair<std::string, OnnxTensor> read_tensor(Reader r, const std::string &file) {
    OnnxTensor t;
    std::string name;
    const uint8_t *raw = nullptr;
    size_t raw_size = 0;
    std::vector<float> float_data;
    bool external = false;
    uint32_t field;
    int wire;
    while (r.key(field, wire)) {
        switch (field) {
        case 1:
            if (wire == VARINT) {
                t.dims.push_back(static_cast<int64_t>(r.varint()));
            } else {
                r.expect(field, wire, LENGTH, "TensorProto");
                Reader packed = r.nested();
                while (!packed.done())
                    t.dims.push_back(static_cast<int64_t>(packed.varint()));
            }
            break;
        case 2:
            r.expect(field, wire, VARINT, "TensorProto");
            t.data_type = static_cast<int32_t>(r.varint());
            break;
        case 3: r.fail("a segmented tensor (TensorProto.segment), which this reader does not support");
        case 4:
            if (wire == FIXED32) {
                const uint8_t *at = r.p;
                r.bytes(4, "a float");
                float_data.push_back(little_endian_float(at));
            } else {
                r.expect(field, wire, LENGTH, "TensorProto");
                Reader packed = r.nested();
                const size_t n = static_cast<size_t>(packed.end - packed.p);
                if (n % 4 != 0)
                    packed.fail("packed float_data of " + std::to_string(n) + " bytes, not a multiple of 4");
                for (size_t i = 0; i < n; i += 4)
                    float_data.push_back(little_endian_float(packed.p + i));
            }
            break;
        case 8: {
            r.expect(field, wire, LENGTH, "TensorProto");
            Reader s = r.nested();
            name.assign(reinterpret_cast<const char *>(s.p), static_cast<size_t>(s.end - s.p));
            break;
        }
        case 9: {
            r.expect(field, wire, LENGTH, "TensorProto");
            Reader s = r.nested();
            raw = s.p;
            raw_size = static_cast<size_t>(s.end - s.p);
            break;
        }
        case 13:
            r.skip(field, wire);
            external = true;
            break;
        case 14:
            r.expect(field, wire, VARINT, "TensorProto");
            external = external || static_cast<int64_t>(r.varint()) == EXTERNAL;
            break;
        default: r.skip(field, wire);
        }
    }
    if (name.empty())
        r.fail("an initialiser without a name");
    if (external)
        throw std::runtime_error(file + ": initialiser " + name +
                                 " keeps its data in an external file, which this reader does not support");
    if (t.data_type != FLOAT)
        return {name, t};

    uint64_t count = 1;
    for (int64_t d : t.dims) {
        if (d < 0 || (d > 0 && count > std::numeric_limits<uint64_t>::max() / static_cast<uint64_t>(d)))
            throw std::runtime_error(file + ": initialiser " + name + " has impossible dims " + describe(t.dims));
        count *= static_cast<uint64_t>(d);
    }
    if (raw) {
        if (raw_size != count * 4)
            throw std::runtime_error(file + ": initialiser " + name + " has " + std::to_string(raw_size) +
                                     " bytes of raw_data for dims " + describe(t.dims) + " (" +
                                     std::to_string(count) + " floats)");
        t.values.resize(count);
        for (size_t i = 0; i < count; i++)
            t.values[i] = little_endian_float(raw + 4 * i);
    } else {
        if (float_data.size() != count)
            throw std::runtime_error(file + ": initialiser " + name + " has " + std::to_string(float_data.size()) +
                                     " values in float_data for dims " + describe(t.dims));
        t.values = std::move(float_data);
    }
    return {name, t};
}

} // namespace

OnnxWeights::OnnxWeights(const std::string &path) : file(path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error(path + ": cannot open the ONNX model: " + std::strerror(errno));
    const std::vector<uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw std::runtime_error(path + ": cannot read the ONNX model");
    if (data.empty())
        throw std::runtime_error(path + ": the ONNX model is an empty file");

    // ModelProto: graph is field 7. GraphProto: initializer is field 5.
    Reader model(data.data(), data.data() + data.size(), data.data(), file);
    bool graph_seen = false;
    uint32_t field;
    int wire;
    while (model.key(field, wire)) {
        if (field != 7) {
            model.skip(field, wire);
            continue;
        }
        model.expect(field, wire, LENGTH, "ModelProto");
        graph_seen = true;
        Reader graph = model.nested();
        while (graph.key(field, wire)) {
            if (field != 5) {
                graph.skip(field, wire);
                continue;
            }
            graph.expect(field, wire, LENGTH, "GraphProto");
            auto named = read_tensor(graph.nested(), file);
            if (!tensors.emplace(named.first, std::move(named.second)).second)
                throw std::runtime_error(file + ": initialiser " + named.first + " appears twice");
        }
    }
    if (!graph_seen)
        throw std::runtime_error(file + ": not an ONNX model: no graph (ModelProto field 7)");
    if (tensors.empty())
        throw std::runtime_error(file + ": the ONNX model has no initialisers (weights)");
}

const OnnxTensor &OnnxWeights::at(const std::string &name) const {
    auto found = tensors.find(name);
    if (found == tensors.end())
        throw std::runtime_error(file + ": the ONNX model has no initialiser named " + name);
    if (found->second.data_type != FLOAT)
        throw std::runtime_error(file + ": initialiser " + name + " has data type " +
                                 std::to_string(found->second.data_type) + ", not FLOAT (1)");
    return found->second;
}

} // namespace fn
