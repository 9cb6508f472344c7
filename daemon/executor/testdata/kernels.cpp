// Test fixture for daemon/executor/executor.test.ts: the module part of a generated CPU source,
// hand-written to follow the generated source ABI (docs/contracts.md §3) exactly. The test
// prepends compiler/preludes/cpu_runtime.h, as the translator does.
//
// Slots: 0 uniform {n: u32, a: f32}, 1 x: array<f32>, 2 y: array<f32> (read_write),
//        3 uniform {k: f32}, 4 src: array<f32>, 5 dst: array<f32>, 6 out: array<f32>.

static inline unsigned duet_clamp(unsigned i, unsigned long long bytes, unsigned stride) {
  unsigned long long n = bytes / stride;
  return n == 0 ? 0u : (i < n ? i : static_cast<unsigned>(n - 1));  // robustness: min(i, len-1)
}

// @compute @workgroup_size(64) fn saxpy(@builtin(global_invocation_id) gid: vec3u)
//   { if (gid.x < params.n) { y[gid.x] = params.a * x[gid.x] + y[gid.x]; } }
static void saxpy_body(const DuetParams* p, const DuetInvocation* inv, void*) {
  unsigned n;
  float a;
  __builtin_memcpy(&n, p->slot[0] + 0, 4);
  __builtin_memcpy(&a, p->slot[0] + 4, 4);
  unsigned i = inv->global_id[0];
  if (i < n) {
    const float* x = reinterpret_cast<const float*>(p->slot[1]);
    float* y = reinterpret_cast<float*>(p->slot[2]);
    y[duet_clamp(i, p->slotBytes[2], 4)] = a * x[duet_clamp(i, p->slotBytes[1], 4)] + y[duet_clamp(i, p->slotBytes[2], 4)];
  }
}

// @compute @workgroup_size(128) fn reduce(...): tree sum of x per workgroup into y[wg], barriers.
struct ReduceShared {
  float s[128];
};
static void reduce_body(const DuetParams* p, const DuetInvocation* inv, void* wm) {
  ReduceShared* sh = static_cast<ReduceShared*>(wm);
  const float* x = reinterpret_cast<const float*>(p->slot[1]);
  float* y = reinterpret_cast<float*>(p->slot[2]);
  unsigned li = inv->local_index;
  sh->s[li] = x[duet_clamp(inv->global_id[0], p->slotBytes[1], 4)];
  for (unsigned st = 64; st > 0; st >>= 1) {
    duet_cpu_barrier();
    if (li < st) sh->s[li] += sh->s[li + st];
  }
  duet_cpu_barrier();
  if (li == 0) y[duet_clamp(inv->workgroup_id[0], p->slotBytes[2], 4)] = sh->s[0];
}

// loop {} with the translator's abort poll: runs until the host raises control[0].
static void spin_body(const DuetParams* p, const DuetInvocation* inv, void*) {
  float* y = reinterpret_cast<float*>(p->slot[2]);
  for (unsigned long long it = 0;; it++) {
    if (duet_cpu_abort_requested(p)) {
      duet_cpu_raise_status(p, DUET_STATUS_ABORTED);
      return;
    }
    if (it == ~0ull) break;
  }
  y[duet_clamp(inv->global_id[0], p->slotBytes[2], 4)] = 1.0f;
}

// if (lid.x % 2u == 1u) { return; } workgroupBarrier();  — non-uniform barrier.
static void diverge_body(const DuetParams*, const DuetInvocation* inv, void*) {
  if (inv->local_index % 2u == 1u) return;
  duet_cpu_barrier();
}

// dst[i] = src[i] + u.k  (ping-pong step; per-pass uniform k, swap src/dst between passes)
static void step_body(const DuetParams* p, const DuetInvocation* inv, void*) {
  float k;
  __builtin_memcpy(&k, p->slot[3], 4);
  const float* src = reinterpret_cast<const float*>(p->slot[4]);
  float* dst = reinterpret_cast<float*>(p->slot[5]);
  unsigned i = inv->global_id[0];
  if (i < p->slotBytes[5] / 4) dst[duet_clamp(i, p->slotBytes[5], 4)] = src[duet_clamp(i, p->slotBytes[4], 4)] + k;
}

extern "C" int duet_abi_version() { return 1; }
extern "C" int duet_k_saxpy(const DuetParams* p, const unsigned wg[3]) {
  static const unsigned ws[3] = {64, 1, 1};
  return duet_cpu_run_workgroup(p, wg, ws, saxpy_body, 0, 0);
}
extern "C" int duet_k_reduce(const DuetParams* p, const unsigned wg[3]) {
  static const unsigned ws[3] = {128, 1, 1};
  return duet_cpu_run_workgroup(p, wg, ws, reduce_body, sizeof(ReduceShared), 1);
}
extern "C" int duet_k_spin(const DuetParams* p, const unsigned wg[3]) {
  static const unsigned ws[3] = {1, 1, 1};
  return duet_cpu_run_workgroup(p, wg, ws, spin_body, 0, 0);
}
extern "C" int duet_k_diverge(const DuetParams* p, const unsigned wg[3]) {
  static const unsigned ws[3] = {32, 1, 1};
  return duet_cpu_run_workgroup(p, wg, ws, diverge_body, 0, 1);
}
extern "C" int duet_k_step(const DuetParams* p, const unsigned wg[3]) {
  static const unsigned ws[3] = {16, 1, 1};
  return duet_cpu_run_workgroup(p, wg, ws, step_body, 0, 0);
}

// A kernel that faults (a translator bug would look like this): writes through slot 63, unbound.
static void crash_body(const DuetParams* p, const DuetInvocation*, void*) {
  *reinterpret_cast<volatile int*>(p->slot[63]) = 1;
}
extern "C" int duet_k_crash(const DuetParams* p, const unsigned wg[3]) {
  static const unsigned ws[3] = {1, 1, 1};
  return duet_cpu_run_workgroup(p, wg, ws, crash_body, 0, 0);
}
