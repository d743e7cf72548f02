// The descriptor ResNet's matrix products that libdlib's convolution makes one face at a time (dlib::cpu::tensor_conv:
// the filters times the unrolled input, cblas_sgemm row-major, B transposed), made for one face and for eight faces
// at once (the columns of eight faces side by side), as a batched forward pass would make them. Two questions:
// - Reproducibility: is a face's column the same float whether it is multiplied alone or beside seven others, and
//   wherever it sits? (If not, a face's descriptor would depend on which photos a worker happened to batch.)
// - Time: per face, with the filters cold (each round reads another copy of them, as the network's 22 MB of weights
//   are when HOG detection ran in between), one face at a time against eight at once.
// Shapes: output channels M, output pixels n of one face, K = input channels x 3 x 3 (or 3 x 7 x 7), from the
// network's layers (the 4 x 4 planes of 256 channels exist because dlib's add_prev pads the 3 x 3 block output to
// the 4 x 4 skip path). Usage: columns (build: see `run`); OPENBLAS_CORETYPE picks another CPU's kernels.
#include <cblas.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

extern "C" void openblas_set_num_threads(int);

int main() {
    openblas_set_num_threads(1);
    const int shapes[][3] = {{256, 16, 2304}, {256, 9, 2304}, {256, 1, 2304}, {256, 9, 1152},
                             {128, 64, 576},  {64, 289, 288}, {32, 5184, 147}};
    const int batch = 8, copies = 12, rounds = 96;
    std::mt19937 random(7);
    std::uniform_real_distribution<float> value(-0.5f, 0.5f);
    std::printf("%-22s %-24s %14s %14s\n", "M x n x K", "columns differing", "1 face, us", "8 faces, us/face");
    for (const auto &shape : shapes) {
        const int M = shape[0], n = shape[1], K = shape[2];
        std::vector<std::vector<float>> filters(copies, std::vector<float>(size_t(M) * K));
        for (auto &f : filters)
            for (auto &x : f) x = value(random);
        std::vector<float> unrolled(size_t(batch) * n * K), together(size_t(M) * batch * n), alone(size_t(M) * n);
        for (auto &x : unrolled) x = value(random);
        // Reproducibility: each face alone against the same face among eight.
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, M, batch * n, K, 1, filters[0].data(), K, unrolled.data(), K, 0,
                    together.data(), batch * n);
        long differing = 0;
        float largest = 0;
        for (int b = 0; b < batch; b++) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, M, n, K, 1, filters[0].data(), K,
                        unrolled.data() + size_t(b) * n * K, K, 0, alone.data(), n);
            for (int m = 0; m < M; m++)
                for (int p = 0; p < n; p++) {
                    const float a = alone[size_t(m) * n + p], t = together[size_t(m) * batch * n + b * n + p];
                    if (a != t) {
                        differing++;
                        largest = std::max(largest, std::fabs(a - t));
                    }
                }
        }
        // Time per face, filters cold.
        auto time = [&](int faces) {
            const auto start = std::chrono::steady_clock::now();
            for (int r = 0; r < rounds; r++)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, M, faces * n, K, 1, filters[r % copies].data(), K,
                            unrolled.data(), K, 0, together.data(), faces * n);
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / rounds / faces * 1e6;
        };
        char label[32], diff[48];
        std::snprintf(label, sizeof label, "%d x %d x %d", M, n, K);
        std::snprintf(diff, sizeof diff, "%ld of %d (max %.2g)", differing, M * batch * n, largest);
        std::printf("%-22s %-24s %14.1f %14.1f\n", label, diff, time(1), time(batch));
    }
    return 0;
}
