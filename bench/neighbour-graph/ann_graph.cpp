// Build (Debian 12: libfaiss-dev 1.7.3 is a static libfaiss.a; hnswlib 0.6.2 header-only; OpenBLAS gives BLAS+LAPACK):
//   g++ -O2 -march=native -fopenmp -std=c++17 -o ann_graph ann_graph.cpp -lfaiss -lopenblas
// (without -march=native it builds too; only hnswlib's distance kernel depends on it.)
//
// Radius neighbour graph of 128-d descriptors: exact (blocked sgemm) against approximate (FAISS IVFFlat range
// search, FAISS IVF partition + sgemm scan, hnswlib kNN). A study prototype, not production code.
//
//   ann_graph exact  DIR [--radius R] [--save FILE] [--sample S]
//   ann_graph ivf    DIR --nlist L --nprobe P1,P2,... [--train T] (--ref FILE | --sample S)
//   ann_graph ivfblas DIR --nlist L --nprobe P1,P2,...          (--ref FILE | --sample S)
//   ann_graph hnsw   DIR --M M --efc E --k K1,K2 --ef E1,E2 [--kmax KMAX] (--ref FILE | --sample S)
//   common: [--radius R] [--threads T] [--savegraph PREFIX] (pair files for the Swift study hook, study-hooks.patch);
//   ivf: [--sampleonly 1] queries only the sample rows (one-sided recall, time x n/S = full-run estimate)
//
// DIR/descriptors.f32: n x 128 float32. Every method returns pairs i < j with direct distance <= R (each candidate
// from the index is re-confirmed with the direct float distance, as the Swift code does). Recall is measured per
// distance band (<= 0.15, 0.50, 0.59, R) against the exact pairs (--ref, a file written by `exact --save`) or
// against the exact neighbours of S random rows (--sample: exact distances of those rows to all n by sgemm).
#include <faiss/IndexFlat.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/impl/AuxIndexStructures.h>
#include <faiss/Clustering.h>
#include <hnswlib/hnswlib.h>
#include <cblas.h>
#include <omp.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

extern "C" void openblas_set_num_threads(int);

static const int D = 128;
static int threads = 2;
static float R = 0.6081f;  // the default clustering's widest radius: 0.59 + 0.015 log10(8000/500)
static const std::vector<float> bands = {0.15f, 0.50f, 0.59f};

using Clock = std::chrono::steady_clock;
static double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
static double maxrssMB() { rusage u; getrusage(RUSAGE_SELF, &u); return u.ru_maxrss / 1024.0; }
static double rssMB() {
    FILE* f = fopen("/proc/self/statm", "r"); long a = 0, b = 0;
    if (f) { if (fscanf(f, "%ld %ld", &a, &b) != 2) b = 0; fclose(f); }
    return b * 4096.0 / 1048576.0;
}

struct Data { size_t n; std::vector<float> x; std::vector<float> norms; float screen; };

static Data load(const std::string& dir) {
    Data d;
    std::string p = dir + "/descriptors.f32";
    FILE* f = fopen(p.c_str(), "rb");
    if (!f) { perror(p.c_str()); exit(1); }
    fseek(f, 0, SEEK_END); long bytes = ftell(f); fseek(f, 0, SEEK_SET);
    d.n = bytes / (D * 4);
    d.x.resize(d.n * D);
    if (fread(d.x.data(), 4, d.x.size(), f) != d.x.size()) { fprintf(stderr, "short read\n"); exit(1); }
    fclose(f);
    d.norms.resize(d.n);
    float mx = 0;
    for (size_t i = 0; i < d.n; i++) {
        float s = 0; const float* a = &d.x[i * D];
        for (int k = 0; k < D; k++) s += a[k] * a[k];
        d.norms[i] = s; mx = std::max(mx, s);
    }
    d.screen = R * R + 1e-4f * std::max(1.0f, mx);  // BlockedDistances.slack
    return d;
}

// The Swift code's direct distance (float accumulation, then sqrt).
static inline float direct(const Data& d, size_t a, size_t b) {
    const float* pa = &d.x[a * D]; const float* pb = &d.x[b * D];
    float s = 0;
    for (int k = 0; k < D; k++) { float t = pa[k] - pb[k]; s += t * t; }
    return std::sqrt(s);
}

static inline uint64_t key(uint32_t i, uint32_t j) { return i < j ? (uint64_t(i) << 32) | j : (uint64_t(j) << 32) | i; }

