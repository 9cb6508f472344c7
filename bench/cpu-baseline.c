/* Native baselines for bench/cpu-backend.bench.ts, compiled at bench time with
 *   g++ -O3 -pthread -fno-tree-loop-distribute-patterns -ffp-contract=off
 * (the first flag keeps the copy loop a loop instead of a memcpy call; no FMA, like the executor's build).
 * usage: cpu-baseline COPY_FLOATS SAXPY_FLOATS MATMUL_N REPS THREADS
 * prints one JSON object: milliseconds per repetition of memcpy, the copy loop, the SAXPY loop and a
 * 16x16-blocked matrix multiply (the matmul-tiled preset's blocking and summation order), each on one
 * thread and on THREADS threads (contiguous slices; threads started per repetition, as a pool would not
 * be: at these sizes the start costs < 0.1%). Buffers are touched before timing so page faults are not
 * counted. */
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

static double nowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static void copyLoop(float* __restrict y, const float* __restrict x, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi; i++) y[i] = x[i];
}

static void saxpyLoop(float* __restrict y, const float* __restrict x, float a, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi; i++) y[i] = a * x[i] + y[i];
}

/* C = A.B for n x n row-major matrices, n a multiple of 16, block rows [rlo, rhi): each 16x16 block of C
 * sums over K in steps of 16, every element adding its products in k order like the shader's invocation. */
static void matmulBlocked(float* __restrict c, const float* __restrict a, const float* __restrict b, size_t n,
                          size_t rlo, size_t rhi) {
  for (size_t bi = rlo; bi < rhi; bi++)
    for (size_t bj = 0; bj < n / 16; bj++) {
      float acc[16][16] = {};
      for (size_t s = 0; s < n; s += 16)
        for (size_t i = 0; i < 16; i++)
          for (size_t j = 0; j < 16; j++) {
            float sum = acc[i][j];
            for (size_t k = 0; k < 16; k++) sum = sum + a[(bi * 16 + i) * n + s + k] * b[(s + k) * n + bj * 16 + j];
            acc[i][j] = sum;
          }
      for (size_t i = 0; i < 16; i++)
        for (size_t j = 0; j < 16; j++) c[(bi * 16 + i) * n + bj * 16 + j] = acc[i][j];
    }
}

/* Runs f(lo, hi) over [0, n) split into `threads` contiguous slices, one thread each. */
template <class F> static void parallel(size_t n, int threads, F f) {
  if (threads <= 1) return f(size_t(0), n);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; t++) pool.emplace_back(f, n * t / threads, n * (t + 1) / threads);
  for (auto& th : pool) th.join();
}

static float* buffer(size_t n, float start) {
  float* p = static_cast<float*>(std::aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64));
  if (!p) std::exit(2);
  for (size_t i = 0; i < n; i++) p[i] = start + static_cast<float>(i % 1000) * 0.001f;
  return p;
}

static void print(const char* name, const double* ms, int reps, bool last) {
  std::printf("\"%s\":[", name);
  for (int r = 0; r < reps; r++) std::printf("%s%.4f", r ? "," : "", ms[r]);
  std::printf("]%s", last ? "" : ",");
}

int main(int argc, char** argv) {
  if (argc != 6) return 2;
  size_t n = std::strtoull(argv[1], nullptr, 10), m = std::strtoull(argv[2], nullptr, 10);
  size_t mn = std::strtoull(argv[3], nullptr, 10);
  int reps = std::atoi(argv[4]), threads = std::atoi(argv[5]);
  if (!n || !m || !mn || mn % 16 || reps < 1 || reps > 1000 || threads < 1 || threads > 1024) return 2;
  float *x = buffer(n, 1), *y = buffer(n, 2), *sx = buffer(m, 3), *sy = buffer(m, 4);
  float *ma = buffer(mn * mn, -0.5f), *mb = buffer(mn * mn, 0.25f), *mc = buffer(mn * mn, 0);
  const int kinds = 7;
  const char* names[kinds] = {"memcpy", "copyLoop", "copyLoopThreads", "saxpyLoop", "saxpyLoopThreads", "matmul", "matmulThreads"};
  double* ms = static_cast<double*>(std::calloc(kinds * static_cast<size_t>(reps), sizeof(double)));
  volatile float sink = 0;
  for (int r = -1; r < reps; r++) {  // r = -1: warm-up
    double t[kinds + 1];
    t[0] = nowMs();
    std::memcpy(y, x, n * sizeof(float));
    t[1] = nowMs();
    copyLoop(y, x, 0, n);
    t[2] = nowMs();
    parallel(n, threads, [&](size_t lo, size_t hi) { copyLoop(y, x, lo, hi); });
    t[3] = nowMs();
    saxpyLoop(sy, sx, 2.5f, 0, m);
    t[4] = nowMs();
    parallel(m, threads, [&](size_t lo, size_t hi) { saxpyLoop(sy, sx, 2.5f, lo, hi); });
    t[5] = nowMs();
    matmulBlocked(mc, ma, mb, mn, 0, mn / 16);
    t[6] = nowMs();
    parallel(mn / 16, threads, [&](size_t lo, size_t hi) { matmulBlocked(mc, ma, mb, mn, lo, hi); });
    t[7] = nowMs();
    sink = sink + y[r + 1] + sy[r + 1] + mc[r + 1];
    if (r >= 0)
      for (int k = 0; k < kinds; k++) ms[k * reps + r] = t[k + 1] - t[k];
  }
  std::printf("{");
  for (int k = 0; k < kinds; k++) print(names[k], ms + k * reps, reps, k == kinds - 1);
  std::printf("}\n");
  return 0;
}
