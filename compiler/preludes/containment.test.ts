/**
 * Wall 2 (docs/security.md): the prelude containers keep every access inside the object they name,
 * whatever index the generated code hands them. These tests bypass the translator: hand-written C++
 * drives duet_array, duet_rt (runtime-sized arrays bound from a byte size, empty ones included), vec,
 * mat (padded vec3 columns), duet_atomic, workgroup memory and pointers taken from them, with indices
 * past the end, huge, and negative i32 converted to u32. Each object sits between sentinel bytes (and,
 * under AddressSanitizer, in its own heap block with redzones); every sentinel must survive and every
 * read must return an element of the object itself (the last one: WGSL's clamp). The same accesses are
 * compiled for CUDA (nvcc -cubin -arch=sm_90) to prove the containers still build there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { GXX, hasGxx, hasNvcc, nvccCompile, runOnCpu } from '../testkit/native';
import { translate } from '../translate';
import { COMMON } from './common';
import { CPU_RUNTIME } from './cpu_runtime';
import { CUDA_RUNTIME } from './cuda_runtime';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'duet-containment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Indices an attacker (or a translator bug) could produce: past the end, huge, negative as u32. */
const BAD = [
  'N',
  'N + 1u',
  '1000u',
  '65536u',
  '0x7fffffffu',
  '0x80000000u',
  '0xffffffffu',
  '(unsigned)-64',
  '(unsigned)-1',
];