struct Pairs { std::vector<uint64_t> keys; std::vector<float> dist; };

// Merges per-thread (key, distance) lists, sorted and unique.
static Pairs finish(std::vector<std::vector<std::pair<uint64_t, float>>>& parts) {
    size_t total = 0; for (auto& p : parts) total += p.size();
    std::vector<std::pair<uint64_t, float>> all; all.reserve(total);
    for (auto& p : parts) { all.insert(all.end(), p.begin(), p.end()); std::vector<std::pair<uint64_t, float>>().swap(p); }
    std::sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.first < b.first; });
    all.erase(std::unique(all.begin(), all.end(), [](auto& a, auto& b) { return a.first == b.first; }), all.end());
    Pairs r; r.keys.resize(all.size()); r.dist.resize(all.size());
    for (size_t i = 0; i < all.size(); i++) { r.keys[i] = all[i].first; r.dist[i] = all[i].second; }
    return r;
}

// Squared distances rows [r0, r0+nr) x rows [c0, c0+nc) into out (nr x nc), one sgemm + norms.
static void block(const Data& d, const float* q, const float* qn, size_t nr, size_t c0, size_t nc, float* out) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nr, nc, D, 1, q, D, &d.x[c0 * D], D, 0, out, nc);
    for (size_t i = 0; i < nr; i++) {
        float* line = out + i * nc;
        for (size_t j = 0; j < nc; j++) line[j] = std::max(0.0f, qn[i] + d.norms[c0 + j] - 2 * line[j]);
    }
}

// ---- exact: all pairs, upper triangle of 2048-blocks, one row block per task.
static Pairs exact(const Data& d) {
    const size_t B = 2048, n = d.n, nb = (n + B - 1) / B;
    std::vector<std::vector<std::pair<uint64_t, float>>> parts(threads);
    openblas_set_num_threads(1);
#pragma omp parallel num_threads(threads)
    {
        std::vector<float> buf(B * B);
        auto& mine = parts[omp_get_thread_num()];
#pragma omp for schedule(dynamic, 1)
        for (size_t rb = 0; rb < nb; rb++) {
            size_t r0 = rb * B, nr = std::min(B, n - r0);
            for (size_t c0 = r0; c0 < n; c0 += B) {
                size_t nc = std::min(B, n - c0);
                block(d, &d.x[r0 * D], &d.norms[r0], nr, c0, nc, buf.data());
                for (size_t i = 0; i < nr; i++) {
                    const float* line = &buf[i * nc];
                    for (size_t j = (c0 == r0 ? i + 1 : 0); j < nc; j++)
                        if (line[j] <= d.screen) {
                            float e = direct(d, r0 + i, c0 + j);
                            if (e <= R) mine.emplace_back(key(r0 + i, c0 + j), e);
                        }
                }
            }
        }
    }
    return finish(parts);
}

// ---- exact neighbours (within R) of sample rows, against all n rows.
struct Sample { std::vector<uint32_t> rows; std::vector<std::vector<std::pair<uint32_t, float>>> nb; double seconds; };

static Sample exactSample(const Data& d, size_t s) {
    Sample S;
    std::mt19937_64 rng(12345);
    std::vector<uint32_t> all(d.n); for (size_t i = 0; i < d.n; i++) all[i] = i;
    for (size_t i = 0; i < s; i++) std::swap(all[i], all[i + rng() % (d.n - i)]);
    S.rows.assign(all.begin(), all.begin() + s);
    std::sort(S.rows.begin(), S.rows.end());
    S.nb.resize(s);
    std::vector<float> q(s * D), qn(s);
    for (size_t i = 0; i < s; i++) { memcpy(&q[i * D], &d.x[size_t(S.rows[i]) * D], D * 4); qn[i] = d.norms[S.rows[i]]; }
    auto t = Clock::now();
    const size_t B = 2048, QB = 256;
    openblas_set_num_threads(1);
#pragma omp parallel num_threads(threads)
    {
        std::vector<float> buf(QB * B);
#pragma omp for schedule(dynamic, 1)
        for (size_t q0 = 0; q0 < s; q0 += QB) {
            size_t nq = std::min(QB, s - q0);
            for (size_t c0 = 0; c0 < d.n; c0 += B) {
                size_t nc = std::min(B, d.n - c0);
                block(d, &q[q0 * D], &qn[q0], nq, c0, nc, buf.data());
                for (size_t i = 0; i < nq; i++)
                    for (size_t j = 0; j < nc; j++)
                        if (buf[i * nc + j] <= d.screen && c0 + j != S.rows[q0 + i]) {
                            float e = direct(d, S.rows[q0 + i], c0 + j);
                            if (e <= R) S.nb[q0 + i].emplace_back(c0 + j, e);
                        }
            }
        }
    }
    S.seconds = since(t);
    return S;
}

