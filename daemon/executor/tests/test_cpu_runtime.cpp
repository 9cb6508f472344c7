// compiler/preludes/cpu_runtime.h on its own: fibers, barriers, divergence, abort, subgroups.
// This is the only translation unit of the test binary that includes it (as in a kernel module).
#include "../../../compiler/preludes/cpu_runtime.h"

#include <thread>
#include <vector>

#include "check.h"

namespace {
struct Ctx {
  unsigned control[2] = {0, 0};
  DuetParams p{};
  Ctx() { p.control = control; }
};

void reduceBody(const DuetParams* p, const DuetInvocation* inv, void* wm) {
  float* s = static_cast<float*>(wm);
  unsigned n = inv->local_index;
  s[n] = static_cast<float>(inv->global_id[0]);
  unsigned size = 1;
  while (size * 2 <= 1024 && size * 2 <= p->slotBytes[1]) size *= 2;  // slotBytes[1] carries the workgroup size
  for (unsigned st = size / 2; st > 0; st >>= 1) {
    duet_cpu_barrier();
    if (n < st) s[n] += s[n + st];
  }
  duet_cpu_barrier();
  if (n == 0) reinterpret_cast<float*>(p->slot[0])[inv->workgroup_id[0]] = s[0];
}

void divergeBody(const DuetParams*, const DuetInvocation* inv, void*) {
  if (inv->local_index % 2) return;
  duet_cpu_barrier();
}

void spinAtBarrierBody(const DuetParams* p, const DuetInvocation*, void*) {
  for (;;) {
    if (duet_cpu_abort_requested(p)) {
      duet_cpu_raise_status(p, DUET_STATUS_ABORTED);
      return;
    }
    duet_cpu_barrier();
  }
}

void subgroupBody(const DuetParams* p, const DuetInvocation* inv, void*) {
  unsigned v = inv->local_index + 1, lanes[32];
  if (inv->local_index == 5) return;  // inactive lane in subgroup 0
  unsigned mask = duet_cpu_subgroup_exchange(&v, 4, lanes);
  unsigned sum = 0;
  for (unsigned i = 0; i < 32; i++)
    if (mask & (1u << i)) sum += lanes[i];
  reinterpret_cast<unsigned*>(p->slot[0])[inv->local_index] = sum;
  reinterpret_cast<unsigned*>(p->slot[1])[inv->local_index] = mask;
}

// Appends its local_index to a log in workgroup memory (word 0 is the log's length) in each of three
// barrier phases; subgroup 0 first waits at a subgroup exchange, so a round of the scheduler meets
// fibers that are not ready (fibers switch to the next ready one directly, issue 25).
void orderBody(const DuetParams* p, const DuetInvocation* inv, void* wm) {
  unsigned* log = static_cast<unsigned*>(wm);
  unsigned v = 1, lanes[32];
  if (inv->subgroup_id == 0) duet_cpu_subgroup_exchange(&v, 4, lanes);
  for (int phase = 0; phase < 3; phase++) {
    log[1 + log[0]++] = inv->local_index;
    duet_cpu_barrier();
  }
  reinterpret_cast<unsigned*>(p->slot[0])[inv->local_index] = inv->local_index + 1;
}

void deepStackBody(const DuetParams* p, const DuetInvocation* inv, void*) {
  volatile unsigned char big[128 * 1024];  // half a fiber stack
  for (unsigned i = 0; i < sizeof big; i += 4096) big[i] = static_cast<unsigned char>(i);
  duet_cpu_barrier();
  unsigned sum = 0;
  for (unsigned i = 0; i < sizeof big; i += 4096) sum += big[i];
  reinterpret_cast<unsigned*>(p->slot[0])[inv->local_index] = sum;
}
}  // namespace

TEST(cpu_runtime_reduction_with_barriers) {
  for (unsigned wgs : {1u, 32u, 256u, 1024u}) {
    Ctx c;
    std::vector<float> out(3, -1);
    c.p.slot[0] = reinterpret_cast<unsigned char*>(out.data());
    c.p.slotBytes[1] = wgs;
    unsigned ws[3] = {wgs, 1, 1};
    for (unsigned w = 0; w < 3; w++) {
      unsigned wg[3] = {w, 0, 0};
      CHECK_EQ(duet_cpu_run_workgroup(&c.p, wg, ws, reduceBody, 4 * 1024, 1), 0);
    }
    for (unsigned w = 0; w < 3; w++) {
      double first = static_cast<double>(w) * wgs, last = first + wgs - 1;
      CHECK_EQ(static_cast<double>(out[w]), (first + last) * wgs / 2);
    }
  }
}