const HOST_TEST = String.raw`
#include <initializer_list>
#include <stdio.h>
#include <stdlib.h>
static int failures = 0;
#define CHECK(c) do { if (!(c)) { failures++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)

/* An object between sentinel bytes, in its own heap block (AddressSanitizer adds redzones around it). */
template <class T> struct Guarded {
  unsigned char before[64];
  T obj;
  unsigned char after[64];
};
template <class T> static Guarded<T>* guarded() {
  Guarded<T>* g = (Guarded<T>*)malloc(sizeof(Guarded<T>));
  memset(g, 0xA5, sizeof *g);
  memset(&g->obj, 0, sizeof(T));
  return g;
}
template <class T> static bool intact(const Guarded<T>* g) {
  for (unsigned i = 0; i < 64; i++)
    if (g->before[i] != 0xA5 || g->after[i] != 0xA5) return false;
  return true;
}
/* Indices as the generated code passes them: through a volatile, so nothing is folded at compile time. */
static unsigned idx(unsigned i) { volatile unsigned v = i; return v; }
static int sidx(int i) { volatile int v = i; return v; }

static void arrays() {
  const unsigned N = 64u;
  Guarded<duet_array<unsigned, 64>>* g = guarded<duet_array<unsigned, 64>>();
  duet_array<unsigned, 64>& a = g->obj;
  unsigned k = 1;
  for (unsigned i : {BAD}) {
    a[idx(i)] = 0xC0DE0000u + k;
    CHECK(a.e[N - 1] == 0xC0DE0000u + k); /* the write landed on the last element */
    CHECK(a[idx(i)] == a.e[N - 1]);        /* and the read returns it */
    k++;
  }
  a[sidx(-1)] = 7u;  /* an i32 index converts to u32 */
  CHECK(a.e[N - 1] == 7u && a[sidx(-2147483647 - 1)] == 7u);
  for (unsigned i = 0; i + 1 < N; i++) CHECK(a.e[i] == 0u);
  CHECK(intact(g));
  free(g);

  /* Nested arrays and arrays of structs with member arrays: each level clamps to its own size. */
  struct S { duet_array<float, 3> m; unsigned tag; };
  Guarded<duet_array<duet_array<S, 4>, 5>>* n = guarded<duet_array<duet_array<S, 4>, 5>>();
  for (unsigned i : {BAD}) n->obj[idx(i)][idx(i)].m[idx(i)] = 1.5f;
  CHECK(n->obj.e[4].e[3].m.e[2] == 1.5f && n->obj.e[4].e[3].tag == 0u);
  CHECK(intact(n));
  free(n);

  /* Arrays of vec3: elements are padded to 16 bytes; no component index reaches the padding. */
  Guarded<duet_array<vec<float, 3>, 8>>* v = guarded<duet_array<vec<float, 3>, 8>>();
  for (unsigned i : {BAD}) v->obj[idx(i)][idx(i)] = 2.5f;
  CHECK(v->obj.e[7].z == 2.5f && v->obj.e[7].pad_ == 0.0f && v->obj.e[6].z == 0.0f);
  CHECK(intact(v));
  free(v);
}

static void runtime_arrays() {
  /* A 100-element buffer bound as a runtime-sized array: the length comes from the byte size. */
  const unsigned N = 100u;
  Guarded<float[100]>* g = guarded<float[100]>();
  duet_rt<float> r;
  bool fits = true;
  r.bind((unsigned char*)g->obj, sizeof(float) * 100 + 3, 0ull, &fits); /* a partial element is not one */
  CHECK(fits && r.len == 100u);
  for (unsigned i : {BAD}) {
    r[idx(i)] = 9.0f;
    CHECK(g->obj[99] == 9.0f && r[idx(i)] == 9.0f);
    g->obj[99] = 0.0f;
  }
  r[sidx(-1)] = 3.0f;
  CHECK(g->obj[99] == 3.0f);
  CHECK(intact(g));
  g->obj[99] = 0.0f;

  /* The runtime-sized tail of a struct binding: offset = the struct's size, length from what is left. */
  duet_rt<vec<float, 3>> tail;
  tail.bind((unsigned char*)g->obj, 400ull, 16ull, &fits);
  CHECK(fits && tail.len == (400u - 16u) / 16u);
  for (unsigned i : {BAD}) tail[idx(i)][idx(i)] = 4.0f;
  CHECK(g->obj[4 + 23 * 4 + 2] == 4.0f && g->obj[4 + 23 * 4 + 3] == 0.0f); /* last element's z, pad kept */
  CHECK(intact(g));
  free(g);

  /* Empty and absent runtime arrays are never indexed: the view points at a sink, *fits turns false. */
  Guarded<unsigned char[3]>* e = guarded<unsigned char[3]>();
  memset(e->obj, 0x5A, 3);
  duet_rt<unsigned> empty;
  bool fitsEmpty = true;
  empty.bind(e->obj, 3ull, 0ull, &fitsEmpty);
  CHECK(!fitsEmpty && empty.len == 0u);
  for (unsigned i : {BAD}) empty[idx(i)] = 0xFFFFFFFFu;
  empty[0] = 1u;
  CHECK(e->obj[0] == 0x5A && e->obj[1] == 0x5A && e->obj[2] == 0x5A && intact(e));
  duet_rt<unsigned> absent;
  bool fitsAbsent = true;
  absent.bind(0, 0ull, 0ull, &fitsAbsent);
  absent[idx(12345u)] = 1u;
  CHECK(!fitsAbsent && absent.len == 0u);
  duet_rt<float> pastEnd; /* an offset beyond the binding */
  bool fitsPast = true;
  pastEnd.bind(e->obj, 3ull, 64ull, &fitsPast);
  pastEnd[idx(0u)] = 1.0f;
  CHECK(!fitsPast && pastEnd.len == 0u && intact(e));
  free(e);

  /* Fixed-size bindings: a binding smaller than its type is refused before any WGSL code runs. */
  struct U { float a; duet_array<unsigned, 4> b; };
  unsigned char small[8];
  bool ok = true;
  duet_bind<U>(small, sizeof small, &ok);
  CHECK(!ok);
  ok = true;
  duet_bind<U>(small, sizeof(U), &ok);
  CHECK(ok);
}

/* The CPU loop mode's windows (duet_rt::window): a window is set only inside the array; an index in it
 * reaches its element, any other index the element it names or, out of range, the clamped last one. */
static void windows() {
  const unsigned N = 100u;
  Guarded<float[100]>* g = guarded<float[100]>();
  for (unsigned i = 0; i < N; i++) g->obj[i] = (float)i;
  duet_rt<float> r;
  bool fits = true;
  r.bind((unsigned char*)g->obj, sizeof(float) * N, 0ull, &fits);
  /* Refused: past the end, ending past it, and ranges whose u32 end wraps (an attacker's gid.x near 2^32). */
  for (unsigned l : {100u, 99u, 37u, 0xffffffc0u, 0xffffffffu, 0x80000000u}) {
    CHECK(!r.window(idx(l), 64u));
    CHECK(r.lo == 0u && r.cnt == N && r.w == r.e);
  }
  CHECK(!r.window(idx(0u), idx(0xffffffffu)) && !r.window(idx(1u), idx(100u)));
  CHECK(r.window(idx(36u), 64u) && r.lo == 36u && r.cnt == 64u); /* [36, 100): the last element included */
  for (unsigned i = 0; i < N; i++) CHECK(r[idx(i)] == (float)i); /* in and out of the window alike */
  for (unsigned i : {BAD}) {
    r[idx(i)] = -1.0f;
    CHECK(g->obj[99] == -1.0f && r[idx(i)] == -1.0f);
    g->obj[99] = 99.0f;
  }
  r[sidx(-1)] = -2.0f;
  CHECK(g->obj[99] == -2.0f && g->obj[35] == 35.0f && g->obj[0] == 0.0f);
  CHECK(intact(g));
  /* A copy carries its window (the generated entry copies the context per invocation). */
  duet_rt<float> c = r;
  c[idx(40u)] = 4.0f;
  c[idx(3u)] = 3.5f;
  CHECK(g->obj[40] == 4.0f && g->obj[3] == 3.5f && intact(g));
  free(g);

  /* An empty view takes no window: it keeps pointing at its sink. */
  duet_rt<unsigned> empty;
  bool fitsEmpty = true;
  empty.bind(0, 0ull, 0ull, &fitsEmpty);
  CHECK(!empty.window(idx(0u), 64u) && !empty.window(idx(0u), 1u));
  empty[idx(5u)] = 1u;
  CHECK(empty.len == 0u);
}

static void vectors_and_matrices() {
  {
    const unsigned N = 4u;
    Guarded<vec<int, 4>>* g = guarded<vec<int, 4>>();
    for (unsigned i : {BAD}) {
      g->obj[idx(i)] = 11;
      CHECK(g->obj.w == 11 && g->obj[idx(i)] == 11);
      g->obj.w = 0;
    }
    CHECK(g->obj.x == 0 && g->obj.y == 0 && g->obj.z == 0 && intact(g));
    free(g);
  }
  {
    const unsigned N = 2u;
    Guarded<vec<unsigned, 2>>* g = guarded<vec<unsigned, 2>>();
    for (unsigned i : {BAD}) g->obj[idx(i)] = 5u;
    CHECK(g->obj.x == 0u && g->obj.y == 5u && intact(g));
    free(g);
  }
  {
    const unsigned N = 3u;
    Guarded<vec<float, 3>>* g = guarded<vec<float, 3>>();
    for (unsigned i : {BAD}) g->obj[idx(i)] = 6.0f;
    CHECK(g->obj.z == 6.0f && g->obj.x == 0.0f && intact(g));
    free(g);
  }
  {
    /* mat3x3: columns are padded vec3 (16 bytes); column and row indices clamp separately. */
    const unsigned N = 3u;
    Guarded<mat<float, 3, 3>>* g = guarded<mat<float, 3, 3>>();
    for (unsigned i : {BAD}) g->obj[idx(i)][idx(i)] = 8.0f;
    CHECK(g->obj.c[2].z == 8.0f && g->obj.c[2].pad_ == 0.0f && g->obj.c[1].z == 0.0f && intact(g));
    vec<float, 3> col = {1.0f, 2.0f, 3.0f};
    g->obj[idx(0xffffffffu)] = col;
    CHECK(g->obj.c[2].x == 1.0f && g->obj.c[2].pad_ == 0.0f && intact(g));
    free(g);
  }
  {
    const unsigned N = 4u;
    Guarded<mat<float, 4, 2>>* g = guarded<mat<float, 4, 2>>();
    for (unsigned i : {BAD}) g->obj[idx(i)][idx(i)] = 1.25f;
    CHECK(g->obj.c[3].y == 1.25f && g->obj.c[3].x == 0.0f && intact(g));
    free(g);
  }
}

static void atomics_and_pointers() {
  const unsigned N = 8u;
  Guarded<duet_array<duet_atomic<unsigned>, 8>>* g = guarded<duet_array<duet_atomic<unsigned>, 8>>();
  for (unsigned i : {BAD}) duet_atomicAdd(&g->obj[idx(i)], 1u);
  duet_atomicStore(&g->obj[idx(1u << 31)], 100u);
  CHECK(duet_atomicLoad(&g->obj[idx(0xffffffffu)]) == 100u);
  CHECK(duet_atomicExchange(&g->obj[sidx(-5)], 3u) == 100u);
  duet_cmpxchg_result<unsigned> c = duet_atomicCompareExchangeWeak(&g->obj[idx(N)], 3u, 4u);
  CHECK(c.exchanged && g->obj.e[7].v == 4u);
  for (unsigned i = 0; i + 1 < N; i++) CHECK(g->obj.e[i].v == 0u);
  CHECK(intact(g));
  free(g);

  /* Atomics in a runtime-sized array (a storage buffer of atomic<i32>). */
  Guarded<int[16]>* b = guarded<int[16]>();
  duet_rt<duet_atomic<int>> r;
  bool fits = true;
  r.bind((unsigned char*)b->obj, 64ull, 0ull, &fits);
  for (unsigned i : {BAD}) duet_atomicMax(&r[idx(i)], 42);
  duet_atomicSub(&r[sidx(-1)], 2);
  CHECK(b->obj[15] == 40 && b->obj[14] == 0 && intact(b));
  free(b);

  /* A pointer (WGSL ptr<function, T>) taken from an access names the clamped element. */
  Guarded<duet_array<float, 16>>* p = guarded<duet_array<float, 16>>();
  float* q = &p->obj[idx(0x80000000u)];
  CHECK(q == &p->obj.e[15]);
  *q = 1.0f;
  duet_array<float, 16>* whole = &p->obj;
  (*whole)[idx(99u)] += 1.0f;
  CHECK(p->obj.e[15] == 2.0f && intact(p));
  free(p);
}

/* Workgroup memory: one struct per workgroup, reached through ctx.wg as the generated code does. */
struct DuetWorkgroup {
  duet_array<duet_array<float, 17>, 16> tile;
  duet_array<duet_atomic<unsigned>, 4> counts;
  vec<unsigned, 3> v;
};
struct Ctx { DuetWorkgroup* wg; };

static void workgroup() {
  Guarded<DuetWorkgroup>* g = guarded<DuetWorkgroup>();
  Ctx ctx = {&g->obj};
  const unsigned N = 16u;
  for (unsigned i : {BAD}) {
    ctx.wg->tile[idx(i)][idx(i)] = 3.0f;
    duet_atomicOr(&ctx.wg->counts[idx(i)], 1u);
    ctx.wg->v[idx(i)] = 9u;
  }
  CHECK(g->obj.tile.e[15].e[16] == 3.0f && g->obj.counts.e[3].v == 1u && g->obj.v.z == 9u);
  CHECK(g->obj.tile.e[15].e[15] == 0.0f && g->obj.counts.e[2].v == 0u && g->obj.v.y == 0u);
  CHECK(intact(g));
  free(g);
}

int main() {
  arrays();
  runtime_arrays();
  windows();
  vectors_and_matrices();
  atomics_and_pointers();
  workgroup();
  printf("failures %d\n", failures);
  return failures ? 1 : 0;
}
`.replaceAll('{BAD}', `{${BAD.join(', ')}}`);

