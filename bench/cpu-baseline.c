/* Native baselines for bench/cpu-backend.bench.ts, compiled at bench time with
 *   g++ -O2 -fno-tree-loop-distribute-patterns -ffp-contract=off
 * (the flag keeps the copy loop a loop instead of a memcpy call; no FMA, like the executor's build).
 * usage: cpu-baseline COPY_FLOATS SAXPY_FLOATS REPS
 * prints one JSON object: milliseconds per repetition of memcpy, the copy loop and the SAXPY loop.
 * One thread. Buffers are touched before timing so page faults are not counted. */
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

static double nowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static void copyLoop(float* __restrict y, const float* __restrict x, size_t n) {
  for (size_t i = 0; i < n; i++) y[i] = x[i];
}

static void saxpyLoop(float* __restrict y, const float* __restrict x, float a, size_t n) {
  for (size_t i = 0; i < n; i++) y[i] = a * x[i] + y[i];
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
  if (argc != 4) return 2;
  size_t n = std::strtoull(argv[1], nullptr, 10), m = std::strtoull(argv[2], nullptr, 10);
  int reps = std::atoi(argv[3]);
  if (!n || !m || reps < 1 || reps > 1000) return 2;
  float *x = buffer(n, 1), *y = buffer(n, 2), *sx = buffer(m, 3), *sy = buffer(m, 4);
  double* ms = static_cast<double*>(std::calloc(3 * static_cast<size_t>(reps), sizeof(double)));
  volatile float sink = 0;
  for (int r = -1; r < reps; r++) {  // r = -1: warm-up
    double t0 = nowMs();
    std::memcpy(y, x, n * sizeof(float));
    double t1 = nowMs();
    copyLoop(y, x, n);
    double t2 = nowMs();
    saxpyLoop(sy, sx, 2.5f, m);
    double t3 = nowMs();
    sink = sink + y[r + 1] + sy[r + 1];
    if (r >= 0) {
      ms[r] = t1 - t0;
      ms[reps + r] = t2 - t1;
      ms[2 * reps + r] = t3 - t2;
    }
  }
  std::printf("{");
  print("memcpy", ms, reps, false);
  print("copyLoop", ms + reps, reps, false);
  print("saxpyLoop", ms + 2 * reps, reps, true);
  std::printf("}\n");
  return 0;
}