// ---- evaluation
struct Ref { Pairs p; };

static void writePairs(const Pairs& p, const std::string& file) {
    FILE* f = fopen(file.c_str(), "wb"); size_t m = p.keys.size();
    fwrite(&m, 8, 1, f); fwrite(p.keys.data(), 8, m, f); fwrite(p.dist.data(), 4, m, f); fclose(f);
}
static Pairs readPairs(const std::string& file) {
    Pairs p; FILE* f = fopen(file.c_str(), "rb"); size_t m = 0;
    if (!f || fread(&m, 8, 1, f) != 1) { fprintf(stderr, "cannot read %s\n", file.c_str()); exit(1); }
    p.keys.resize(m); p.dist.resize(m);
    if (fread(p.keys.data(), 8, m, f) != m || fread(p.dist.data(), 4, m, f) != m) { fprintf(stderr, "short\n"); exit(1); }
    fclose(f); return p;
}

static std::string recallAgainstRef(const Pairs& ref, const Pairs& got) {
    std::vector<float> lim = bands; lim.push_back(R);
    std::vector<size_t> total(lim.size()), found(lim.size());
    size_t g = 0, extra = 0;
    for (size_t i = 0; i < ref.keys.size(); i++) {
        while (g < got.keys.size() && got.keys[g] < ref.keys[i]) { g++; extra++; }
        bool hit = g < got.keys.size() && got.keys[g] == ref.keys[i];
        for (size_t b = 0; b < lim.size(); b++)
            if (ref.dist[i] <= lim[b]) { total[b]++; if (hit) found[b]++; }
    }
    extra += got.keys.size() - g - 0;  // rough; pairs beyond the last ref key
    char s[512]; std::string out;
    for (size_t b = 0; b < lim.size(); b++) {
        snprintf(s, sizeof s, " recall<=%.4g %.6f (%zu missing of %zu)", lim[b], total[b] ? double(found[b]) / total[b] : 1.0,
                 total[b] - found[b], total[b]);
        out += s;
    }
    return out;
}

static std::string recallAgainstSample(const Sample& S, const Pairs& got) {
    std::vector<float> lim = bands; lim.push_back(R);
    std::vector<size_t> total(lim.size()), found(lim.size());
    for (size_t i = 0; i < S.rows.size(); i++)
        for (auto& [j, e] : S.nb[i]) {
            bool hit = std::binary_search(got.keys.begin(), got.keys.end(), key(S.rows[i], j));
            for (size_t b = 0; b < lim.size(); b++)
                if (e <= lim[b]) { total[b]++; if (hit) found[b]++; }
        }
    char s[512]; std::string out;
    for (size_t b = 0; b < lim.size(); b++) {
        snprintf(s, sizeof s, " recall<=%.4g %.6f (%zu missing of %zu)", lim[b], total[b] ? double(found[b]) / total[b] : 1.0,
                 total[b] - found[b], total[b]);
        out += s;
    }
    return out;
}

// ---- FAISS IndexIVFFlat + range_search, batches of queries, every candidate re-confirmed.
// rows: only these rows are queried (one-sided: a time estimate and a lower bound of the recall), else all.
static Pairs ivfRange(const Data& d, faiss::IndexIVFFlat& index, double& seconds, const std::vector<uint32_t>* rows = nullptr) {
    auto t = Clock::now();
    const size_t QB = 16384, total = rows ? rows->size() : d.n;
    std::vector<std::vector<std::pair<uint64_t, float>>> parts(1);
    std::vector<float> qx;
    for (size_t q0 = 0; q0 < total; q0 += QB) {
        size_t nq = std::min(QB, total - q0);
        faiss::RangeSearchResult res(nq);
        const float* qp = &d.x[q0 * D];
        if (rows) { qx.resize(nq * D); for (size_t i = 0; i < nq; i++) memcpy(&qx[i * D], &d.x[size_t((*rows)[q0 + i]) * D], D * 4); qp = qx.data(); }
        index.range_search(nq, qp, d.screen, &res);  // FAISS: squared L2, keeps dis < radius
        std::vector<std::vector<std::pair<uint64_t, float>>> local(threads);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 256)
        for (size_t i = 0; i < nq; i++) {
            auto& mine = local[omp_get_thread_num()];
            for (size_t p = res.lims[i]; p < res.lims[i + 1]; p++) {
                size_t j = res.labels[p], a = rows ? (*rows)[q0 + i] : q0 + i;
                if (j == a) continue;
                // keep each unordered pair once per query side; the union is taken in finish()
                float e = direct(d, a, j);
                if (e <= R) mine.emplace_back(key(a, j), e);
            }
        }
        for (auto& l : local) { parts[0].insert(parts[0].end(), l.begin(), l.end()); }
    }
    Pairs p = finish(parts);
    seconds = since(t);
    return p;
}