TEST(cpu_runtime_barrier_divergence_returns_4) {
  Ctx c;
  unsigned ws[3] = {64, 1, 1}, wg[3] = {0, 0, 0};
  CHECK_EQ(duet_cpu_run_workgroup(&c.p, wg, ws, divergeBody, 0, 1), 4);
  CHECK_EQ(c.control[1] & 4u, 4u);
  // The abandoned fibers do not disturb the next workgroup on this thread.
  std::vector<float> out(1);
  c.control[1] = 0;
  c.p.slot[0] = reinterpret_cast<unsigned char*>(out.data());
  c.p.slotBytes[1] = 64;
  CHECK_EQ(duet_cpu_run_workgroup(&c.p, wg, ws, reduceBody, 256, 1), 0);
  CHECK_EQ(out[0], 2016.0f);
}

TEST(cpu_runtime_abort_releases_barrier_waiters) {
  Ctx c;
  unsigned ws[3] = {128, 1, 1}, wg[3] = {0, 0, 0};
  std::thread raiser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    __atomic_store_n(&c.control[0], 1u, __ATOMIC_SEQ_CST);
  });
  int r = duet_cpu_run_workgroup(&c.p, wg, ws, spinAtBarrierBody, 0, 1);
  raiser.join();
  CHECK_EQ(r, 2);
  CHECK_EQ(c.control[1] & 2u, 2u);
  // Loop mode stops too once the flag is up.
  Ctx d;
  d.control[0] = 1;
  CHECK_EQ(duet_cpu_run_workgroup(&d.p, wg, ws, spinAtBarrierBody, 0, 0), 2);
}

TEST(cpu_runtime_subgroup_exchange) {
  Ctx c;
  std::vector<unsigned> sums(64, 0), masks(64, 0);
  c.p.slot[0] = reinterpret_cast<unsigned char*>(sums.data());
  c.p.slot[1] = reinterpret_cast<unsigned char*>(masks.data());
  unsigned ws[3] = {64, 1, 1}, wg[3] = {0, 0, 0};
  CHECK_EQ(duet_cpu_run_workgroup(&c.p, wg, ws, subgroupBody, 0, 1), 0);
  CHECK_EQ(sums[0], 528u - 6u);  // 1..32 without lane 5 (value 6)
  CHECK_EQ(masks[0], ~(1u << 5));
  CHECK_EQ(sums[40], 528u + 32u * 32u);  // 33..64
  CHECK_EQ(masks[40], 0xFFFFFFFFu);
  CHECK_EQ(sums[5], 0u);
}

TEST(cpu_runtime_every_phase_runs_each_invocation_once_in_local_index_order) {
  Ctx c;
  const unsigned n = 96;
  std::vector<unsigned> out(n, 0);
  c.p.slot[0] = reinterpret_cast<unsigned char*>(out.data());
  unsigned ws[3] = {n, 1, 1}, wg[3] = {0, 0, 0};
  CHECK_EQ(duet_cpu_run_workgroup(&c.p, wg, ws, orderBody, 4 * (1 + 3 * n), 1), 0);
  DuetCpuThread* t = duet_cpu_thread();
  const unsigned* log = reinterpret_cast<const unsigned*>(t->wgMem);
  CHECK_EQ(log[0], 3 * n);
  // The first phase starts with the subgroups that did not wait (32..95), then subgroup 0 after its exchange;
  // from then on every phase holds 0..95 in order.
  for (unsigned i = 0; i < n - 32; i++) CHECK_EQ(log[1 + i], 32 + i);
  for (unsigned i = 0; i < 32; i++) CHECK_EQ(log[1 + n - 32 + i], i);
  for (unsigned ph = 1; ph < 3; ph++)
    for (unsigned i = 0; i < n; i++) CHECK_EQ(log[1 + ph * n + i], i);
  for (unsigned i = 0; i < n; i++) CHECK_EQ(out[i], i + 1);
}