/** The same containers in device code, for nvcc: arrays, runtime arrays, vectors, matrices, atomics, shared memory. */
const CUDA_TEST = String.raw`
struct DuetWorkgroup { duet_array<float, 64> tile; duet_array<duet_atomic<unsigned>, 4> counts; };
extern "C" __global__ void containment(DuetParams p, unsigned i, int s) {
  __shared__ __align__(16) unsigned char wg_mem[(sizeof(DuetWorkgroup) + 15u) / 16u * 16u];
  duet_zero_workgroup(wg_mem, threadIdx.x, blockDim.x);
  DuetWorkgroup* wg = (DuetWorkgroup*)wg_mem;
  bool fit = true;
  duet_rt<float> r;
  r.bind(p.slot[0], p.slotBytes[0], 0ull, &fit);
  duet_rt<vec<float, 3>> tail;
  tail.bind(p.slot[1], p.slotBytes[1], 16ull, &fit);
  duet_rt<duet_atomic<unsigned>> counters;
  counters.bind(p.slot[2], p.slotBytes[2], 0ull, &fit);
  if (!fit) {
    duet_refuse(p.control);
    return;
  }
  duet_array<vec<float, 4>, 8> a = {};
  mat<float, 3, 3> m = {};
  a[i][i] = r[s];
  m[i][i] = a[s][i];
  wg->tile[i] = m[s][s] + tail[i][s];
  duet_atomicAdd(&wg->counts[i], 1u);
  duet_atomicMax(&counters[i], (unsigned)s);
  __syncthreads();
  r[i] = wg->tile[s] + (float)duet_atomicLoad(&wg->counts[s]);
}
`;