// ---- FAISS partition (the IVF coarse quantizer) + sgemm scan: the same candidates as IVFFlat with the same nprobe,
// computed list by list with BLAS (queries probing list c against list c's members).
static Pairs ivfBlas(const Data& d, faiss::IndexFlatL2& quantizer, size_t nlist, size_t nprobe,
                     const std::vector<int64_t>& assign, double& seconds, double& probeSeconds) {
    auto t = Clock::now();
    // probes of every row
    std::vector<int64_t> probes(d.n * nprobe);
    {
        std::vector<float> dis(d.n * nprobe);
        quantizer.search(d.n, d.x.data(), nprobe, dis.data(), probes.data());
    }
    probeSeconds = since(t);
    // members of each list and queries probing each list (CSR)
    std::vector<size_t> moff(nlist + 1, 0), qoff(nlist + 1, 0);
    for (size_t i = 0; i < d.n; i++) moff[assign[i] + 1]++;
    for (size_t i = 0; i < d.n * nprobe; i++) if (probes[i] >= 0) qoff[probes[i] + 1]++;
    for (size_t c = 0; c < nlist; c++) { moff[c + 1] += moff[c]; qoff[c + 1] += qoff[c]; }
    std::vector<uint32_t> mem(d.n), qs(qoff[nlist]);
    {
        std::vector<size_t> fm(moff.begin(), moff.end() - 1), fq(qoff.begin(), qoff.end() - 1);
        for (size_t i = 0; i < d.n; i++) mem[fm[assign[i]]++] = i;
        for (size_t i = 0; i < d.n; i++)
            for (size_t p = 0; p < nprobe; p++) if (probes[i * nprobe + p] >= 0) qs[fq[probes[i * nprobe + p]]++] = i;
    }
    std::vector<int64_t>().swap(probes);
    std::vector<std::vector<std::pair<uint64_t, float>>> parts(threads);
    openblas_set_num_threads(1);
#pragma omp parallel num_threads(threads)
    {
        auto& mine = parts[omp_get_thread_num()];
        std::vector<float> lx, qx, qn, buf;
        const size_t QB = 1024;
#pragma omp for schedule(dynamic, 1)
        for (size_t c = 0; c < nlist; c++) {
            size_t nm = moff[c + 1] - moff[c];
            if (nm == 0) continue;
            lx.resize(nm * D);
            // gather list members contiguously (a production version would store the vectors list-ordered once)
            for (size_t m = 0; m < nm; m++) memcpy(&lx[m * D], &d.x[size_t(mem[moff[c] + m]) * D], D * 4);
            std::vector<float> ln(nm);
            for (size_t m = 0; m < nm; m++) ln[m] = d.norms[mem[moff[c] + m]];
            for (size_t q0 = qoff[c]; q0 < qoff[c + 1]; q0 += QB) {
                size_t nq = std::min(QB, qoff[c + 1] - q0);
                qx.resize(nq * D); qn.resize(nq); buf.resize(nq * nm);
                for (size_t i = 0; i < nq; i++) { memcpy(&qx[i * D], &d.x[size_t(qs[q0 + i]) * D], D * 4); qn[i] = d.norms[qs[q0 + i]]; }
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nq, nm, D, 1, qx.data(), D, lx.data(), D, 0, buf.data(), nm);
                for (size_t i = 0; i < nq; i++) {
                    uint32_t a = qs[q0 + i];
                    for (size_t m = 0; m < nm; m++) {
                        float s = qn[i] + ln[m] - 2 * buf[i * nm + m];
                        uint32_t b = mem[moff[c] + m];
                        if (s <= d.screen && a != b) {
                            // each pair once: from a query whose own list is probed by the other side too it
                            // appears twice; finish() dedups
                            float e = direct(d, a, b);
                            if (e <= R) mine.emplace_back(key(a, b), e);
                        }
                    }
                }
            }
        }
    }
    Pairs p = finish(parts);
    seconds = since(t);
    return p;
}