TEST(cpu_runtime_builtins_3d) {
  struct Seen {
    static void body(const DuetParams* p, const DuetInvocation* inv, void*) {
      unsigned* o = reinterpret_cast<unsigned*>(p->slot[0]) + inv->local_index * 4;
      o[0] = inv->local_id[0] + 10 * inv->local_id[1] + 100 * inv->local_id[2];
      o[1] = inv->global_id[0] + 1000 * inv->global_id[1] + 100000 * inv->global_id[2];
      o[2] = inv->num_workgroups[0] * 100 + inv->num_workgroups[1] * 10 + inv->num_workgroups[2];
      o[3] = inv->subgroup_size;
    }
  };
  for (int fibers = 0; fibers < 2; fibers++) {
    Ctx c;
    std::vector<unsigned> out(4 * 24);
    c.p.slot[0] = reinterpret_cast<unsigned char*>(out.data());
    c.p.numWorkgroups[0] = 3;
    c.p.numWorkgroups[1] = 2;
    c.p.numWorkgroups[2] = 1;
    unsigned ws[3] = {4, 3, 2}, wg[3] = {2, 1, 0};
    CHECK_EQ(duet_cpu_run_workgroup(&c.p, wg, ws, Seen::body, 0, fibers), 0);
    // local_index = x + y*4 + z*12 (WGSL local_invocation_index)
    unsigned li = 3 + 2 * 4 + 1 * 12;
    CHECK_EQ(out[li * 4 + 0], 3u + 20u + 100u);
    CHECK_EQ(out[li * 4 + 1], (2u * 4 + 3) + 1000u * (1 * 3 + 2) + 100000u * 1);
    CHECK_EQ(out[li * 4 + 2], 321u);
    CHECK_EQ(out[li * 4 + 3], 32u);
  }
}

TEST(cpu_runtime_fiber_stacks_hold_large_frames) {
  Ctx c;
  std::vector<unsigned> out(8);
  c.p.slot[0] = reinterpret_cast<unsigned char*>(out.data());
  unsigned ws[3] = {8, 1, 1}, wg[3] = {0, 0, 0};
  CHECK_EQ(duet_cpu_run_workgroup(&c.p, wg, ws, deepStackBody, 0, 1), 0);
  unsigned want = 0;
  for (unsigned i = 0; i < 128 * 1024; i += 4096) want += static_cast<unsigned char>(i);
  CHECK_EQ(out[7], want);
}

TEST(cpu_runtime_threads_have_their_own_fibers) {
  std::vector<float> out(16, 0);
  std::vector<std::thread> ts;
  for (unsigned t = 0; t < 4; t++) {
    ts.emplace_back([&, t] {
      Ctx c;
      c.p.slot[0] = reinterpret_cast<unsigned char*>(out.data());
      c.p.slotBytes[1] = 128;
      unsigned ws[3] = {128, 1, 1};
      for (unsigned w = t * 4; w < t * 4 + 4; w++) {
        unsigned wg[3] = {w, 0, 0};
        duet_cpu_run_workgroup(&c.p, wg, ws, reduceBody, 512, 1);
      }
    });
  }
  for (auto& t : ts) t.join();
  for (unsigned w = 0; w < 16; w++) CHECK_EQ(static_cast<double>(out[w]), (w * 128.0 + w * 128.0 + 127) * 128 / 2);
}

// A counted loop's one poll (compiler/preludes/cpu_runtime.h section counted-loop): the trips count
// towards the poll interval at once; the abort flag is read when they reach it; a stopped invocation
// skips the loop. The workgroup form gives what the one-invocation form gives invocation by invocation.
TEST(cpu_runtime_counted_loop_polls_once_per_interval) {
  unsigned control[2] = {0, 0};
  int stopped = 0;
  for (int k = 0; k < 63; k++) CHECK(duet_cpu_counted_loop(control, &stopped, 16));
  CHECK_EQ(stopped, 1008);
  control[0] = 1;  // the host asks to stop: seen when the count reaches DUET_POLL_INTERVAL
  CHECK(!duet_cpu_counted_loop(control, &stopped, 16));
  CHECK_EQ(stopped, -1);
  CHECK_EQ(control[1], DUET_STATUS_ABORTED);
  CHECK(!duet_cpu_counted_loop(control, &stopped, 1));  // stopped before: the loop is skipped
  for (unsigned trips : {1u, 16u, 1023u, 1024u, 65536u}) {
    for (int abort = 0; abort < 2; abort++) {
      unsigned c1[2] = {static_cast<unsigned>(abort), 0}, c2[2] = {static_cast<unsigned>(abort), 0};
      int one[8] = {0, 5, 1000, -1, 1007, 1008, 1023, 3};
      int all[8];
      for (int i = 0; i < 8; i++) all[i] = one[i];
      bool each = true;
      for (int i = 0; i < 8; i++) each = duet_cpu_counted_loop(c1, &one[i], trips) && each;
      CHECK_EQ(duet_cpu_counted_loops(c2, all, 8, trips), each);
      for (int i = 0; i < 8; i++) CHECK_EQ(all[i], one[i]);
      CHECK_EQ(c2[1], c1[1]);
    }
    int fresh[4] = {0, 0, 0, 0};
    unsigned c[2] = {0, 0};
    CHECK(duet_cpu_counted_loops(c, fresh, 4, trips));
  }
}