const canRun = await hasGxx();

/**
 * Issue 19's collision: a second local `a` was renamed `a_1` without checking that name was free, so the
 * inner 64-element array was emitted as a second C++ `a_1` hiding the outer 1000-element one. The WGSL
 * writes go to the outer array (indices up to 999, in range for it); the C++ ones went to the inner array,
 * 3.7 KB past its end into the stack. Whatever the namer emits, the container bounds them: the locals
 * around keep their values. With the namer fixed the output is Chrome's; with the collision the writes
 * land on the inner array's last element, never on stack memory.
 */
const SHADOWING = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn main() {
  var a: u32 = 7u;
  var a_1: array<u32, 1000>;
  var lo: array<u32, 8> = array<u32, 8>(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u);
  {
    var a: array<u32, 64>;
    var hi: array<u32, 8> = array<u32, 8>(10u, 20u, 30u, 40u, 50u, 60u, 70u, 80u);
    for (var i = 0u; i < 1000u; i++) { a_1[i] = 0xdead0000u + i; }
    a[0] = 5u;
    var s = 0u;
    for (var i = 0u; i < 8u; i++) { s += lo[i] * 1000u + hi[i]; }
    out[0] = s;
    out[1] = a[0];
    out[2] = a_1[999u];
  }
  out[3] = a;
}`;

describe('prelude containers bound every access by their own size (wall 2)', () => {
  it.runIf(canRun)(
    'out-of-range, huge and negative indices stay inside each object; sentinels survive (g++ -O2, ASan+UBSan)',
    { timeout: 180_000 },
    async () => {
      const src = join(dir, 'containment.cpp');
      writeFileSync(src, `${COMMON}\n${CPU_RUNTIME}\n${HOST_TEST}`);
      for (const flags of [
        ['-O2'],
        ['-O0', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all'],
      ]) {
        const exe = join(dir, `containment${flags[0]}`);
        await run(GXX, ['-std=c++17', '-w', ...flags, '-o', exe, src], { maxBuffer: 1 << 24 });
        const r = await run(exe, [], { timeout: 60_000 }).catch((e: { stdout: string; stderr: string }) => e);
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain('failures 0');
      }
    },
  );

  it.runIf(canRun)(
    "issue 19's naming collision, through the translator, stays inside the array it names",
    async () => {
      const r = translate(SHADOWING, { target: 'cpu' });
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, { dispatch: 1, sizes: { out: 16 } });
      expect(res.status).toEqual([0]);
      const [sum, inner0, outer999, a] = res.words;
      expect(sum).toBe(36 * 1000 + 360); // lo and hi untouched
      expect(a).toBe(7);
      // Chrome: the inner a[0] and the outer array's last element. With the collision the inner array's
      // last element takes the writes (0xdead0000 + 999 last), so the same values come out, from inside it.
      expect([inner0, outer999]).toEqual([5, 0xdead0000 + 999]);
    },
  );

  it.runIf(hasNvcc())(
    'the same containers compile for CUDA (nvcc -cubin -arch=sm_90)',
    { timeout: 180_000 },
    async () => {
      const log = await nvccCompile(`${COMMON}\n${CUDA_RUNTIME}\n${CUDA_TEST}`, 'sm_90');
      expect(log).not.toMatch(/error/i);
    },
  );
});