// ---- hnswlib kNN, k doubled (up to kmax) while the k-th neighbour is still within R; symmetrised union.
static Pairs hnswGraph(const Data& d, hnswlib::HierarchicalNSW<float>& h, size_t k0, size_t kmax, size_t ef,
                       double& seconds, double& meanK) {
    auto t = Clock::now();
    h.setEf(ef);
    std::vector<std::vector<std::pair<uint64_t, float>>> parts(threads);
    std::atomic<size_t> ksum{0};
#pragma omp parallel num_threads(threads)
    {
        auto& mine = parts[omp_get_thread_num()];
#pragma omp for schedule(dynamic, 256)
        for (size_t a = 0; a < d.n; a++) {
            size_t k = k0;
            while (true) {
                auto res = h.searchKnn(&d.x[a * D], k);  // max-heap of (squared L2, label); uses max(ef, k)
                bool full = res.size() == k && res.top().first <= d.screen;
                if (full && k < kmax) { k = std::min(kmax, 2 * k); continue; }
                ksum += k;
                while (!res.empty()) {
                    auto [s, j] = res.top(); res.pop();
                    if (s <= d.screen && j != a) {
                        float e = direct(d, a, j);
                        if (e <= R) mine.emplace_back(key(a, j), e);
                    }
                }
                break;
            }
        }
    }
    meanK = double(ksum) / d.n;
    Pairs p = finish(parts);
    seconds = since(t);
    return p;
}

static std::vector<size_t> list(const char* s) {
    std::vector<size_t> v; std::string t(s); size_t p = 0;
    while (p <= t.size()) { size_t q = t.find(',', p); if (q == std::string::npos) q = t.size(); v.push_back(std::stoul(t.substr(p, q - p))); p = q + 1; }
    return v;
}

int main(int argc, char** argv) {
    if (argc < 3) { fprintf(stderr, "usage: see source\n"); return 2; }
    std::string method = argv[1], dir = argv[2];
    std::map<std::string, std::string> o;
    for (int i = 3; i + 1 < argc; i += 2) o[argv[i]] = argv[i + 1];
    if (o.count("--radius")) R = std::stof(o["--radius"]);
    if (o.count("--threads")) threads = std::stoi(o["--threads"]);
    omp_set_num_threads(threads);
    auto t0 = Clock::now();
    Data d = load(dir);
    printf("%s: n=%zu radius=%.4f threads=%d load %.2fs\n", dir.c_str(), d.n, R, threads, since(t0));
    fflush(stdout);

    Pairs ref; Sample S; bool haveRef = o.count("--ref"), haveSample = o.count("--sample");
    auto evaluate = [&](const Pairs& got) {
        if (haveRef) return recallAgainstRef(ref, got);
        if (haveSample) return recallAgainstSample(S, got);
        return std::string();
    };

    if (method == "exact") {
        if (haveSample) {
            S = exactSample(d, std::stoul(o["--sample"]));
            size_t e = 0; for (auto& v : S.nb) e += v.size();
            double est = S.seconds * (double(d.n) / 2) / S.rows.size();
            printf("exact sample: %zu rows x %zu in %.2fs, %.1f neighbours/row within R; full exact graph estimate %.0fs\n",
                   S.rows.size(), d.n, S.seconds, double(e) / S.rows.size(), est);
            return 0;
        }
        auto t = Clock::now();
        Pairs p = exact(d);
        printf("exact: %zu pairs within R in %.2fs, rss %.0f MB, maxrss %.0f MB\n", p.keys.size(), since(t), rssMB(), maxrssMB());
        if (o.count("--save")) writePairs(p, o["--save"]);
        return 0;
    }
    if (haveRef) ref = readPairs(o["--ref"]);
    if (haveSample) {
        S = exactSample(d, std::stoul(o["--sample"]));
        printf("reference: exact neighbours of %zu sample rows in %.2fs\n", S.rows.size(), S.seconds);
    }
    double base = rssMB();
    printf("rss before index %.0f MB\n", base); fflush(stdout);

    if (method == "ivf" || method == "ivfblas") {
        size_t nlist = std::stoul(o["--nlist"]);
        size_t train = o.count("--train") ? std::stoul(o["--train"]) : std::min(d.n, nlist * 64);
        faiss::IndexFlatL2 quantizer(D);
        faiss::IndexIVFFlat index(&quantizer, D, nlist, faiss::METRIC_L2);
        index.cp.niter = 10;
        auto t = Clock::now();
        // training sample: a seeded random subset
        std::vector<float> tx(train * D);
        {
            std::mt19937_64 rng(7); std::vector<uint32_t> idx(d.n); for (size_t i = 0; i < d.n; i++) idx[i] = i;
            for (size_t i = 0; i < train; i++) { std::swap(idx[i], idx[i + rng() % (d.n - i)]); memcpy(&tx[i * D], &d.x[size_t(idx[i]) * D], D * 4); }
        }
        index.train(train, tx.data());
        std::vector<float>().swap(tx);
        double trainS = since(t);
        t = Clock::now();
        std::vector<int64_t> assign;
        if (method == "ivf") {
            index.add(d.n, d.x.data());
        } else {
            assign.resize(d.n); std::vector<float> dis(d.n);
            quantizer.search(d.n, d.x.data(), 1, dis.data(), assign.data());
        }
        double addS = since(t);
        size_t minL = SIZE_MAX, maxL = 0;
        if (method == "ivf") for (size_t c = 0; c < nlist; c++) { size_t s = index.invlists->list_size(c); minL = std::min(minL, s); maxL = std::max(maxL, s); }
        printf("%s nlist=%zu train=%zu: train %.2fs add/assign %.2fs lists %zu..%zu rss %.0f MB\n", method.c_str(), nlist, train,
               trainS, addS, minL == SIZE_MAX ? 0 : minL, maxL, rssMB());
        fflush(stdout);
        for (size_t nprobe : list(o["--nprobe"].c_str())) {
            double q = 0, probeS = 0; Pairs p;
            if (method == "ivf") { index.nprobe = nprobe; p = ivfRange(d, index, q, o.count("--sampleonly") ? &S.rows : nullptr); }
            else p = ivfBlas(d, quantizer, nlist, nprobe, assign, q, probeS);
            if (o.count("--savegraph")) writePairs(p, o["--savegraph"] + "." + std::to_string(nprobe));
            printf("RESULT %s nlist=%zu nprobe=%zu build=%.2fs query=%.2fs (probes %.2fs) total=%.2fs pairs=%zu rss=%.0fMB maxrss=%.0fMB%s\n",
                   method.c_str(), nlist, nprobe, trainS + addS, q, probeS, trainS + addS + q, p.keys.size(), rssMB(), maxrssMB(),
                   evaluate(p).c_str());
            fflush(stdout);
        }
        return 0;
    }
    if (method == "hnsw") {
        size_t M = std::stoul(o["--M"]), efc = std::stoul(o["--efc"]);
        hnswlib::L2Space space(D);
        auto t = Clock::now();
        hnswlib::HierarchicalNSW<float> h(&space, d.n, M, efc, 100);
        h.addPoint(&d.x[0], 0);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 256)
        for (size_t i = 1; i < d.n; i++) h.addPoint(&d.x[i * D], i);
        double buildS = since(t);
        printf("hnsw M=%zu efc=%zu: build %.2fs rss %.0f MB\n", M, efc, buildS, rssMB());
        fflush(stdout);
        size_t kmax = o.count("--kmax") ? std::stoul(o["--kmax"]) : 0;
        for (size_t k : list(o["--k"].c_str()))
            for (size_t ef : list(o["--ef"].c_str())) {
                double q = 0, meanK = 0;
                Pairs p = hnswGraph(d, h, k, std::max(k, kmax), ef, q, meanK);
                if (o.count("--savegraph")) writePairs(p, o["--savegraph"] + ".k" + std::to_string(k) + ".ef" + std::to_string(ef));
                printf("RESULT hnsw M=%zu efc=%zu k=%zu kmax=%zu ef=%zu build=%.2fs query=%.2fs total=%.2fs meanK=%.1f pairs=%zu rss=%.0fMB maxrss=%.0fMB%s\n",
                       M, efc, k, std::max(k, kmax), ef, buildS, q, buildS + q, meanK, p.keys.size(), rssMB(), maxrssMB(), evaluate(p).c_str());
                fflush(stdout);
            }
        return 0;
    }
    fprintf(stderr, "unknown method %s\n", method.c_str());
    return 2;
}
