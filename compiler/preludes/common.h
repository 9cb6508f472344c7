/*
 * Duet common prelude -- the first part of every generated kernel source (contract section 3).
 * Single source of truth for this text; compiler/preludes/common.ts is generated from it
 * (node scripts/gen-preludes.mjs). Compiles as CUDA C++ (nvcc / NVRTC, no standard headers on the
 * device side) and as C++17 (g++), selected by __CUDACC__.
 *
 * It gives WGSL's value types C++ shapes whose sizes match WGSL's host-shareable layout
 * (WGSL section 14.4): vec<T,N> (vec3 = 12 bytes), padded vec3 elements for arrays (stride 16),
 * matrices with padded 3-row columns, arrays as value types, runtime-sized array views, atomics.
 * Integer operations follow WebGPU's robustness rules (as Tint implements them, see
 * src/tint/lang/core/ir/transform/builtin_polyfill.cc and signed_integer_polyfill.cc):
 * wrapping signed arithmetic, divisor 0 or INT_MIN/-1 replaced by 1, masked shift amounts,
 * saturating float->int conversion.
 *
 * Sections: the text from `@section NAME` to the next marker is one section. A generated source holds
 * the part before the first marker, the sections marked `always` (the value types and the containers
 * that bound every access: never left out), the sections defining a name the module or its runtime
 * uses, with the sections they name after `needs`, in this file's order, and the part after
 * `@end-sections` (compiler/preludes/sections.ts, compiler/emit/prelude.ts). All overloads of a name
 * live in one section, and a section uses only names of its own, `always` or `needs` sections
 * (compiler/preludes/sections.test.ts), so leaving a section out can only fail to compile.
 */
#ifndef DUET_COMMON_H
#define DUET_COMMON_H

#define DUET_ABI_VERSION 1
#define DUET_MAX_SLOTS 64
struct DuetParams {
  unsigned char* slot[DUET_MAX_SLOTS];
  unsigned long long slotBytes[DUET_MAX_SLOTS];
  unsigned int numWorkgroups[3];
  unsigned int* control;
};
#define DUET_STATUS_LOOP_GUARD 1u
#define DUET_STATUS_ABORTED 2u
/* An entry point refused to run: a binding it uses is smaller than its WGSL type (duet_bind). */
#define DUET_STATUS_BINDING 8u
/* A loop that runs this many iterations in one invocation is stopped (control[1] bit 1). */
#define DUET_LOOP_GUARD_ITERATIONS (1ull << 32)
/* An invocation polls the host's abort flag once every this many loop iterations, all its loops
 * together (a power of two; see duet_loop_stop). */
#define DUET_POLL_INTERVAL 1024u

#ifdef __CUDACC__
#define DUET_FN __device__ __forceinline__
#define DUET_MFN __device__ __forceinline__
#ifdef DUET_USES_F16
#include <cuda_fp16.h>
typedef __half duet_f16;
#endif
#else
#include <math.h>
#include <string.h>
#define DUET_FN static inline
#define DUET_MFN inline
#ifdef DUET_USES_F16
typedef _Float16 duet_f16;
#endif
#endif

/* @section vector always */
/* --------------------------------------------------------- vectors (WGSL section 6.2.6) ------ */
/* Memory safety, independent of the translator (wall 2, docs/security.md): every container below bounds
 * each index by its OWN size -- min(i, N - 1), a result WGSL allows for a memory access out of bounds
 * (WGSL spec, "Out-of-Bounds Access": it may instead access any location of the same originating
 * variable) -- so a wrong name or a missing clamp in the generated code can at worst give a wrong value,
 * never reach memory outside the run's buffers and variables. Indices are unsigned: a negative i32
 * converts to a huge value and clamps to the last element. The translator emits no clamp of its own
 * (a second one did not fold away in nvcc's PTX; scripts/prelude-cost.ts). */
template <class T, int N> struct vec;
template <class T> struct vec<T, 2> {
  T x, y;
#ifndef __CUDACC__
  DUET_MFN vec& operator=(const vec& o) { x = o.x; y = o.y; return *this; } /* see vec<T, 4> */
#endif
  DUET_MFN T& operator[](unsigned i) { return (&x)[i < 1u ? i : 1u]; }
  DUET_MFN const T& operator[](unsigned i) const { return (&x)[i < 1u ? i : 1u]; }
};
template <class T> struct vec<T, 3> {
  T x, y, z;
  DUET_MFN T& operator[](unsigned i) { return (&x)[i < 2u ? i : 2u]; }
  DUET_MFN const T& operator[](unsigned i) const { return (&x)[i < 2u ? i : 2u]; }
};
template <class T> struct vec<T, 4> {
  T x, y, z, w;
#ifndef __CUDACC__
  /* Member by member: g++ does not vectorise a loop holding an aggregate copy ("more than one data ref
   * in stmt"), so bandwidth-copy's dst[i] = src[i] stayed scalar. Same bytes written. */
  DUET_MFN vec& operator=(const vec& o) { x = o.x; y = o.y; z = o.z; w = o.w; return *this; }
#endif
  DUET_MFN T& operator[](unsigned i) { return (&x)[i < 3u ? i : 3u]; }
  DUET_MFN const T& operator[](unsigned i) const { return (&x)[i < 3u ? i : 3u]; }
};

/* A vec3 as an element of an array or a matrix column: 16 bytes (WGSL array stride rule). Assigning
 * a vec3 writes x, y, z only, so padding bytes in storage are never overwritten. */
template <class T> struct duet_v3p : vec<T, 3> {
  T pad_;
  DUET_MFN duet_v3p& operator=(const vec<T, 3>& o) {
    this->x = o.x;
    this->y = o.y;
    this->z = o.z;
    return *this;
  }
  DUET_MFN duet_v3p& operator=(const duet_v3p& o) { return *this = (const vec<T, 3>&)o; }
};

/* Element storage type of arrays: vec3 elements are padded. */
template <class T> struct duet_elem { typedef T type; };
template <class T> struct duet_elem<vec<T, 3>> { typedef duet_v3p<T> type; };

/* ---------------------------------------------------------------- vector construction -------- */
template <class V> struct duet_vec_traits;
template <class T, int N> struct duet_vec_traits<vec<T, N>> {
  typedef T elem;
  enum { n = N };
};
template <class V, class S> DUET_FN V duet_splat(S s) {
  V r;
  for (int i = 0; i < duet_vec_traits<V>::n; i++) r[i] = s;
  return r;
}
template <class T> DUET_FN vec<T, 2> duet_vec2(T a, T b) { return vec<T, 2>{a, b}; }
template <class T> DUET_FN vec<T, 3> duet_vec3(T a, T b, T c) { return vec<T, 3>{a, b, c}; }
template <class T> DUET_FN vec<T, 3> duet_vec3(vec<T, 2> a, T b) { return vec<T, 3>{a.x, a.y, b}; }
template <class T> DUET_FN vec<T, 3> duet_vec3(T a, vec<T, 2> b) { return vec<T, 3>{a, b.x, b.y}; }
template <class T> DUET_FN vec<T, 4> duet_vec4(T a, T b, T c, T d) { return vec<T, 4>{a, b, c, d}; }
template <class T> DUET_FN vec<T, 4> duet_vec4(vec<T, 2> a, T b, T c) { return vec<T, 4>{a.x, a.y, b, c}; }
template <class T> DUET_FN vec<T, 4> duet_vec4(T a, vec<T, 2> b, T c) { return vec<T, 4>{a, b.x, b.y, c}; }
template <class T> DUET_FN vec<T, 4> duet_vec4(T a, T b, vec<T, 2> c) { return vec<T, 4>{a, b, c.x, c.y}; }
template <class T> DUET_FN vec<T, 4> duet_vec4(vec<T, 2> a, vec<T, 2> b) { return vec<T, 4>{a.x, a.y, b.x, b.y}; }
template <class T> DUET_FN vec<T, 4> duet_vec4(vec<T, 3> a, T b) { return vec<T, 4>{a.x, a.y, a.z, b}; }
template <class T> DUET_FN vec<T, 4> duet_vec4(T a, vec<T, 3> b) { return vec<T, 4>{a, b.x, b.y, b.z}; }

/* Multi-component swizzle (WGSL section 8.5.1.1): evaluates the vector once. */
template <int... I, class T, int N> DUET_FN vec<T, (int)sizeof...(I)> duet_swizzle(const vec<T, N>& v) {
  return vec<T, (int)sizeof...(I)>{v[I]...};
}

/* ---------------------------------------------------------------- component-wise operators --- */
#define DUET_VEC_BINOP(OP)                                                                        \
  template <class T, int N> DUET_FN vec<T, N> operator OP(const vec<T, N>& a, const vec<T, N>& b) { \
    vec<T, N> r;                                                                                  \
    for (int i = 0; i < N; i++) r[i] = (T)(a[i] OP b[i]);                                         \
    return r;                                                                                     \
  }                                                                                               \
  template <class T, int N> DUET_FN vec<T, N> operator OP(const vec<T, N>& a, T b) {              \
    vec<T, N> r;                                                                                  \
    for (int i = 0; i < N; i++) r[i] = (T)(a[i] OP b);                                            \
    return r;                                                                                     \
  }                                                                                               \
  template <class T, int N> DUET_FN vec<T, N> operator OP(T a, const vec<T, N>& b) {              \
    vec<T, N> r;                                                                                  \
    for (int i = 0; i < N; i++) r[i] = (T)(a OP b[i]);                                            \
    return r;                                                                                     \
  }
DUET_VEC_BINOP(+)
DUET_VEC_BINOP(-)
DUET_VEC_BINOP(*)
DUET_VEC_BINOP(/)
DUET_VEC_BINOP(&)
DUET_VEC_BINOP(|)
DUET_VEC_BINOP(^)
#undef DUET_VEC_BINOP

#define DUET_VEC_CMP(OP)                                                                             \
  template <class T, int N> DUET_FN vec<bool, N> operator OP(const vec<T, N>& a, const vec<T, N>& b) { \
    vec<bool, N> r;                                                                                  \
    for (int i = 0; i < N; i++) r[i] = a[i] OP b[i];                                                 \
    return r;                                                                                        \
  }
DUET_VEC_CMP(==)
DUET_VEC_CMP(!=)
DUET_VEC_CMP(<)
DUET_VEC_CMP(<=)
DUET_VEC_CMP(>)
DUET_VEC_CMP(>=)
#undef DUET_VEC_CMP

template <class T, int N> DUET_FN vec<T, N> operator-(const vec<T, N>& a) {
  vec<T, N> r;
  for (int i = 0; i < N; i++) r[i] = -a[i];
  return r;
}
template <class T, int N> DUET_FN vec<T, N> operator~(const vec<T, N>& a) {
  vec<T, N> r;
  for (int i = 0; i < N; i++) r[i] = ~a[i];
  return r;
}
template <int N> DUET_FN vec<bool, N> operator!(const vec<bool, N>& a) {
  vec<bool, N> r;
  for (int i = 0; i < N; i++) r[i] = !a[i];
  return r;
}
/* bool & | ^ stay bool (C++ would promote to int). */
DUET_FN bool duet_band(bool a, bool b) { return a && b; }
DUET_FN bool duet_bor(bool a, bool b) { return a || b; }
template <int N> DUET_FN vec<bool, N> duet_band(const vec<bool, N>& a, const vec<bool, N>& b) {
  vec<bool, N> r;
  for (int i = 0; i < N; i++) r[i] = a[i] && b[i];
  return r;
}
template <int N> DUET_FN vec<bool, N> duet_bor(const vec<bool, N>& a, const vec<bool, N>& b) {
  vec<bool, N> r;
  for (int i = 0; i < N; i++) r[i] = a[i] || b[i];
  return r;
}

/* Lift a scalar function to vectors, component-wise. */
#define DUET_LIFT1(NAME)                                                               \
  template <class T, int N> DUET_FN auto NAME(const vec<T, N>& a)->vec<decltype(NAME(a.x)), N> { \
    vec<decltype(NAME(a.x)), N> r;                                                      \
    for (int i = 0; i < N; i++) r[i] = NAME(a[i]);                                      \
    return r;                                                                           \
  }
#define DUET_LIFT2(NAME)                                                                      \
  template <class T, class U, int N>                                                          \
  DUET_FN auto NAME(const vec<T, N>& a, const vec<U, N>& b)->vec<decltype(NAME(a.x, b.x)), N> { \
    vec<decltype(NAME(a.x, b.x)), N> r;                                                        \
    for (int i = 0; i < N; i++) r[i] = NAME(a[i], b[i]);                                       \
    return r;                                                                                  \
  }
#define DUET_LIFT3(NAME)                                                                        \
  template <class T, int N>                                                                     \
  DUET_FN vec<T, N> NAME(const vec<T, N>& a, const vec<T, N>& b, const vec<T, N>& c) {          \
    vec<T, N> r;                                                                                \
    for (int i = 0; i < N; i++) r[i] = NAME(a[i], b[i], c[i]);                                  \
    return r;                                                                                   \
  }

/* @section containers always */
/* --------------------------------------------------------- arrays (WGSL section 6.2.9) ------- */
/* Clamp a dynamic index into [0, n-1] (WebGPU robustness; Tint robustness.cc). */
DUET_FN unsigned duet_idx(unsigned i, unsigned n) { return i < n ? i : (n ? n - 1u : 0u); }
DUET_FN unsigned duet_idx(int i, unsigned n) { return duet_idx((unsigned)i, n); }

template <class T, unsigned N> struct duet_array {
  static_assert(N > 0u, "WGSL fixed-size arrays have at least one element");
  typename duet_elem<T>::type e[N];
  DUET_MFN T& operator[](unsigned i) { return e[i < N - 1u ? i : N - 1u]; }
  DUET_MFN const T& operator[](unsigned i) const { return e[i < N - 1u ? i : N - 1u]; }
};

/* A zeroed element of type E in the module's own memory: what a view of an absent or empty runtime-sized
 * array points at, so that even an empty array is never indexed. Entry points refuse a used binding
 * that holds no element before any WGSL code runs (duet_fit), so only unused views ever point here. */
template <class E> DUET_FN E* duet_sink() {
  static E s;
  return &s;
}

/* A runtime-sized array in a buffer: base pointer and element count, both set by bind() from the
 * binding's byte size and the element's own size (WGSL spec, "Buffer Binding Determines Runtime-Sized
 * Array Element Count": truncate((size - offset) / stride)). Indices clamp to last = len - 1, one min;
 * with len == 0, e is a one-element sink and last is 0. */
template <class T> struct duet_rt {
  typedef typename duet_elem<T>::type E;
  E* e;
  unsigned len;  /* arrayLength */
  unsigned last;
#ifdef __CUDACC__
  /* The clamp on byte offsets, not indices: o <= last * sizeof(E), so the element lies inside the view
   * (last < len <= bytes / sizeof(E); a sink's last is 0). Views indexed by one value (saxpy's x[i], y[i])
   * then share i * sizeof(E) and each adds one 64-bit min, where clamped indices made each view its own
   * 64-bit offset: saxpy 14 -> 12 registers under ptxas (bench/cuda-quality.bench.ts). */
  DUET_MFN T& operator[](unsigned i) const {
    const unsigned long long o = (unsigned long long)i * sizeof(E), l = (unsigned long long)last * sizeof(E);
    return *(E*)((unsigned char*)e + (o < l ? o : l));
  }
#else
  /* g++ (CPU loop mode): a window [lo, lo + cnt) of the array, always inside it (lo + cnt <= len, kept by
   * bind and window), with w = e + lo. An index inside the window is one predictable branch on
   * i - lo < cnt (unsigned: also false below lo) and an access w[i - lo]; in a loop over a window the
   * entry proved (window() returned true for exactly the indices its invocations use as gid.x) g++ folds
   * i - lo to the loop counter, drops the branch, and the loop vectorises. Any other index takes the
   * cold path, which clamps to the whole array as before. Unwindowed (lo 0, cnt len, w e) this is the
   * previous form: a branch on i < len and the clamped address from a cold call -- measured one-thread
   * (bench/prelude-cost.bench.ts), a min (a cmov on every load's address) cost saxpy ~7%. */
  E* w;
  unsigned lo, cnt;
  __attribute__((noinline, cold)) static E* outside_(E* e, unsigned i, unsigned len, unsigned last) {
    return e + (i < len ? i : last);
  }
  DUET_MFN T& operator[](unsigned i) const {
    const unsigned j = i - lo;
    return __builtin_expect(j < cnt, 1) ? w[j] : *outside_(e, i, len, last);
  }
  /* Narrows the fast test to indices [l, l + c) when that range lies inside the array (false, and the
   * view unchanged, when it does not). Indices outside the window still reach the whole array. */
  DUET_MFN bool window(unsigned l, unsigned c) {
    if ((unsigned long long)l + c > len) return false;
    lo = l;
    cnt = c;
    w = e + l;
    return true;
  }
#endif
  /* Points the view at bytes [offset, bytes) of a binding; clears *fits when not one element fits. */
  DUET_MFN void bind(unsigned char* base, unsigned long long bytes, unsigned long long offset, bool* fits) {
    unsigned long long n = bytes > offset ? (bytes - offset) / sizeof(E) : 0ull; /* host: no base, 0 bytes */
    len = n < 0xffffffffull ? (unsigned)n : 0xffffffffu; /* u32 indices reach no further */
    e = len ? (E*)(base + offset) : duet_sink<E>();
    last = len ? len - 1u : 0u;
#ifndef __CUDACC__
    w = e;
    lo = 0u;
    cnt = len;
#endif
    if (fits && !len) *fits = false;
  }
};

/* A fixed-size binding: its pointer, and whether the binding holds the whole type (WebGPU's minimum
 * binding size). Entry points run no WGSL code unless every binding they use fits (duet_fit). */
template <class T> DUET_FN T* duet_bind(unsigned char* base, unsigned long long bytes, bool* fits) {
  if (fits && bytes < sizeof(T)) *fits = false;
  return (T*)base;
}

/* Array and matrix value constructors (WGSL section 17.1.1). */
template <class T, unsigned N, class... A> DUET_FN duet_array<T, N> duet_make_array(const A&... a) {
  const T v[N] = {a...};
  duet_array<T, N> r = {};
  for (unsigned i = 0; i < N; i++) r.e[i] = v[i];
  return r;
}

/* @section integer */
/* ---------------------------------------------------------------- integer semantics --------- */
/* Signed + - * in unsigned arithmetic: wraps, never undefined behaviour. */
DUET_FN int duet_add(int a, int b) { return (int)((unsigned)a + (unsigned)b); }
DUET_FN int duet_sub(int a, int b) { return (int)((unsigned)a - (unsigned)b); }
DUET_FN int duet_mul(int a, int b) { return (int)((unsigned)a * (unsigned)b); }
DUET_FN int duet_neg(int a) { return (int)(0u - (unsigned)a); }
DUET_FN unsigned duet_add(unsigned a, unsigned b) { return a + b; }
DUET_FN unsigned duet_sub(unsigned a, unsigned b) { return a - b; }
DUET_FN unsigned duet_mul(unsigned a, unsigned b) { return a * b; }
DUET_FN float duet_add(float a, float b) { return a + b; }
DUET_FN float duet_mul(float a, float b) { return a * b; }
DUET_LIFT2(duet_add)
DUET_LIFT2(duet_sub)
DUET_LIFT2(duet_mul)
DUET_LIFT1(duet_neg)
template <class T, int N> DUET_FN vec<T, N> duet_add(const vec<T, N>& a, T b) { return duet_add(a, duet_splat<vec<T, N>>(b)); }
template <class T, int N> DUET_FN vec<T, N> duet_add(T a, const vec<T, N>& b) { return duet_add(duet_splat<vec<T, N>>(a), b); }
template <class T, int N> DUET_FN vec<T, N> duet_sub(const vec<T, N>& a, T b) { return duet_sub(a, duet_splat<vec<T, N>>(b)); }
template <class T, int N> DUET_FN vec<T, N> duet_sub(T a, const vec<T, N>& b) { return duet_sub(duet_splat<vec<T, N>>(a), b); }
template <class T, int N> DUET_FN vec<T, N> duet_mul(const vec<T, N>& a, T b) { return duet_mul(a, duet_splat<vec<T, N>>(b)); }
template <class T, int N> DUET_FN vec<T, N> duet_mul(T a, const vec<T, N>& b) { return duet_mul(duet_splat<vec<T, N>>(a), b); }

/* Integer / and %: a zero divisor (and INT_MIN / -1) becomes 1 (Tint binary_polyfill.cc).
 * Float % is x - y * trunc(x / y) (WGSL section 8.7). */
DUET_FN int duet_div(int a, int b) { return a / ((b == 0 || (a == (-2147483647 - 1) && b == -1)) ? 1 : b); }
DUET_FN unsigned duet_div(unsigned a, unsigned b) { return a / (b == 0u ? 1u : b); }
DUET_FN float duet_div(float a, float b) { return a / b; }
DUET_FN int duet_mod(int a, int b) { return a % ((b == 0 || (a == (-2147483647 - 1) && b == -1)) ? 1 : b); }
DUET_FN unsigned duet_mod(unsigned a, unsigned b) { return a % (b == 0u ? 1u : b); }
DUET_FN float duet_mod(float a, float b) { return a - b * truncf(a / b); }
#ifdef DUET_USES_F16
/* Named, so the vector lift below finds it: under nvcc __half converts to int, unsigned and float alike. */
DUET_FN duet_f16 duet_mod(duet_f16 a, duet_f16 b) { return (duet_f16)duet_mod((float)a, (float)b); }
#endif
DUET_LIFT2(duet_div)
DUET_LIFT2(duet_mod)
template <class T, int N> DUET_FN vec<T, N> duet_div(const vec<T, N>& a, T b) { return duet_div(a, duet_splat<vec<T, N>>(b)); }
template <class T, int N> DUET_FN vec<T, N> duet_div(T a, const vec<T, N>& b) { return duet_div(duet_splat<vec<T, N>>(a), b); }
template <class T, int N> DUET_FN vec<T, N> duet_mod(const vec<T, N>& a, T b) { return duet_mod(a, duet_splat<vec<T, N>>(b)); }
template <class T, int N> DUET_FN vec<T, N> duet_mod(T a, const vec<T, N>& b) { return duet_mod(duet_splat<vec<T, N>>(a), b); }

/* Shifts: the amount is taken modulo the bit width (WGSL section 8.9). */
DUET_FN int duet_shl(int a, unsigned b) { return (int)((unsigned)a << (b & 31u)); }
DUET_FN unsigned duet_shl(unsigned a, unsigned b) { return a << (b & 31u); }
DUET_FN int duet_shr(int a, unsigned b) { return a >> (b & 31u); }
DUET_FN unsigned duet_shr(unsigned a, unsigned b) { return a >> (b & 31u); }
DUET_LIFT2(duet_shl)
DUET_LIFT2(duet_shr)

/* @section conversions */
/* --------------------------------------------------------- conversions (WGSL section 15.7) --- */
template <class To> struct duet_conv {
  template <class From> DUET_MFN static To from(From v) { return (To)v; }
};
/* float -> i32 / u32 saturate; NaN gives 0. */
DUET_FN int duet_f2i(float v) {
  if (!(v == v)) return 0;
  if (v <= -2147483648.0f) return -2147483647 - 1;
  if (v >= 2147483520.0f) return 2147483520;
  return (int)v;
}
DUET_FN unsigned duet_f2u(float v) {
  if (!(v == v) || v <= 0.0f) return 0u;
  if (v >= 4294967040.0f) return 4294967040u;
  return (unsigned)v;
}
template <> struct duet_conv<int> {
  DUET_MFN static int from(float v) { return duet_f2i(v); }
  DUET_MFN static int from(int v) { return v; }
  DUET_MFN static int from(unsigned v) { return (int)v; }
  DUET_MFN static int from(bool v) { return v ? 1 : 0; }
#ifdef DUET_USES_F16
  DUET_MFN static int from(duet_f16 v) { return duet_f2i((float)v); }
#endif
};
template <> struct duet_conv<unsigned> {
  DUET_MFN static unsigned from(float v) { return duet_f2u(v); }
  DUET_MFN static unsigned from(int v) { return (unsigned)v; }
  DUET_MFN static unsigned from(unsigned v) { return v; }
  DUET_MFN static unsigned from(bool v) { return v ? 1u : 0u; }
#ifdef DUET_USES_F16
  DUET_MFN static unsigned from(duet_f16 v) { return duet_f2u((float)v); }
#endif
};
template <> struct duet_conv<bool> {
  template <class From> DUET_MFN static bool from(From v) { return v != (From)0; }
  DUET_MFN static bool from(bool v) { return v; }
};
template <class To, class From> DUET_FN To duet_cast(From v) { return duet_conv<To>::from(v); }
template <class To, class From, int N> DUET_FN vec<To, N> duet_cast_vec(const vec<From, N>& v) {
  vec<To, N> r;
  for (int i = 0; i < N; i++) r[i] = duet_conv<To>::from(v[i]);
  return r;
}

/* @section bitcast */
/* bitcast<T>(e) (WGSL section 17.2.1): reinterpret the bits. */
template <class To, class From> DUET_FN To duet_bitcast(const From& v) {
  static_assert(sizeof(To) == sizeof(From), "bitcast needs equal sizes");
  To r;
#ifdef __CUDACC__
  const unsigned char* s = (const unsigned char*)&v;
  unsigned char* d = (unsigned char*)&r;
  for (unsigned i = 0; i < sizeof(To); i++) d[i] = s[i];
#else
  memcpy(&r, &v, sizeof(To));
#endif
  return r;
}

/* @section minmax */
/* --------------------------------------------------------- min, max, clamp (WGSL section 17.5) - */
/* f16 math goes through f32 and rounds back (WGSL allows f16 builtins this precision). */
#ifdef DUET_USES_F16
#define DUET_F16_1(NAME) \
  DUET_FN duet_f16 NAME(duet_f16 x) { return (duet_f16)NAME((float)x); }
#define DUET_F16_2(NAME) \
  DUET_FN duet_f16 NAME(duet_f16 a, duet_f16 b) { return (duet_f16)NAME((float)a, (float)b); }
#define DUET_F16_3(NAME) \
  DUET_FN duet_f16 NAME(duet_f16 a, duet_f16 b, duet_f16 c) { return (duet_f16)NAME((float)a, (float)b, (float)c); }
#else
#define DUET_F16_1(NAME)
#define DUET_F16_2(NAME)
#define DUET_F16_3(NAME)
#endif
DUET_FN float duet_min(float a, float b) { return fminf(a, b); }
DUET_FN float duet_max(float a, float b) { return fmaxf(a, b); }
DUET_FN int duet_min(int a, int b) { return a < b ? a : b; }
DUET_FN int duet_max(int a, int b) { return a > b ? a : b; }
DUET_FN unsigned duet_min(unsigned a, unsigned b) { return a < b ? a : b; }
DUET_FN unsigned duet_max(unsigned a, unsigned b) { return a > b ? a : b; }
DUET_F16_2(duet_min)
DUET_F16_2(duet_max)
DUET_LIFT2(duet_min)
DUET_LIFT2(duet_max)
DUET_FN float duet_clamp(float x, float lo, float hi) { return fminf(fmaxf(x, lo), hi); }
DUET_FN int duet_clamp(int x, int lo, int hi) { return duet_min(duet_max(x, lo), hi); }
DUET_FN unsigned duet_clamp(unsigned x, unsigned lo, unsigned hi) { return duet_min(duet_max(x, lo), hi); }
DUET_F16_3(duet_clamp)
DUET_LIFT3(duet_clamp)

/* @section math needs integer minmax */
/* --------------------------------------------------------- math builtins (WGSL section 17.5) - */
/* Integer overloads first: the vector lifts below must see them at their point of definition. */
DUET_FN int duet_abs(int x) { return x < 0 ? duet_neg(x) : x; }
DUET_FN unsigned duet_abs(unsigned x) { return x; }
DUET_FN int duet_sign(int x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }
#define DUET_MATH1(NAME, EXPR)                              \
  DUET_FN float NAME(float x) { return EXPR; }              \
  DUET_F16_1(NAME)                                          \
  DUET_LIFT1(NAME)
DUET_MATH1(duet_abs, fabsf(x))
DUET_MATH1(duet_acos, acosf(x))
DUET_MATH1(duet_acosh, acoshf(x))
DUET_MATH1(duet_asin, asinf(x))
DUET_MATH1(duet_asinh, asinhf(x))
DUET_MATH1(duet_atan, atanf(x))
DUET_MATH1(duet_atanh, atanhf(x))
DUET_MATH1(duet_ceil, ceilf(x))
DUET_MATH1(duet_cos, cosf(x))
DUET_MATH1(duet_cosh, coshf(x))
DUET_MATH1(duet_degrees, x * 57.295779513082322865f)
DUET_MATH1(duet_exp, expf(x))
DUET_MATH1(duet_exp2, exp2f(x))
DUET_MATH1(duet_floor, floorf(x))
DUET_MATH1(duet_fract, x - floorf(x))
DUET_MATH1(duet_inverseSqrt, 1.0f / sqrtf(x))
DUET_MATH1(duet_log, logf(x))
DUET_MATH1(duet_log2, log2f(x))
DUET_MATH1(duet_radians, x * 0.017453292519943295474f)
DUET_MATH1(duet_round, rintf(x))
DUET_MATH1(duet_saturate, fminf(fmaxf(x, 0.0f), 1.0f))
DUET_MATH1(duet_sign, x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f))
DUET_MATH1(duet_sin, sinf(x))
DUET_MATH1(duet_sinh, sinhf(x))
DUET_MATH1(duet_sqrt, sqrtf(x))
DUET_MATH1(duet_tan, tanf(x))
DUET_MATH1(duet_tanh, tanhf(x))
DUET_MATH1(duet_trunc, truncf(x))
#undef DUET_MATH1

DUET_FN float duet_atan2(float y, float x) { return atan2f(y, x); }
DUET_FN float duet_pow(float x, float y) { return powf(x, y); }
DUET_FN float duet_step(float edge, float x) { return x < edge ? 0.0f : 1.0f; }
DUET_FN float duet_ldexp(float x, int e) { return ldexpf(x, e); }
DUET_F16_2(duet_atan2)
DUET_F16_2(duet_pow)
DUET_F16_2(duet_step)
#ifdef DUET_USES_F16
DUET_FN duet_f16 duet_ldexp(duet_f16 x, int e) { return (duet_f16)ldexpf((float)x, e); }
#endif
DUET_LIFT2(duet_atan2)
DUET_LIFT2(duet_pow)
DUET_LIFT2(duet_step)
DUET_LIFT2(duet_ldexp)

DUET_FN float duet_fma(float a, float b, float c) { return fmaf(a, b, c); }
DUET_FN float duet_mix(float a, float b, float t) { return a * (1.0f - t) + b * t; }
DUET_FN float duet_smoothstep(float lo, float hi, float x) {
  float t = duet_clamp((x - lo) / (hi - lo), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}
DUET_F16_3(duet_fma)
DUET_F16_3(duet_mix)
DUET_F16_3(duet_smoothstep)
DUET_LIFT3(duet_fma)
DUET_LIFT3(duet_mix)
DUET_LIFT3(duet_smoothstep)
template <class T, int N> DUET_FN vec<T, N> duet_mix(const vec<T, N>& a, const vec<T, N>& b, T t) {
  return duet_mix(a, b, duet_splat<vec<T, N>>(t));
}

/* @section select */
/* select(f, t, cond) (WGSL section 17.3.3) */
template <class T> DUET_FN T duet_select(const T& f, const T& t, bool c) { return c ? t : f; }
template <class T, int N> DUET_FN vec<T, N> duet_select(const vec<T, N>& f, const vec<T, N>& t, const vec<bool, N>& c) {
  vec<T, N> r;
  for (int i = 0; i < N; i++) r[i] = c[i] ? t[i] : f[i];
  return r;
}
DUET_FN bool duet_all(bool b) { return b; }
DUET_FN bool duet_any(bool b) { return b; }
template <int N> DUET_FN bool duet_all(const vec<bool, N>& v) {
  bool r = true;
  for (int i = 0; i < N; i++) r = r && v[i];
  return r;
}
template <int N> DUET_FN bool duet_any(const vec<bool, N>& v) {
  bool r = false;
  for (int i = 0; i < N; i++) r = r || v[i];
  return r;
}

/* @section geometric needs integer */
/* Geometric builtins (WGSL section 17.5). */
template <class T, int N> DUET_FN T duet_dot(const vec<T, N>& a, const vec<T, N>& b) {
  T r = a[0] * b[0];
  for (int i = 1; i < N; i++) r = r + a[i] * b[i];
  return r;
}
template <int N> DUET_FN int duet_dot(const vec<int, N>& a, const vec<int, N>& b) {
  int r = 0;
  for (int i = 0; i < N; i++) r = duet_add(r, duet_mul(a[i], b[i]));
  return r;
}
template <class T> DUET_FN vec<T, 3> duet_cross(const vec<T, 3>& a, const vec<T, 3>& b) {
  return vec<T, 3>{a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
DUET_FN float duet_length(float x) { return fabsf(x); }
template <class T, int N> DUET_FN T duet_length(const vec<T, N>& v) { return (T)sqrtf((float)duet_dot(v, v)); }
DUET_FN float duet_distance(float a, float b) { return fabsf(a - b); }
template <class T, int N> DUET_FN T duet_distance(const vec<T, N>& a, const vec<T, N>& b) { return duet_length(a - b); }
DUET_FN float duet_normalize(float x) { return x / fabsf(x); }
template <class T, int N> DUET_FN vec<T, N> duet_normalize(const vec<T, N>& v) { return v * (T)(1.0f / (float)duet_length(v)); }
#ifdef DUET_USES_F16
DUET_FN duet_f16 duet_length(duet_f16 x) { return (duet_f16)fabsf((float)x); }
DUET_FN duet_f16 duet_distance(duet_f16 a, duet_f16 b) { return (duet_f16)fabsf((float)a - (float)b); }
#endif
template <int N> DUET_FN vec<float, N> duet_faceForward(const vec<float, N>& n, const vec<float, N>& i, const vec<float, N>& r) {
  return duet_dot(r, i) < 0.0f ? n : -n;
}
template <int N> DUET_FN vec<float, N> duet_reflect(const vec<float, N>& i, const vec<float, N>& n) {
  return i - n * (2.0f * duet_dot(n, i));
}
template <int N> DUET_FN vec<float, N> duet_refract(const vec<float, N>& i, const vec<float, N>& n, float eta) {
  float d = duet_dot(n, i);
  float k = 1.0f - eta * eta * (1.0f - d * d);
  if (k < 0.0f) return duet_splat<vec<float, N>>(0.0f);
  return i * eta - n * (eta * d + sqrtf(k));
}

/* @section matrix needs geometric */
/* --------------------------------------------------------- matrices (WGSL section 6.2.7) ----- */
template <class T, int C, int R> struct mat {
  typename duet_elem<vec<T, R>>::type c[C];
  DUET_MFN vec<T, R>& operator[](unsigned i) { return c[i < C - 1u ? i : C - 1u]; }
  DUET_MFN const vec<T, R>& operator[](unsigned i) const { return c[i < C - 1u ? i : C - 1u]; }
};

template <class T, int C, int R, class... A> DUET_FN mat<T, C, R> duet_make_mat(const A&... a) {
  const vec<T, R> cols[C] = {a...};
  mat<T, C, R> m = {};
  for (int i = 0; i < C; i++) m.c[i] = cols[i];
  return m;
}
template <class T, int C, int R, class... A> DUET_FN mat<T, C, R> duet_make_mat_scalars(const A&... a) {
  const T s[C * R] = {a...};
  mat<T, C, R> m = {};
  for (int i = 0; i < C; i++)
    for (int k = 0; k < R; k++) m[i][k] = s[i * R + k];
  return m;
}
template <class To, class From, int C, int R> DUET_FN mat<To, C, R> duet_cast_mat(const mat<From, C, R>& a) {
  mat<To, C, R> m = {};
  for (int i = 0; i < C; i++)
    for (int k = 0; k < R; k++) m[i][k] = (To)a[i][k];
  return m;
}

/* ---------------------------------------------------------------- matrices ------------------ */
template <class T, int C, int R> DUET_FN vec<T, R> operator*(const mat<T, C, R>& m, const vec<T, C>& v) {
  vec<T, R> r = duet_splat<vec<T, R>>((T)0);
  for (int c = 0; c < C; c++) r = r + m[c] * v[c];
  return r;
}
template <class T, int C, int R> DUET_FN vec<T, C> operator*(const vec<T, R>& v, const mat<T, C, R>& m) {
  vec<T, C> r;
  for (int c = 0; c < C; c++) r[c] = duet_dot(v, (const vec<T, R>&)m[c]);
  return r;
}
template <class T, int K, int C, int R> DUET_FN mat<T, C, R> operator*(const mat<T, K, R>& a, const mat<T, C, K>& b) {
  mat<T, C, R> r;
  for (int c = 0; c < C; c++) r[c] = a * (const vec<T, K>&)b[c];
  return r;
}
#define DUET_MAT_OP(OP)                                                                               \
  template <class T, int C, int R> DUET_FN mat<T, C, R> operator OP(const mat<T, C, R>& a, const mat<T, C, R>& b) { \
    mat<T, C, R> r;                                                                                   \
    for (int c = 0; c < C; c++) r[c] = a[c] OP b[c];                                                  \
    return r;                                                                                         \
  }
DUET_MAT_OP(+)
DUET_MAT_OP(-)
#undef DUET_MAT_OP
template <class T, int C, int R> DUET_FN mat<T, C, R> operator*(const mat<T, C, R>& a, T s) {
  mat<T, C, R> r;
  for (int c = 0; c < C; c++) r[c] = a[c] * s;
  return r;
}
template <class T, int C, int R> DUET_FN mat<T, C, R> operator*(T s, const mat<T, C, R>& a) { return a * s; }
template <class T, int C, int R> DUET_FN mat<T, C, R> operator-(const mat<T, C, R>& a) {
  mat<T, C, R> r;
  for (int c = 0; c < C; c++) r[c] = -(const vec<T, R>&)a[c];
  return r;
}
template <class T, int C, int R> DUET_FN mat<T, R, C> duet_transpose(const mat<T, C, R>& m) {
  mat<T, R, C> r;
  for (int c = 0; c < C; c++)
    for (int k = 0; k < R; k++) r[k][c] = m[c][k];
  return r;
}
template <class T> DUET_FN T duet_determinant(const mat<T, 2, 2>& m) { return m[0][0] * m[1][1] - m[1][0] * m[0][1]; }
template <class T> DUET_FN T duet_determinant(const mat<T, 3, 3>& m) {
  return m[0][0] * (m[1][1] * m[2][2] - m[2][1] * m[1][2]) - m[1][0] * (m[0][1] * m[2][2] - m[2][1] * m[0][2]) +
         m[2][0] * (m[0][1] * m[1][2] - m[1][1] * m[0][2]);
}
template <class T> DUET_FN T duet_determinant(const mat<T, 4, 4>& m) {
  T r = (T)0;
  for (int c = 0; c < 4; c++) {
    mat<T, 3, 3> s;
    for (int i = 0, k = 0; i < 4; i++) {
      if (i == c) continue;
      s[k] = vec<T, 3>{m[i][1], m[i][2], m[i][3]};
      k++;
    }
    T d = m[c][0] * duet_determinant(s);
    r = (c & 1) ? r - d : r + d;
  }
  return r;
}

/* @section bits */
/* --------------------------------------------------------- bit builtins (WGSL section 17.6) -- */
DUET_FN unsigned duet_countOneBits(unsigned x) {
#ifdef __CUDACC__
  return (unsigned)__popc(x);
#else
  return (unsigned)__builtin_popcount(x);
#endif
}
DUET_FN unsigned duet_countLeadingZeros(unsigned x) {
#ifdef __CUDACC__
  return (unsigned)__clz((int)x);
#else
  return x ? (unsigned)__builtin_clz(x) : 32u;
#endif
}
DUET_FN unsigned duet_countTrailingZeros(unsigned x) {
#ifdef __CUDACC__
  return x ? (unsigned)(__ffs((int)x) - 1) : 32u;
#else
  return x ? (unsigned)__builtin_ctz(x) : 32u;
#endif
}
DUET_FN unsigned duet_reverseBits(unsigned x) {
#ifdef __CUDACC__
  return __brev(x);
#else
  unsigned r = 0;
  for (int i = 0; i < 32; i++) r |= ((x >> i) & 1u) << (31 - i);
  return r;
#endif
}
DUET_FN int duet_countOneBits(int x) { return (int)duet_countOneBits((unsigned)x); }
DUET_FN int duet_countLeadingZeros(int x) { return (int)duet_countLeadingZeros((unsigned)x); }
DUET_FN int duet_countTrailingZeros(int x) { return (int)duet_countTrailingZeros((unsigned)x); }
DUET_FN int duet_reverseBits(int x) { return (int)duet_reverseBits((unsigned)x); }
DUET_FN unsigned duet_firstLeadingBit(unsigned x) { return x ? 31u - duet_countLeadingZeros(x) : 0xffffffffu; }
DUET_FN int duet_firstLeadingBit(int x) {
  unsigned u = x < 0 ? ~(unsigned)x : (unsigned)x;
  return u ? (int)(31u - duet_countLeadingZeros(u)) : -1;
}
DUET_FN unsigned duet_firstTrailingBit(unsigned x) { return x ? duet_countTrailingZeros(x) : 0xffffffffu; }
DUET_FN int duet_firstTrailingBit(int x) { return x ? (int)duet_countTrailingZeros((unsigned)x) : -1; }
DUET_LIFT1(duet_countOneBits)
DUET_LIFT1(duet_countLeadingZeros)
DUET_LIFT1(duet_countTrailingZeros)
DUET_LIFT1(duet_reverseBits)
DUET_LIFT1(duet_firstLeadingBit)
DUET_LIFT1(duet_firstTrailingBit)
/* extractBits / insertBits: offset and count clamped as in WGSL section 17.6 (o = min(offset, 32),
 * c = min(count, 32 - o)). */
DUET_FN unsigned duet_extractBits(unsigned e, unsigned offset, unsigned count) {
  unsigned o = offset < 32u ? offset : 32u;
  unsigned c = count < 32u - o ? count : 32u - o;
  if (c == 0u) return 0u;
  return (e >> o) & (c == 32u ? 0xffffffffu : ((1u << c) - 1u));
}
DUET_FN int duet_extractBits(int e, unsigned offset, unsigned count) {
  unsigned o = offset < 32u ? offset : 32u;
  unsigned c = count < 32u - o ? count : 32u - o;
  if (c == 0u) return 0;
  unsigned v = duet_extractBits((unsigned)e, o, c);
  if (c < 32u && (v >> (c - 1u)) & 1u) v |= ~((1u << c) - 1u);
  return (int)v;
}
DUET_FN unsigned duet_insertBits(unsigned e, unsigned n, unsigned offset, unsigned count) {
  unsigned o = offset < 32u ? offset : 32u;
  unsigned c = count < 32u - o ? count : 32u - o;
  if (c == 0u) return e;
  unsigned mask = (c == 32u ? 0xffffffffu : ((1u << c) - 1u)) << o;
  return (e & ~mask) | ((n << o) & mask);
}
DUET_FN int duet_insertBits(int e, int n, unsigned offset, unsigned count) {
  return (int)duet_insertBits((unsigned)e, (unsigned)n, offset, count);
}
template <class T, int N> DUET_FN vec<T, N> duet_extractBits(const vec<T, N>& e, unsigned o, unsigned c) {
  vec<T, N> r;
  for (int i = 0; i < N; i++) r[i] = duet_extractBits(e[i], o, c);
  return r;
}
template <class T, int N> DUET_FN vec<T, N> duet_insertBits(const vec<T, N>& e, const vec<T, N>& n, unsigned o, unsigned c) {
  vec<T, N> r;
  for (int i = 0; i < N; i++) r[i] = duet_insertBits(e[i], n[i], o, c);
  return r;
}

/* @section packing needs minmax geometric */
/* --------------------------------------------------------- packing (WGSL section 17.9/17.10) - */
DUET_FN float duet_clampf(float x, float lo, float hi) { return fminf(fmaxf(x, lo), hi); }
/* WGSL section 17.9: each component packs as floor(0.5 + scale * clamp(e, lo, 1)), ties rounding up (-0.5 ->
 * -63 for snorm8, not -64 as round-to-even gives). Computed in double, where scale * e + 0.5 is exact for
 * every f32 e, so floor sees the exact value; NaN clamps to lo (fmaxf returns the other operand). */
DUET_FN int duet_pack_norm(float e, float lo, double scale) {
  return (int)floor(0.5 + scale * (double)duet_clampf(e, lo, 1.0f));
}
DUET_FN unsigned duet_pack4x8snorm(const vec<float, 4>& v) {
  unsigned r = 0;
  for (int i = 0; i < 4; i++) r |= ((unsigned)duet_pack_norm(v[i], -1.0f, 127.0) & 0xffu) << (8 * i);
  return r;
}
DUET_FN unsigned duet_pack4x8unorm(const vec<float, 4>& v) {
  unsigned r = 0;
  for (int i = 0; i < 4; i++) r |= ((unsigned)duet_pack_norm(v[i], 0.0f, 255.0) & 0xffu) << (8 * i);
  return r;
}
DUET_FN unsigned duet_pack2x16snorm(const vec<float, 2>& v) {
  unsigned r = 0;
  for (int i = 0; i < 2; i++) r |= ((unsigned)duet_pack_norm(v[i], -1.0f, 32767.0) & 0xffffu) << (16 * i);
  return r;
}
DUET_FN unsigned duet_pack2x16unorm(const vec<float, 2>& v) {
  unsigned r = 0;
  for (int i = 0; i < 2; i++) r |= ((unsigned)duet_pack_norm(v[i], 0.0f, 65535.0) & 0xffffu) << (16 * i);
  return r;
}
DUET_FN vec<float, 4> duet_unpack4x8snorm(unsigned x) {
  vec<float, 4> r;
  for (int i = 0; i < 4; i++) r[i] = fmaxf((float)(signed char)((x >> (8 * i)) & 0xffu) / 127.0f, -1.0f);
  return r;
}
DUET_FN vec<float, 4> duet_unpack4x8unorm(unsigned x) {
  vec<float, 4> r;
  for (int i = 0; i < 4; i++) r[i] = (float)((x >> (8 * i)) & 0xffu) / 255.0f;
  return r;
}
DUET_FN vec<float, 2> duet_unpack2x16snorm(unsigned x) {
  vec<float, 2> r;
  for (int i = 0; i < 2; i++) r[i] = fmaxf((float)(short)((x >> (16 * i)) & 0xffffu) / 32767.0f, -1.0f);
  return r;
}
DUET_FN vec<float, 2> duet_unpack2x16unorm(unsigned x) {
  vec<float, 2> r;
  for (int i = 0; i < 2; i++) r[i] = (float)((x >> (16 * i)) & 0xffffu) / 65535.0f;
  return r;
}
DUET_FN unsigned duet_pack4xI8(const vec<int, 4>& v) {
  unsigned r = 0;
  for (int i = 0; i < 4; i++) r |= ((unsigned)v[i] & 0xffu) << (8 * i);
  return r;
}
DUET_FN unsigned duet_pack4xU8(const vec<unsigned, 4>& v) {
  unsigned r = 0;
  for (int i = 0; i < 4; i++) r |= (v[i] & 0xffu) << (8 * i);
  return r;
}
DUET_FN unsigned duet_pack4xI8Clamp(const vec<int, 4>& v) {
  unsigned r = 0;
  for (int i = 0; i < 4; i++) r |= ((unsigned)duet_clamp(v[i], -128, 127) & 0xffu) << (8 * i);
  return r;
}
DUET_FN unsigned duet_pack4xU8Clamp(const vec<unsigned, 4>& v) {
  unsigned r = 0;
  for (int i = 0; i < 4; i++) r |= duet_min(v[i], 255u) << (8 * i);
  return r;
}
DUET_FN vec<int, 4> duet_unpack4xI8(unsigned x) {
  vec<int, 4> r;
  for (int i = 0; i < 4; i++) r[i] = (int)(signed char)((x >> (8 * i)) & 0xffu);
  return r;
}
DUET_FN vec<unsigned, 4> duet_unpack4xU8(unsigned x) {
  vec<unsigned, 4> r;
  for (int i = 0; i < 4; i++) r[i] = (x >> (8 * i)) & 0xffu;
  return r;
}
DUET_FN unsigned duet_dot4U8Packed(unsigned a, unsigned b) { return duet_dot(duet_unpack4xU8(a), duet_unpack4xU8(b)); }
DUET_FN int duet_dot4I8Packed(unsigned a, unsigned b) { return duet_dot(duet_unpack4xI8(a), duet_unpack4xI8(b)); }

/* @section f16-bits needs bitcast */
/* IEEE binary16 conversions done with integer arithmetic, so they need no f16 hardware type. */
DUET_FN unsigned duet_f32_to_f16_bits(float f) {
  unsigned x = duet_bitcast<unsigned>(f);
  unsigned sign = (x >> 16) & 0x8000u;
  unsigned exp = (x >> 23) & 0xffu;
  unsigned mant = x & 0x7fffffu;
  if (exp == 0xffu) return sign | 0x7c00u | (mant ? 0x200u : 0u);
  int e = (int)exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00u;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000u;
    unsigned shift = (unsigned)(14 - e);
    unsigned h = mant >> shift;
    unsigned rem = mant & ((1u << shift) - 1u);
    unsigned half = 1u << (shift - 1u);
    if (rem > half || (rem == half && (h & 1u))) h++;
    return sign | h;
  }
  unsigned h = ((unsigned)e << 10) | (mant >> 13);
  unsigned rem = mant & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) h++;
  return sign | h;
}
DUET_FN float duet_f16_bits_to_f32(unsigned h) {
  unsigned sign = (h & 0x8000u) << 16;
  unsigned exp = (h >> 10) & 0x1fu;
  unsigned mant = h & 0x3ffu;
  unsigned bits;
  if (exp == 0x1fu) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else if (exp == 0u) {
    if (mant == 0u) return duet_bitcast<float>(sign);
    float v = (float)mant * 5.9604644775390625e-8f; /* 2^-24 */
    return sign ? -v : v;
  } else {
    bits = sign | ((exp + 112u) << 23) | (mant << 13);
  }
  return duet_bitcast<float>(bits);
}
DUET_FN unsigned duet_pack2x16float(const vec<float, 2>& v) {
  return duet_f32_to_f16_bits(v.x) | (duet_f32_to_f16_bits(v.y) << 16);
}
DUET_FN vec<float, 2> duet_unpack2x16float(unsigned x) {
  return vec<float, 2>{duet_f16_bits_to_f32(x & 0xffffu), duet_f16_bits_to_f32(x >> 16)};
}
DUET_FN float duet_quantizeToF16(float x) { return duet_f16_bits_to_f32(duet_f32_to_f16_bits(x)); }
DUET_LIFT1(duet_quantizeToF16)

/* @section modf-frexp */
/* modf / frexp result structs (WGSL section 17.5.24, section 17.5.21). */
struct duet_modf_f32 { float fract; float whole; };
DUET_FN duet_modf_f32 duet_modf(float x) {
  float w = truncf(x);
  return duet_modf_f32{x - w, w};
}
struct duet_frexp_f32 { float fract; int exp; };
DUET_FN duet_frexp_f32 duet_frexp(float x) {
  int e = 0;
  float f = frexpf(x, &e);
  return duet_frexp_f32{f, e};
}

template <int N> struct duet_modf_vec { vec<float, N> fract; vec<float, N> whole; };
template <int N> DUET_FN duet_modf_vec<N> duet_modf(const vec<float, N>& x) {
  duet_modf_vec<N> r;
  for (int i = 0; i < N; i++) {
    duet_modf_f32 s = duet_modf(x[i]);
    r.fract[i] = s.fract;
    r.whole[i] = s.whole;
  }
  return r;
}
template <int N> struct duet_frexp_vec { vec<float, N> fract; vec<int, N> exp; };
template <int N> DUET_FN duet_frexp_vec<N> duet_frexp(const vec<float, N>& x) {
  duet_frexp_vec<N> r;
  for (int i = 0; i < N; i++) {
    duet_frexp_f32 s = duet_frexp(x[i]);
    r.fract[i] = s.fract;
    r.exp[i] = s.exp;
  }
  return r;
}

/* @section atomics */
/* --------------------------------------------------------- atomics (WGSL section 6.2.8) ------ */
template <class T> struct duet_atomic {
  T v;
};

/* --------------------------------------------------------- atomics (WGSL section 17.8) ------ */
/* atomicCompareExchangeWeak result (WGSL section 17.8.4). */
template <class T> struct duet_cmpxchg_result {
  T old_value;
  bool exchanged;
};
#ifdef __CUDACC__
template <class T> DUET_FN T duet_atomicLoad(duet_atomic<T>* a) { return *(volatile T*)&a->v; }
template <class T> DUET_FN void duet_atomicStore(duet_atomic<T>* a, T v) { atomicExch(&a->v, v); }
template <class T> DUET_FN T duet_atomicAdd(duet_atomic<T>* a, T v) { return atomicAdd(&a->v, v); }
template <class T> DUET_FN T duet_atomicSub(duet_atomic<T>* a, T v) { return atomicSub(&a->v, v); }
template <class T> DUET_FN T duet_atomicMax(duet_atomic<T>* a, T v) { return atomicMax(&a->v, v); }
template <class T> DUET_FN T duet_atomicMin(duet_atomic<T>* a, T v) { return atomicMin(&a->v, v); }
template <class T> DUET_FN T duet_atomicAnd(duet_atomic<T>* a, T v) { return atomicAnd(&a->v, v); }
template <class T> DUET_FN T duet_atomicOr(duet_atomic<T>* a, T v) { return atomicOr(&a->v, v); }
template <class T> DUET_FN T duet_atomicXor(duet_atomic<T>* a, T v) { return atomicXor(&a->v, v); }
template <class T> DUET_FN T duet_atomicExchange(duet_atomic<T>* a, T v) { return atomicExch(&a->v, v); }
template <class T> DUET_FN duet_cmpxchg_result<T> duet_atomicCompareExchangeWeak(duet_atomic<T>* a, T cmp, T v) {
  T old = atomicCAS(&a->v, cmp, v);
  return duet_cmpxchg_result<T>{old, old == cmp};
}
#else
template <class T> DUET_FN T duet_atomicLoad(duet_atomic<T>* a) { return __atomic_load_n(&a->v, __ATOMIC_RELAXED); }
template <class T> DUET_FN void duet_atomicStore(duet_atomic<T>* a, T v) { __atomic_store_n(&a->v, v, __ATOMIC_RELAXED); }
template <class T> DUET_FN T duet_atomicAdd(duet_atomic<T>* a, T v) {
  return (T)__atomic_fetch_add((unsigned*)&a->v, (unsigned)v, __ATOMIC_RELAXED);
}
template <class T> DUET_FN T duet_atomicSub(duet_atomic<T>* a, T v) {
  return (T)__atomic_fetch_sub((unsigned*)&a->v, (unsigned)v, __ATOMIC_RELAXED);
}
template <class T> DUET_FN T duet_atomicAnd(duet_atomic<T>* a, T v) { return __atomic_fetch_and(&a->v, v, __ATOMIC_RELAXED); }
template <class T> DUET_FN T duet_atomicOr(duet_atomic<T>* a, T v) { return __atomic_fetch_or(&a->v, v, __ATOMIC_RELAXED); }
template <class T> DUET_FN T duet_atomicXor(duet_atomic<T>* a, T v) { return __atomic_fetch_xor(&a->v, v, __ATOMIC_RELAXED); }
template <class T> DUET_FN T duet_atomicExchange(duet_atomic<T>* a, T v) { return __atomic_exchange_n(&a->v, v, __ATOMIC_RELAXED); }
template <class T> DUET_FN T duet_atomicMax(duet_atomic<T>* a, T v) {
  T old = __atomic_load_n(&a->v, __ATOMIC_RELAXED);
  while (old < v && !__atomic_compare_exchange_n(&a->v, &old, v, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
  return old;
}
template <class T> DUET_FN T duet_atomicMin(duet_atomic<T>* a, T v) {
  T old = __atomic_load_n(&a->v, __ATOMIC_RELAXED);
  while (old > v && !__atomic_compare_exchange_n(&a->v, &old, v, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
  return old;
}
template <class T> DUET_FN duet_cmpxchg_result<T> duet_atomicCompareExchangeWeak(duet_atomic<T>* a, T cmp, T v) {
  T old = cmp;
  bool ok = __atomic_compare_exchange_n(&a->v, &old, v, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
  return duet_cmpxchg_result<T>{old, ok};
}
#endif

/* @section loop-guard */
/* ---------------------------------------------------------------- loop guard ---------------- */
/* Called at the top of every loop iteration (Tint prevent_infinite_loops.cc, plus abort polling).
 * Returns true when the loop must stop: the host raised the abort flag, or the guard was hit.
 * `*stopped` is the invocation's own (DuetCtx::stopped, zero at its start): -1 once it has been
 * stopped, else the loop iterations it has run since it last polled. Every loop of the invocation
 * counts towards the same poll, so loops nested inside each other that each stay under
 * DUET_POLL_INTERVAL iterations (three nested loops of 1000) still poll every DUET_POLL_INTERVAL
 * iterations in all: the run's time limit reaches any kernel, never only those with one long loop. */
DUET_FN bool duet_loop_stop(unsigned int* control, int* stopped, unsigned long long it) {
  int since = *stopped;
  if (since < 0) return true;
  if (since < (int)DUET_POLL_INTERVAL - 1) {
    *stopped = since + 1;
    return false;
  }
  *stopped = 0;
  {
    unsigned bit = 0;
#ifdef __CUDACC__
    if (*(volatile unsigned*)&control[0]) bit = DUET_STATUS_ABORTED;
#else
    if (__atomic_load_n(&control[0], __ATOMIC_RELAXED)) bit = DUET_STATUS_ABORTED;
#endif
    else if (it >= DUET_LOOP_GUARD_ITERATIONS) bit = DUET_STATUS_LOOP_GUARD;
    if (bit) {
#ifdef __CUDACC__
      atomicOr(&control[1], bit);
#else
      __atomic_fetch_or(&control[1], bit, __ATOMIC_RELAXED);
#endif
      *stopped = -1;
      return true;
    }
  }
  return false;
}

/* The stop of a loop the translator proved to end within `trips` iterations, each of straight-line work
 * (compiler/loop-trips.ts). On CUDA a loop of at most DUET_POLL_INTERVAL iterations polls nothing: the
 * poll's early exit kept nvcc from unrolling it (matmul-tiled's 16-step inner product, reduce-workgroup's
 * stride loop; bench/cuda-quality.bench.ts), its work is bounded without it, and every loop around it
 * still polls. Such a loop never nears DUET_LOOP_GUARD_ITERATIONS. The CPU backend keeps polling. */
#ifdef __CUDACC__
#define DUET_BOUNDED_LOOP_STOP(control, stopped, it, trips) \
  ((trips) > DUET_POLL_INTERVAL && duet_loop_stop(control, stopped, it))
#else
#define DUET_BOUNDED_LOOP_STOP(control, stopped, it, trips) duet_loop_stop(control, stopped, it)
#endif

/* @section buffer-view */
/* ------------------------------------ untyped buffers (WGSL language feature buffer_view) ------ */
/* A pointer to a `buffer` / `buffer<N>` variable: its bytes and bufferLength. A binding's is bound to
 * its slot (len: N for buffer<N>, which the entry point checks the slot holds (duet_fit), else the
 * slot's bytes; never more than the slot holds); a workgroup buffer<N> is a duet_wgbuf<N>. */
struct duet_buf {
  unsigned char* p;
  unsigned len;
  DUET_MFN void bind(unsigned char* base, unsigned long long bytes, unsigned n, bool* fits) {
    if (fits && bytes < n) *fits = false;
    unsigned long long have = n && n < bytes ? n : bytes;
    p = base;
    len = have < 0xffffffffull ? (unsigned)have : 0xffffffffu;
  }
};
template <unsigned N> struct duet_wgbuf {
  alignas(16) unsigned char b[N];
};
DUET_FN duet_buf duet_buf_of(const duet_buf& b) { return b; }
template <unsigned N> DUET_FN duet_buf duet_buf_of(duet_wgbuf<N>& w) {
  duet_buf r;
  r.p = w.b;
  r.len = N;
  return r;
}
/* A buffer<N> parameter given a bigger buffer sees N bytes (Tint: a parameter's size bounds its views). */
DUET_FN duet_buf duet_buf_sized(duet_buf b, unsigned n) {
  if (b.len > n) b.len = n;
  return b;
}

/* The bytes [off, end) a view covers, as Tint computes them. First PropagateBufferSizes' AdjustOperands
 * (src/tint/lang/core/ir/transform/propagate_buffer_sizes.cc): the offset rounded down to the type's
 * alignment, a bufferArrayView size rounded down to whole elements after the array's offset `tail`
 * (stride `stride`). Then robustness.cc's ClampBufferViewArgs: the size is at least the type's minimum
 * size `need`, and when off + size (bufferView: off + need) passes bufferLength, the view moves to
 * offset 0 with size `need`. A buffer shorter than `need` gives end 0: the view is the module's zeroed
 * sink (only for a binding the entry point does not use, or a slot shorter than its views: the spec's
 * minimum binding size). The sums in 64 bits, where Tint saturates at 2^32 - 1: the same choice. */
struct duet_span {
  unsigned off;
  unsigned long long end;
};
DUET_FN duet_span duet_bufferSpan(duet_buf b, unsigned off, unsigned align, unsigned need, bool sized, unsigned size,
                                  unsigned tail, unsigned stride) {
  off -= off % align;
  if (sized) size = ((size > tail ? size : tail) - tail) / stride * stride + tail;
  unsigned long long want = sized ? (size > need ? size : need) : need;
  if ((unsigned long long)off + want > b.len) {
    off = 0u;
    want = need;
  }
  duet_span s;
  s.off = off;
  s.end = need > b.len ? 0ull : sized ? (unsigned long long)off + want : (unsigned long long)b.len;
  return s;
}
/* A view of a fixed-footprint type, or of a struct's fixed part: inside the buffer by T's own size too,
 * whatever `need` the translator passed (wall 2, docs/security.md). */
template <class T> DUET_FN T* duet_bufferAt(duet_buf b, duet_span s) {
  return s.end && (unsigned long long)s.off + sizeof(T) <= b.len ? (T*)(b.p + s.off) : duet_sink<T>();
}
/* The runtime-sized array of a view, `tail` bytes into it: arrayLength (end - off - tail) / stride. */
template <class T> DUET_FN void duet_bufferTail(duet_rt<T>* v, duet_buf b, duet_span s, unsigned tail) {
  v->bind(b.p, s.end, (unsigned long long)s.off + tail, 0);
}

/* @section textures needs bitcast f16-bits */
/* ----------------------------------- textures and samplers (WGSL 6.5.2-6.5.6, 16.7; WebGPU 26.1) -- */
/* A texture binding is an ordinary slot (docs/contracts.md, core/texture-formats.ts): a 32-byte header
 * of eight little-endian u32 (format code, width, height, depthOrLayers, mipLevels, dimension code,
 * texelBytes, 0), then the texels of every mip level tightly packed (level 0 first; inside a level:
 * layers or depth slices, then rows, then texels). A sampler binding is 32 bytes (magFilter, minFilter,
 * mipmapFilter, addressModeU, V, W, compare, 0). bind() checks the header against the slot's byte size
 * and copies it into the view; every access is then bounded by the view's own fields (a coordinate,
 * layer and level clamp or, for stores, a discard), so no header, however hostile, and no coordinate
 * can move an access outside the slot (wall 2, docs/security.md). */
#define DUET_TEX_1D 1
#define DUET_TEX_2D 2
#define DUET_TEX_2D_ARRAY 3
#define DUET_TEX_3D 4
#define DUET_TEX_CUBE 5
#define DUET_TEX_CUBE_ARRAY 6
#define DUET_TEX_READ 1
#define DUET_TEX_WRITE 2
#define DUET_TEX_READ_WRITE 3
#define DUET_TEX_HEADER_BYTES 32u

/* How a texel's components are stored: core/texture-formats.ts TexelStorage, in its order. */
enum {
  DUET_TEXEL_UNORM8,
  DUET_TEXEL_SNORM8,
  DUET_TEXEL_UINT8,
  DUET_TEXEL_SINT8,
  DUET_TEXEL_UINT16,
  DUET_TEXEL_SINT16,
  DUET_TEXEL_FLOAT16,
  DUET_TEXEL_UINT32,
  DUET_TEXEL_SINT32,
  DUET_TEXEL_FLOAT32,
  DUET_TEXEL_RGB10A2UNORM,
  DUET_TEXEL_RGB10A2UINT,
  DUET_TEXEL_RG11B10UFLOAT,
  DUET_TEXEL_RGB9E5UFLOAT,
  DUET_TEXEL_DEPTH16UNORM,
  DUET_TEXEL_DEPTH32FLOAT
};
/* Format flags: sRGB-encoded colour channels; stored blue, green, red, alpha; a depth format. */
#define DUET_TEXEL_SRGB 1u
#define DUET_TEXEL_BGRA 2u
#define DUET_TEXEL_DEPTH 4u

/* The format table, row = format code, in core/texture-formats.ts TEXTURE_FORMATS order (never
 * reordered, only appended; compiler/preludes/textures.test.ts compares the two).
 * X(code, name, channels, storage, texelBytes, flags) */
#define duet_texture_formats(X)                              \
  X(0, r8unorm, 1, DUET_TEXEL_UNORM8, 1, 0)                  \
  X(1, r8snorm, 1, DUET_TEXEL_SNORM8, 1, 0)                  \
  X(2, r8uint, 1, DUET_TEXEL_UINT8, 1, 0)                    \
  X(3, r8sint, 1, DUET_TEXEL_SINT8, 1, 0)                    \
  X(4, rg8unorm, 2, DUET_TEXEL_UNORM8, 2, 0)                 \
  X(5, rg8snorm, 2, DUET_TEXEL_SNORM8, 2, 0)                 \
  X(6, rg8uint, 2, DUET_TEXEL_UINT8, 2, 0)                   \
  X(7, rg8sint, 2, DUET_TEXEL_SINT8, 2, 0)                   \
  X(8, rgba8unorm, 4, DUET_TEXEL_UNORM8, 4, 0)               \
  X(9, rgba8unorm_srgb, 4, DUET_TEXEL_UNORM8, 4, 1)          \
  X(10, rgba8snorm, 4, DUET_TEXEL_SNORM8, 4, 0)              \
  X(11, rgba8uint, 4, DUET_TEXEL_UINT8, 4, 0)                \
  X(12, rgba8sint, 4, DUET_TEXEL_SINT8, 4, 0)                \
  X(13, bgra8unorm, 4, DUET_TEXEL_UNORM8, 4, 2)              \
  X(14, bgra8unorm_srgb, 4, DUET_TEXEL_UNORM8, 4, 3)         \
  X(15, r16uint, 1, DUET_TEXEL_UINT16, 2, 0)                 \
  X(16, r16sint, 1, DUET_TEXEL_SINT16, 2, 0)                 \
  X(17, r16float, 1, DUET_TEXEL_FLOAT16, 2, 0)               \
  X(18, rg16uint, 2, DUET_TEXEL_UINT16, 4, 0)                \
  X(19, rg16sint, 2, DUET_TEXEL_SINT16, 4, 0)                \
  X(20, rg16float, 2, DUET_TEXEL_FLOAT16, 4, 0)              \
  X(21, rgba16uint, 4, DUET_TEXEL_UINT16, 8, 0)              \
  X(22, rgba16sint, 4, DUET_TEXEL_SINT16, 8, 0)              \
  X(23, rgba16float, 4, DUET_TEXEL_FLOAT16, 8, 0)            \
  X(24, r32uint, 1, DUET_TEXEL_UINT32, 4, 0)                 \
  X(25, r32sint, 1, DUET_TEXEL_SINT32, 4, 0)                 \
  X(26, r32float, 1, DUET_TEXEL_FLOAT32, 4, 0)               \
  X(27, rg32uint, 2, DUET_TEXEL_UINT32, 8, 0)                \
  X(28, rg32sint, 2, DUET_TEXEL_SINT32, 8, 0)                \
  X(29, rg32float, 2, DUET_TEXEL_FLOAT32, 8, 0)              \
  X(30, rgba32uint, 4, DUET_TEXEL_UINT32, 16, 0)             \
  X(31, rgba32sint, 4, DUET_TEXEL_SINT32, 16, 0)             \
  X(32, rgba32float, 4, DUET_TEXEL_FLOAT32, 16, 0)           \
  X(33, rgb10a2uint, 4, DUET_TEXEL_RGB10A2UINT, 4, 0)        \
  X(34, rgb10a2unorm, 4, DUET_TEXEL_RGB10A2UNORM, 4, 0)      \
  X(35, rg11b10ufloat, 3, DUET_TEXEL_RG11B10UFLOAT, 4, 0)    \
  X(36, rgb9e5ufloat, 3, DUET_TEXEL_RGB9E5UFLOAT, 4, 0)    \
  X(37, depth16unorm, 1, DUET_TEXEL_DEPTH16UNORM, 2, 4)    \
  X(38, depth32float, 1, DUET_TEXEL_DEPTH32FLOAT, 4, 4)

/* A format's layout as constants, for storage textures whose format the WGSL type names (FMT): their
 * loads and stores compile to straight-line code for that one format. */
template <int FMT> struct duet_texture_format;
#define DUET_TEX_FORMAT_TRAITS(CODE, NAME, CH, ST, TB, FL) \
  template <> struct duet_texture_format<CODE> {            \
    enum { channels = CH, storage = ST, texelBytes = TB, flags = FL }; \
  };
duet_texture_formats(DUET_TEX_FORMAT_TRAITS)
#undef DUET_TEX_FORMAT_TRAITS

/* The same layout at run time, for sampled textures (the header names the format). */
struct duet_texel_layout {
  unsigned channels, storage, texelBytes, flags;
};
DUET_FN bool duet_texture_format_at(unsigned code, duet_texel_layout* out) {
  switch (code) {
#define DUET_TEX_FORMAT_CASE(CODE, NAME, CH, ST, TB, FL) \
  case CODE:                                              \
    *out = duet_texel_layout{CH, ST, TB, FL};             \
    return true;
    duet_texture_formats(DUET_TEX_FORMAT_CASE)
#undef DUET_TEX_FORMAT_CASE
    default:
      return false;
  }
}

/* The WGSL sampled type a storage kind reads as (0 f32, 1 i32, 2 u32), at run time and as a C++ type. */
DUET_FN unsigned duet_texel_kind(unsigned storage) {
  switch (storage) {
    case DUET_TEXEL_SINT8: case DUET_TEXEL_SINT16: case DUET_TEXEL_SINT32: return 1u;
    case DUET_TEXEL_UINT8: case DUET_TEXEL_UINT16: case DUET_TEXEL_UINT32: case DUET_TEXEL_RGB10A2UINT: return 2u;
    default: return 0u;
  }
}
template <class T> struct duet_texel_kind_of;
template <> struct duet_texel_kind_of<float> { enum { kind = 0, wide = DUET_TEXEL_FLOAT32 }; };
template <> struct duet_texel_kind_of<int> { enum { kind = 1, wide = DUET_TEXEL_SINT32 }; };
template <> struct duet_texel_kind_of<unsigned> { enum { kind = 2, wide = DUET_TEXEL_UINT32 }; };
template <int STORAGE> struct duet_texel_elem { typedef float type; };
template <> struct duet_texel_elem<DUET_TEXEL_SINT8> { typedef int type; };
template <> struct duet_texel_elem<DUET_TEXEL_SINT16> { typedef int type; };
template <> struct duet_texel_elem<DUET_TEXEL_SINT32> { typedef int type; };
template <> struct duet_texel_elem<DUET_TEXEL_UINT8> { typedef unsigned type; };
template <> struct duet_texel_elem<DUET_TEXEL_UINT16> { typedef unsigned type; };
template <> struct duet_texel_elem<DUET_TEXEL_UINT32> { typedef unsigned type; };
template <> struct duet_texel_elem<DUET_TEXEL_RGB10A2UINT> { typedef unsigned type; };

/* ---------------------------------------------------------------- header validation ---------- */
/* What bind() keeps of a header. depth: layers of a 2d array, slices of a 3d texture, else 1. */
struct duet_texture_view {
  unsigned char* texels;
  unsigned width, height, depth, levels;
  unsigned format, storage, channels, flags, texelBytes;
};

/* Size of a mip level along one axis (WebGPU 6.1.1, "logical miplevel-specific texture extent"). */
DUET_FN unsigned duet_tex_extent(unsigned n, unsigned level) {
  unsigned e = n >> level;
  return e ? e : 1u;
}

/* Reads and checks the header of a texture slot for a WGSL texture of dimension `dim`; false (and *v
 * untouched) when the header disagrees with itself, with the format table, with `dim` or with the slot's
 * `bytes`. Sizes multiply in 64 bits from dimensions of at most 2^16 each, so no product overflows; the
 * texels of all levels must fit the slot and stay below 2^32 bytes, so every offset below fits a u32. */
DUET_FN bool duet_texture_header(unsigned char* base, unsigned long long bytes, int dim, duet_texture_view* v) {
  if (!base || bytes < (unsigned long long)DUET_TEX_HEADER_BYTES) return false;
  const unsigned* h = (const unsigned*)base;
  const unsigned fmt = h[0], w = h[1], hh = h[2], d = h[3], lv = h[4], hd = h[5], tb = h[6];
  duet_texel_layout f;
  if (h[7] != 0u || !duet_texture_format_at(fmt, &f) || tb != f.texelBytes) return false;
  /* A 2d texture may be viewed as a 2d array of one layer (WebGPU GPUTextureViewDimension). */
  if (hd != (unsigned)dim && !(dim == DUET_TEX_2D_ARRAY && hd == DUET_TEX_2D)) return false;
  if (!w || !hh || !d || !lv || w > 65536u || hh > 65536u || d > 65536u) return false;
  if (hd == DUET_TEX_1D && (hh != 1u || d != 1u)) return false;
  if (hd == DUET_TEX_2D && d != 1u) return false;
  /* A cube is 6 square layers, a cube array 6 per cube (WebGPU 6.2 "cube" / "cube-array" views). */
  if ((hd == DUET_TEX_CUBE || hd == DUET_TEX_CUBE_ARRAY) && (w != hh || d % 6u != 0u)) return false;
  if (hd == DUET_TEX_CUBE && d != 6u) return false;
  unsigned big = w > hh ? w : hh;
  if (hd == DUET_TEX_3D && d > big) big = d;
  unsigned maxLevels = 1u; /* floor(log2(largest extent)) + 1 (WebGPU maximum mipmap level count) */
  while (big >> maxLevels) maxLevels++;
  if (lv > maxLevels) return false;
  unsigned long long total = 0ull;
  for (unsigned l = 0; l < lv; l++) {
    const unsigned long long ld = hd == DUET_TEX_3D ? duet_tex_extent(d, l) : d;
    total += (unsigned long long)duet_tex_extent(w, l) * duet_tex_extent(hh, l) * ld * tb;
  }
  if (total > bytes - DUET_TEX_HEADER_BYTES || total > 0xffffffffull) return false;
  v->texels = base + DUET_TEX_HEADER_BYTES;
  v->width = w;
  v->height = hh;
  v->depth = d;
  v->levels = lv;
  v->format = fmt;
  v->storage = f.storage;
  v->channels = f.channels;
  v->flags = f.flags;
  v->texelBytes = tb;
  return true;
}

/* A refused binding's view: one texel of the widest layout of its kind in the module's own zeroed sink
 * (16 bytes), so even an access the entry never makes (it refuses first) stays in memory of its own. */
DUET_FN void duet_texture_refuse(duet_texture_view* v, unsigned storage, bool* fits) {
  v->texels = (unsigned char*)duet_sink<vec<unsigned, 4>>();
  v->width = v->height = v->depth = v->levels = 1u;
  v->format = 0u;
  v->storage = storage;
  v->channels = 4u;
  v->flags = 0u;
  v->texelBytes = 16u;
  if (fits) *fits = false;
}

/* texture_1d<T> .. texture_3d<T> (WGSL 6.5.2): T float, int or unsigned, the format's sampled kind; not a
 * depth format (those are texture_depth_*'s, WebGPU sample type "depth"). */
template <int DIM, class T> struct duet_texture {
  duet_texture_view v;
  DUET_MFN void bind(unsigned char* base, unsigned long long bytes, bool* fits) {
    if (!duet_texture_header(base, bytes, DIM, &v) || duet_texel_kind(v.storage) != (unsigned)duet_texel_kind_of<T>::kind ||
        (v.flags & DUET_TEXEL_DEPTH) != 0u)
      duet_texture_refuse(&v, duet_texel_kind_of<T>::wide, fits);
  }
};

/* texture_depth_2d, texture_depth_2d_array (WGSL 6.5.6): a depth format only. Its view is a
 * duet_texture<DIM, float>'s, so textureDimensions, textureNumLayers and textureNumLevels take it as one;
 * the calls whose result differs (a depth reads as f32) have overloads of their own below. */
template <int DIM> struct duet_depth_texture : duet_texture<DIM, float> {
  DUET_MFN void bind(unsigned char* base, unsigned long long bytes, bool* fits) {
    if (!duet_texture_header(base, bytes, DIM, &this->v) || (this->v.flags & DUET_TEXEL_DEPTH) == 0u)
      duet_texture_refuse(&this->v, DUET_TEXEL_FLOAT32, fits);
  }
};

/* texture_storage_<dim><FMT, ACCESS> (WGSL 6.5.5): one mip level, the format fixed by the type. */
template <int DIM, int FMT, int ACCESS> struct duet_storage_texture {
  duet_texture_view v;
  DUET_MFN void bind(unsigned char* base, unsigned long long bytes, bool* fits) {
    if (!duet_texture_header(base, bytes, DIM, &v) || v.format != (unsigned)FMT || v.levels != 1u)
      duet_texture_refuse(&v, duet_texture_format<FMT>::storage, fits);
  }
};

/* sampler (WGSL 6.5.8): filters 0 nearest 1 linear; address modes 0 clamp-to-edge 1 repeat 2 mirror-repeat;
 * compare 0 (none). A sampler_comparison's compare is 1 + the GPUCompareFunction's index (1 never .. 8 always). */
struct duet_sampler {
  unsigned magFilter, minFilter, mipmapFilter, addressU, addressV, addressW, compare;
  DUET_MFN bool read(unsigned char* base, unsigned long long bytes, bool comparison) {
    const unsigned* s = (const unsigned*)base;
    bool ok = base && bytes >= 32ull && s[0] <= 1u && s[1] <= 1u && s[2] <= 1u && s[3] <= 2u && s[4] <= 2u &&
              s[5] <= 2u && (comparison ? s[6] >= 1u && s[6] <= 8u : s[6] == 0u) && s[7] == 0u;
    magFilter = ok ? s[0] : 0u;
    minFilter = ok ? s[1] : 0u;
    mipmapFilter = ok ? s[2] : 0u;
    addressU = ok ? s[3] : 0u;
    addressV = ok ? s[4] : 0u;
    addressW = ok ? s[5] : 0u;
    compare = ok ? s[6] : (comparison ? 1u : 0u);
    return ok;
  }
  DUET_MFN void bind(unsigned char* base, unsigned long long bytes, bool* fits) {
    if (!read(base, bytes, false) && fits) *fits = false;
  }
};
/* sampler_comparison (WGSL 6.5.8): a sampler with a compare function. */
struct duet_sampler_comparison : duet_sampler {
  DUET_MFN void bind(unsigned char* base, unsigned long long bytes, bool* fits) {
    if (!read(base, bytes, true) && fits) *fits = false;
  }
};

/* ---------------------------------------------------------------- texel conversions ---------- */
/* Decoding per WebGPU 26.1 and the Vulkan rules it cites ("Fixed-Point Data Conversions"):
 * unorm v / (2^n - 1); snorm max(v / (2^(n-1) - 1), -1); f16 exact; sRGB channels through the sRGB
 * EOTF (alpha stays linear); missing components read 0, missing alpha 1 (WGSL 16.7 "texel formats"). */
DUET_FN float duet_srgb_to_linear(float c) {
  return c <= 0.04045f ? c / 12.92f : powf((c + 0.055f) / 1.055f, 2.4f);
}
/* The unsigned 5-bit-exponent floats of rg11b10ufloat (6- and 5-bit mantissas; Vulkan "Unsigned 11-Bit
 * / 10-Bit Floating-Point Numbers"). */
DUET_FN float duet_ufloat_bits(unsigned m, unsigned e, int mbits) {
  if (e == 31u) return duet_bitcast<float>(m ? 0x7fc00000u : 0x7f800000u);
  if (e == 0u) return ldexpf((float)m, -14 - mbits);
  return ldexpf((float)(m | (1u << mbits)), (int)e - 15 - mbits);
}
/* Components 0..ch-1 of a texel, raw; a component the format lacks repeats component 0 (never a read
 * past the texel) and is replaced by the caller. */
template <class C> DUET_FN vec<unsigned, 4> duet_texel_raw(const unsigned char* p, unsigned ch) {
  const C* q = (const C*)p;
  return vec<unsigned, 4>{(unsigned)q[0], (unsigned)q[ch > 1u ? 1u : 0u], (unsigned)q[ch > 2u ? 2u : 0u],
                          (unsigned)q[ch > 3u ? 3u : 0u]};
}
template <class T> DUET_FN vec<T, 4> duet_texel_fill(vec<T, 4> r, unsigned ch, unsigned flags) {
  if (ch < 2u) r.y = (T)0;
  if (ch < 3u) r.z = (T)0;
  if (ch < 4u) r.w = (T)1;
  if (flags & DUET_TEXEL_BGRA) {
    T t = r.x;
    r.x = r.z;
    r.z = t;
  }
  return r;
}

/* One texel as the WGSL sampled type T: storage kind, channels and flags are constants for storage
 * textures (the switch folds away) and read from the view for sampled ones (one switch per texel). */
template <class T> struct duet_texel_codec;
template <> struct duet_texel_codec<float> {
  DUET_MFN static vec<float, 4> decode(const unsigned char* p, unsigned storage, unsigned ch, unsigned flags) {
    vec<float, 4> r;
    switch (storage) {
      case DUET_TEXEL_UNORM8: {
        vec<unsigned, 4> u = duet_texel_raw<unsigned char>(p, ch);
        r = vec<float, 4>{(float)u.x / 255.0f, (float)u.y / 255.0f, (float)u.z / 255.0f, (float)u.w / 255.0f};
        if (flags & DUET_TEXEL_SRGB) {
          r.x = duet_srgb_to_linear(r.x);
          r.y = duet_srgb_to_linear(r.y);
          r.z = duet_srgb_to_linear(r.z);
        }
        break;
      }
      case DUET_TEXEL_SNORM8: {
        vec<unsigned, 4> u = duet_texel_raw<signed char>(p, ch);
        r = vec<float, 4>{fmaxf((float)(int)u.x / 127.0f, -1.0f), fmaxf((float)(int)u.y / 127.0f, -1.0f),
                          fmaxf((float)(int)u.z / 127.0f, -1.0f), fmaxf((float)(int)u.w / 127.0f, -1.0f)};
        break;
      }
      case DUET_TEXEL_FLOAT16: {
        vec<unsigned, 4> u = duet_texel_raw<unsigned short>(p, ch);
        r = vec<float, 4>{duet_f16_bits_to_f32(u.x), duet_f16_bits_to_f32(u.y), duet_f16_bits_to_f32(u.z),
                          duet_f16_bits_to_f32(u.w)};
        break;
      }
      case DUET_TEXEL_DEPTH16UNORM: /* one channel; depth32float reads as float32 (default) */
        return vec<float, 4>{(float)*(const unsigned short*)p / 65535.0f, 0.0f, 0.0f, 1.0f};
      case DUET_TEXEL_RGB10A2UNORM: {
        const unsigned w = *(const unsigned*)p;
        return vec<float, 4>{(float)(w & 1023u) / 1023.0f, (float)((w >> 10) & 1023u) / 1023.0f,
                             (float)((w >> 20) & 1023u) / 1023.0f, (float)(w >> 30) / 3.0f};
      }
      case DUET_TEXEL_RG11B10UFLOAT: {
        const unsigned w = *(const unsigned*)p;
        return vec<float, 4>{duet_ufloat_bits(w & 63u, (w >> 6) & 31u, 6), duet_ufloat_bits((w >> 11) & 63u, (w >> 17) & 31u, 6),
                             duet_ufloat_bits((w >> 22) & 31u, w >> 27, 5), 1.0f};
      }
      case DUET_TEXEL_RGB9E5UFLOAT: {
        /* Shared exponent: component = mantissa * 2^(e - 15 - 9) (Vulkan "Shared Exponent Format"). */
        const unsigned w = *(const unsigned*)p;
        const int e = (int)(w >> 27) - 24;
        return vec<float, 4>{ldexpf((float)(w & 511u), e), ldexpf((float)((w >> 9) & 511u), e),
                             ldexpf((float)((w >> 18) & 511u), e), 1.0f};
      }
      default: { /* float32 and depth32float; a sampled view of another kind was refused by bind */
        vec<unsigned, 4> u = duet_texel_raw<unsigned>(p, ch);
        r = vec<float, 4>{duet_bitcast<float>(u.x), duet_bitcast<float>(u.y), duet_bitcast<float>(u.z),
                          duet_bitcast<float>(u.w)};
        break;
      }
    }
    return duet_texel_fill(r, ch, flags);
  }
};
template <> struct duet_texel_codec<unsigned> {
  DUET_MFN static vec<unsigned, 4> decode(const unsigned char* p, unsigned storage, unsigned ch, unsigned flags) {
    vec<unsigned, 4> r;
    switch (storage) {
      case DUET_TEXEL_UINT8: r = duet_texel_raw<unsigned char>(p, ch); break;
      case DUET_TEXEL_UINT16: r = duet_texel_raw<unsigned short>(p, ch); break;
      case DUET_TEXEL_RGB10A2UINT: {
        const unsigned w = *(const unsigned*)p;
        return vec<unsigned, 4>{w & 1023u, (w >> 10) & 1023u, (w >> 20) & 1023u, w >> 30};
      }
      default: r = duet_texel_raw<unsigned>(p, ch); break;
    }
    return duet_texel_fill(r, ch, flags);
  }
};
template <> struct duet_texel_codec<int> {
  DUET_MFN static vec<int, 4> decode(const unsigned char* p, unsigned storage, unsigned ch, unsigned flags) {
    vec<unsigned, 4> u;
    switch (storage) {
      case DUET_TEXEL_SINT8: u = duet_texel_raw<signed char>(p, ch); break;
      case DUET_TEXEL_SINT16: u = duet_texel_raw<short>(p, ch); break;
      default: u = duet_texel_raw<unsigned>(p, ch); break;
    }
    return duet_texel_fill(vec<int, 4>{(int)u.x, (int)u.y, (int)u.z, (int)u.w}, ch, flags);
  }
};

/* Encoding for textureStore (WebGPU 26.1; Vulkan "Conversion from Floating-Point to Normalized
 * Fixed-Point", D3D's float-to-UNORM/SNORM): clamp to [0, 1] (unorm) or [-1, 1] (snorm), scale by
 * 2^n - 1 or 2^(n-1) - 1, and round to the nearest integer, ties to even (rintf; Vulkan lets an
 * implementation take either neighbour, D3D's conversion rounds to nearest even): 0.5 -> 127.5 -> 128,
 * -0.5 -> -63.5 -> -64 (WGSL's pack4x8snorm rounds that tie up, to -63). NaN stores 0. f16 rounds to nearest even. Integers keep their low bits (the value converted modulo
 * 2^n; WGSL leaves a value the format cannot represent to the implementation). */
DUET_FN unsigned duet_unorm8_from(float x) { return (unsigned)rintf(fminf(fmaxf(x, 0.0f), 1.0f) * 255.0f); }
DUET_FN unsigned duet_snorm8_from(float x) {
  if (!(x == x)) return 0u;
  return (unsigned)(int)rintf(fminf(fmaxf(x, -1.0f), 1.0f) * 127.0f) & 0xffu;
}
template <int STORAGE> struct duet_texel_encode;
template <> struct duet_texel_encode<DUET_TEXEL_UNORM8> {
  typedef unsigned char C;
  template <class T> DUET_MFN static C one(T x) { return (C)duet_unorm8_from((float)x); }
};
template <> struct duet_texel_encode<DUET_TEXEL_SNORM8> {
  typedef unsigned char C;
  template <class T> DUET_MFN static C one(T x) { return (C)duet_snorm8_from((float)x); }
};
template <> struct duet_texel_encode<DUET_TEXEL_FLOAT16> {
  typedef unsigned short C;
  template <class T> DUET_MFN static C one(T x) { return (C)duet_f32_to_f16_bits((float)x); }
};
template <> struct duet_texel_encode<DUET_TEXEL_FLOAT32> {
  typedef unsigned C;
  template <class T> DUET_MFN static C one(T x) { return duet_bitcast<unsigned>((float)x); }
};
#define DUET_TEX_INT_ENCODE(STORAGE, CT)                                     \
  template <> struct duet_texel_encode<STORAGE> {                            \
    typedef CT C;                                                            \
    template <class T> DUET_MFN static C one(T x) { return (C)(unsigned)x; } \
  };
DUET_TEX_INT_ENCODE(DUET_TEXEL_UINT8, unsigned char)
DUET_TEX_INT_ENCODE(DUET_TEXEL_SINT8, unsigned char)
DUET_TEX_INT_ENCODE(DUET_TEXEL_UINT16, unsigned short)
DUET_TEX_INT_ENCODE(DUET_TEXEL_SINT16, unsigned short)
DUET_TEX_INT_ENCODE(DUET_TEXEL_UINT32, unsigned)
DUET_TEX_INT_ENCODE(DUET_TEXEL_SINT32, unsigned)
#undef DUET_TEX_INT_ENCODE

/* ---------------------------------------------------------------- coordinates and levels ----- */
/* Integer coordinates as u32, as Tint's robustness transform converts them before its clamp: a negative
 * i32 becomes a huge u32 and clamps to the last texel. */
DUET_FN vec<unsigned, 3> duet_tex_icoords(unsigned c) { return vec<unsigned, 3>{c, 0u, 0u}; }
DUET_FN vec<unsigned, 3> duet_tex_icoords(int c) { return vec<unsigned, 3>{(unsigned)c, 0u, 0u}; }
template <class I> DUET_FN vec<unsigned, 3> duet_tex_icoords(const vec<I, 2>& c) {
  return vec<unsigned, 3>{(unsigned)c.x, (unsigned)c.y, 0u};
}
template <class I> DUET_FN vec<unsigned, 3> duet_tex_icoords(const vec<I, 3>& c) {
  return vec<unsigned, 3>{(unsigned)c.x, (unsigned)c.y, (unsigned)c.z};
}
DUET_FN unsigned duet_tex_min(unsigned a, unsigned b) { return a < b ? a : b; }

/* Where mip level `level` (< levels) starts in the texels, and its extent. */
struct duet_tex_level {
  unsigned offset, w, h, d;
};
template <int DIM> DUET_FN duet_tex_level duet_texture_level(const duet_texture_view& v, unsigned level) {
  duet_tex_level r;
  r.offset = 0u;
  for (unsigned l = 0;; l++) {
    r.w = duet_tex_extent(v.width, l);
    r.h = DIM == DUET_TEX_1D ? 1u : duet_tex_extent(v.height, l);
    r.d = DIM == DUET_TEX_3D ? duet_tex_extent(v.depth, l) : v.depth;
    if (l >= level) break;
    r.offset += r.w * r.h * r.d * v.texelBytes;
  }
  return r;
}
/* The texel at (x, y, z) of a level; x < w, y < h, z < d (callers clamp or discard first). */
DUET_FN unsigned char* duet_tex_texel(const duet_texture_view& v, const duet_tex_level& L, unsigned x, unsigned y, unsigned z) {
  return v.texels + L.offset + ((z * L.h + y) * L.w + x) * v.texelBytes;
}

/* ---------------------------------------------------------------- dimensions ----------------- */
template <int DIM> struct duet_tex_dims {
  typedef vec<unsigned, 2> type;
  DUET_MFN static type of(unsigned w, unsigned h, unsigned) { return type{w, h}; }
};
template <> struct duet_tex_dims<DUET_TEX_1D> {
  typedef unsigned type;
  DUET_MFN static type of(unsigned w, unsigned, unsigned) { return w; }
};
template <> struct duet_tex_dims<DUET_TEX_3D> {
  typedef vec<unsigned, 3> type;
  DUET_MFN static type of(unsigned w, unsigned h, unsigned d) { return type{w, h, d}; }
};
/* textureDimensions (WGSL 16.7.1); the level clamps to the last one, as Tint's robustness transform does. */
template <int DIM, class T> DUET_FN typename duet_tex_dims<DIM>::type duet_texture_dimensions(const duet_texture<DIM, T>& t) {
  return duet_tex_dims<DIM>::of(t.v.width, t.v.height, t.v.depth);
}
template <int DIM, class T, class L>
DUET_FN typename duet_tex_dims<DIM>::type duet_texture_dimensions(const duet_texture<DIM, T>& t, L level) {
  const duet_tex_level l = duet_texture_level<DIM>(t.v, duet_tex_min((unsigned)level, t.v.levels - 1u));
  return duet_tex_dims<DIM>::of(l.w, l.h, l.d);
}
template <int DIM, int FMT, int ACCESS>
DUET_FN typename duet_tex_dims<DIM>::type duet_texture_dimensions(const duet_storage_texture<DIM, FMT, ACCESS>& t) {
  return duet_tex_dims<DIM>::of(t.v.width, t.v.height, t.v.depth);
}
/* textureNumLayers (WGSL 16.7.4: a cube array's are its cubes), textureNumLevels (16.7.5). */
template <class T> DUET_FN unsigned duet_texture_num_layers(const duet_texture<DUET_TEX_2D_ARRAY, T>& t) { return t.v.depth; }
template <class T> DUET_FN unsigned duet_texture_num_layers(const duet_texture<DUET_TEX_CUBE_ARRAY, T>& t) { return t.v.depth / 6u; }
template <int FMT, int ACCESS>
DUET_FN unsigned duet_texture_num_layers(const duet_storage_texture<DUET_TEX_2D_ARRAY, FMT, ACCESS>& t) {
  return t.v.depth;
}
template <int DIM, class T> DUET_FN unsigned duet_texture_num_levels(const duet_texture<DIM, T>& t) { return t.v.levels; }

/* ---------------------------------------------------------------- textureLoad / textureStore -- */
/* textureLoad (WGSL 16.7.3) as Chrome runs it: Tint's robustness transform clamps the level to
 * [0, levels - 1], the layer to [0, layers - 1] and each coordinate to [0, extent - 1] of that level,
 * all after converting to u32 (src/tint/lang/core/ir/transform/robustness.cc, ClampTextureCallArgs). */
template <int DIM, class T>
DUET_FN vec<T, 4> duet_tex_load(const duet_texture_view& v, vec<unsigned, 3> c, unsigned layer, unsigned level) {
  const duet_tex_level L = duet_texture_level<DIM>(v, duet_tex_min(level, v.levels - 1u));
  const unsigned z = DIM == DUET_TEX_3D ? duet_tex_min(c.z, L.d - 1u) : DIM == DUET_TEX_2D_ARRAY ? duet_tex_min(layer, v.depth - 1u) : 0u;
  const unsigned char* p = duet_tex_texel(v, L, duet_tex_min(c.x, L.w - 1u), duet_tex_min(c.y, L.h - 1u), z);
  return duet_texel_codec<T>::decode(p, v.storage, v.channels, v.flags);
}
template <int DIM, class T, class C, class L>
DUET_FN vec<T, 4> duet_texture_load(const duet_texture<DIM, T>& t, const C& coords, L level) {
  static_assert(DIM != DUET_TEX_2D_ARRAY, "textureLoad of a texture_2d_array takes a layer");
  return duet_tex_load<DIM, T>(t.v, duet_tex_icoords(coords), 0u, (unsigned)level);
}
template <class T, class C, class A, class L>
DUET_FN vec<T, 4> duet_texture_load(const duet_texture<DUET_TEX_2D_ARRAY, T>& t, const C& coords, A layer, L level) {
  return duet_tex_load<DUET_TEX_2D_ARRAY, T>(t.v, duet_tex_icoords(coords), (unsigned)layer, (unsigned)level);
}
/* Storage textures (read, read_write): the format is the type's, so the decode is straight-line. */
template <int DIM, int FMT>
DUET_FN vec<typename duet_texel_elem<duet_texture_format<FMT>::storage>::type, 4> duet_tex_storage_load(
    const duet_texture_view& v, vec<unsigned, 3> c, unsigned layer) {
  typedef duet_texture_format<FMT> F;
  const unsigned z = DIM == DUET_TEX_3D ? duet_tex_min(c.z, v.depth - 1u) : DIM == DUET_TEX_2D_ARRAY ? duet_tex_min(layer, v.depth - 1u) : 0u;
  const unsigned y = DIM == DUET_TEX_1D ? 0u : duet_tex_min(c.y, v.height - 1u);
  const unsigned char* p = v.texels + ((z * v.height + y) * v.width + duet_tex_min(c.x, v.width - 1u)) * (unsigned)F::texelBytes;
  return duet_texel_codec<typename duet_texel_elem<F::storage>::type>::decode(p, F::storage, F::channels, F::flags);
}
template <int DIM, int FMT, int ACCESS, class C>
DUET_FN vec<typename duet_texel_elem<duet_texture_format<FMT>::storage>::type, 4> duet_texture_load(
    const duet_storage_texture<DIM, FMT, ACCESS>& t, const C& coords) {
  static_assert((ACCESS & DUET_TEX_READ) != 0, "textureLoad needs a read or read_write storage texture");
  static_assert(DIM != DUET_TEX_2D_ARRAY, "textureLoad of a texture_storage_2d_array takes a layer");
  return duet_tex_storage_load<DIM, FMT>(t.v, duet_tex_icoords(coords), 0u);
}
template <int FMT, int ACCESS, class C, class A>
DUET_FN vec<typename duet_texel_elem<duet_texture_format<FMT>::storage>::type, 4> duet_texture_load(
    const duet_storage_texture<DUET_TEX_2D_ARRAY, FMT, ACCESS>& t, const C& coords, A layer) {
  static_assert((ACCESS & DUET_TEX_READ) != 0, "textureLoad needs a read or read_write storage texture");
  return duet_tex_storage_load<DUET_TEX_2D_ARRAY, FMT>(t.v, duet_tex_icoords(coords), (unsigned)layer);
}

/* textureStore (WGSL 16.7.10): Tint's robustness transform leaves it alone and the backends drop a store
 * outside the texture (Vulkan robustImageAccess, D3D), as WGSL prefers ("the store is not executed"):
 * a coordinate or layer out of range (a negative i32 is a huge u32) writes nothing. */
template <int DIM, int FMT, class T>
DUET_FN void duet_tex_store(const duet_texture_view& v, vec<unsigned, 3> c, unsigned layer, const vec<T, 4>& value) {
  typedef duet_texture_format<FMT> F;
  typedef duet_texel_encode<F::storage> E;
  const unsigned z = DIM == DUET_TEX_3D ? c.z : DIM == DUET_TEX_2D_ARRAY ? layer : 0u;
  const unsigned y = DIM == DUET_TEX_1D ? 0u : c.y;
  if (c.x >= v.width || y >= v.height || z >= v.depth) return;
  typename E::C* q = (typename E::C*)(v.texels + ((z * v.height + y) * v.width + c.x) * (unsigned)F::texelBytes);
  const bool bgra = (F::flags & DUET_TEXEL_BGRA) != 0u;
  q[0] = E::one(bgra ? value.z : value.x);
  if (F::channels > 1) q[1] = E::one(value.y);
  if (F::channels > 2) q[2] = E::one(bgra ? value.x : value.z);
  if (F::channels > 3) q[3] = E::one(value.w);
}
template <int DIM, int FMT, int ACCESS, class C, class T>
DUET_FN void duet_texture_store(const duet_storage_texture<DIM, FMT, ACCESS>& t, const C& coords, const vec<T, 4>& value) {
  static_assert((ACCESS & DUET_TEX_WRITE) != 0, "textureStore needs a write or read_write storage texture");
  static_assert(DIM != DUET_TEX_2D_ARRAY, "textureStore to a texture_storage_2d_array takes a layer");
  duet_tex_store<DIM, FMT>(t.v, duet_tex_icoords(coords), 0u, value);
}
template <int FMT, int ACCESS, class C, class A, class T>
DUET_FN void duet_texture_store(const duet_storage_texture<DUET_TEX_2D_ARRAY, FMT, ACCESS>& t, const C& coords, A layer,
                                const vec<T, 4>& value) {
  static_assert((ACCESS & DUET_TEX_WRITE) != 0, "textureStore needs a write or read_write storage texture");
  duet_tex_store<DUET_TEX_2D_ARRAY, FMT>(t.v, duet_tex_icoords(coords), (unsigned)layer, value);
}

/* ---------------------------------------------------------------- sampling ------------------- */
/* Address modes (WebGPU 7.1 GPUAddressMode; Vulkan "Wrapping Operation"): clamp-to-edge, repeat, and
 * mirror-repeat = (size - 1) - mirror((i mod 2 size) - size), mirror(a) = a >= 0 ? a : -(1 + a).
 * DUET_TEX_CUBE_EDGES (no sampler holds it: duet_sampler::read takes 0..2) keeps one texel past each edge,
 * [-1, size], for a linear cube lookup to fetch from the adjacent face (duet_tex_cube_texel). */
#define DUET_TEX_CUBE_EDGES 3u
DUET_FN int duet_tex_wrap(int i, int size, unsigned mode) {
  if (mode == DUET_TEX_CUBE_EDGES) return i < -1 ? -1 : (i > size ? size : i);
  if (mode == 1u) {
    const int m = i % size;
    return m < 0 ? m + size : m;
  }
  if (mode == 2u) {
    int t = i % (2 * size);
    if (t < 0) t += 2 * size;
    t -= size;
    return (size - 1) - (t >= 0 ? t : -(1 + t));
  }
  return i < 0 ? 0 : (i >= size ? size - 1 : i);
}
/* floor of a texel-space coordinate as an int: NaN reads as 0 and the range is kept to +-2^30, so the
 * offsets and +1 added after cannot overflow (such coordinates lost all sub-texel precision anyway). */
DUET_FN float duet_tex_sane(float u) { return u == u ? fminf(fmaxf(u, -1073741824.0f), 1073741824.0f) : 0.0f; }

/* Float coordinates of any arity as (u, v, w). */
DUET_FN vec<float, 3> duet_tex_fcoords(float c) { return vec<float, 3>{c, 0.0f, 0.0f}; }
DUET_FN vec<float, 3> duet_tex_fcoords(const vec<float, 2>& c) { return vec<float, 3>{c.x, c.y, 0.0f}; }
DUET_FN vec<float, 3> duet_tex_fcoords(const vec<float, 3>& c) { return c; }
DUET_FN vec<int, 3> duet_tex_offset(const vec<int, 2>& o) { return vec<int, 3>{o.x, o.y, 0}; }
DUET_FN vec<int, 3> duet_tex_offset(const vec<int, 3>& o) { return o; }

/* The layer of a sampling call: signed, clamped to [0, layers - 1] (Vulkan "array layer selection"). */
DUET_FN unsigned duet_tex_layer(int l, unsigned layers) { return l < 0 ? 0u : duet_tex_min((unsigned)l, layers - 1u); }
DUET_FN unsigned duet_tex_layer(unsigned l, unsigned layers) { return duet_tex_min(l, layers - 1u); }

/* One axis of a lookup at one level: the texel index (nearest) or the two indices and the weight of the
 * second (linear: texel centres at +0.5), offset applied in texel space and then wrapped (Vulkan
 * "Texel Coordinate Operations"). Nearest: i = floor(u * size). */
struct duet_tex_axis {
  int i0, i1;
  float a;
};
DUET_FN duet_tex_axis duet_tex_axis_at(float u, unsigned size, int offset, unsigned mode, bool linear) {
  const int n = (int)size;
  float x = duet_tex_sane(u * (float)size);
  duet_tex_axis r;
  if (linear) x = duet_tex_sane(x - 0.5f);
  const float f = floorf(x);
  r.a = linear ? x - f : 0.0f;
  const int i = (int)f + offset;
  r.i0 = duet_tex_wrap(i, n, mode);
  r.i1 = linear ? duet_tex_wrap(i + 1, n, mode) : r.i0;
  return r;
}
template <class T> DUET_FN vec<T, 4> duet_tex_lerp(const vec<T, 4>& a, const vec<T, 4>& b, float t) {
  return vec<T, 4>{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t};
}

/* ---------------------------------------------------------------- cube faces and edges ------- */
/* Cube map face selection (WebGPU 6.2 "cube" view: layers +x, -x, +y, -y, +z, -z; the selection and
 * (s, t) mapping of Vulkan "Cube Map Face Selection and Transformations", which WebGPU's backends share):
 * the major axis is the largest |component|, ties going to z, then y (exact diagonals are left to the
 * implementation); on face f, (s, t) = (sc / |ma| + 1) / 2, (tc / |ma| + 1) / 2 with
 *   +x: sc -z, tc -y   -x: sc +z, tc -y   +y: sc +x, tc +z   -y: sc +x, tc -z   +z: sc +x, tc -y   -z: sc -x, tc -y.
 * One table for float directions (duet_tex_cube_face) and the integer ones of duet_tex_cube_texel. */
template <class N> struct duet_cube_axes {
  N sc, tc, ma;
  unsigned face;
};
template <class N> DUET_FN duet_cube_axes<N> duet_tex_cube_axes(N x, N y, N z) {
  const N ax = x < (N)0 ? -x : x, ay = y < (N)0 ? -y : y, az = z < (N)0 ? -z : z;
  duet_cube_axes<N> a;
  if (az >= ax && az >= ay) {
    a.face = z < (N)0 ? 5u : 4u;
    a.sc = z < (N)0 ? -x : x;
    a.tc = -y;
    a.ma = az;
  } else if (ay >= ax) {
    a.face = y < (N)0 ? 3u : 2u;
    a.sc = x;
    a.tc = y < (N)0 ? -z : z;
    a.ma = ay;
  } else {
    a.face = x < (N)0 ? 1u : 0u;
    a.sc = x < (N)0 ? z : -z;
    a.tc = -y;
    a.ma = ax;
  }
  return a;
}
/* The face and (s, t) of a direction. A zero or NaN direction gives NaN (s, t), which the axis lookup reads
 * as 0; |sc|, |tc| <= |ma|, so s and t lie in [0, 1]. */
struct duet_cube_at {
  vec<float, 3> st;
  unsigned face;
};
DUET_FN duet_cube_at duet_tex_cube_face(const vec<float, 3>& r) {
  const duet_cube_axes<float> a = duet_tex_cube_axes(r.x, r.y, r.z);
  duet_cube_at c;
  c.st = vec<float, 3>{0.5f * (a.sc / a.ma) + 0.5f, 0.5f * (a.tc / a.ma) + 0.5f, 0.0f};
  c.face = a.face;
  return c;
}

/* Texel (i, j), i and j in [-1, n], of face `face` of an n x n cube level: on the face, or one texel past
 * one of its edges, the adjacent face's texel there (Vulkan "Cube Map Edge Handling", cube map edge texel).
 * In doubled integer coordinates u = 2i + 1 - n (texel centres odd, the face's edges at +-n), the texel's
 * direction is (ma, sc, tc) = (+-n, u, v) by the face table; past an edge one of u, v is +-(n + 1). That
 * component becomes the major axis +-n of the adjacent face, the old major axis moves one texel inside
 * (+-(n - 1)), and the face table applied to that direction names the face and its texel, exactly.
 * false (and *f, *x, *y untouched) past two edges: a corner, where no face has the texel. */
DUET_FN bool duet_tex_cube_texel(unsigned face, unsigned n, int i, int j, unsigned* f, unsigned* x, unsigned* y) {
  const int N = (int)n;
  const bool iOut = i < 0 || i >= N, jOut = j < 0 || j >= N;
  if (iOut && jOut) return false;
  if (!iOut && !jOut) {
    *f = face;
    *x = (unsigned)i;
    *y = (unsigned)j;
    return true;
  }
  const int u = 2 * i + 1 - N, v = 2 * j + 1 - N;
  /* The inverse of the face table: the direction of (sc, tc) = (u, v) on `face`, |ma| = n. */
  int d[3];
  switch (face) {
    case 0u: d[0] = N; d[1] = -v; d[2] = -u; break;
    case 1u: d[0] = -N; d[1] = -v; d[2] = u; break;
    case 2u: d[0] = u; d[1] = N; d[2] = v; break;
    case 3u: d[0] = u; d[1] = -N; d[2] = -v; break;
    case 4u: d[0] = u; d[1] = -v; d[2] = N; break;
    default: d[0] = -u; d[1] = -v; d[2] = -N; break;
  }
  const unsigned m = face >> 1; /* the face's major axis */
  for (unsigned k = 0; k < 3u; k++)
    if (k == m) d[k] = d[k] < 0 ? 1 - N : N - 1;
    else if (d[k] > N || d[k] < -N) d[k] = d[k] < 0 ? -N : N;
  const duet_cube_axes<int> a = duet_tex_cube_axes(d[0], d[1], d[2]);
  *f = a.face;
  *x = (unsigned)((a.sc + N - 1) / 2);
  *y = (unsigned)((a.tc + N - 1) / 2);
  return true;
}

/* The 2x2 texels a linear lookup at (s, t) reads on the cube face at `layer` (6 cube + face) of level L,
 * in textureGather's order (i0, j1), (i1, j1), (i1, j0), (i0, j0), and the weights a, b of i1 and j1:
 * texels past an edge come from the adjacent face (duet_tex_cube_texel); `corner` is the index of a texel
 * past two edges (-1: none), whose pointer is the face's own texel (0, 0) and whose value the reader
 * replaces. Every pointer is inside the level's texels: coordinates and layer are clamped last. */
struct duet_tex_cube_quad {
  const unsigned char* p[4];
  int corner;
  float a, b;
};
DUET_FN duet_tex_cube_quad duet_tex_cube_footprint(const duet_texture_view& v, const duet_tex_level& L, vec<float, 3> st,
                                                   unsigned layer) {
  const duet_tex_axis X = duet_tex_axis_at(st.x, L.w, 0, DUET_TEX_CUBE_EDGES, true);
  const duet_tex_axis Y = duet_tex_axis_at(st.y, L.h, 0, DUET_TEX_CUBE_EDGES, true);
  const unsigned face = layer % 6u, base = layer - face;
  const int is[4] = {X.i0, X.i1, X.i1, X.i0}, js[4] = {Y.i1, Y.i1, Y.i0, Y.i0};
  duet_tex_cube_quad q;
  q.corner = -1;
  q.a = X.a;
  q.b = Y.a;
  for (int k = 0; k < 4; k++) {
    unsigned f = face, x = 0u, y = 0u;
    if (!duet_tex_cube_texel(face, L.w, is[k], js[k], &f, &x, &y)) q.corner = k;
    q.p[k] = duet_tex_texel(v, L, duet_tex_min(x, L.w - 1u), duet_tex_min(y, L.h - 1u), duet_tex_min(base + f, v.depth - 1u));
  }
  return q;
}
/* The mean of three texels, for a cube corner: "the average of the three values of the adjacent texels in
 * each incident face" (Vulkan "Cube Map Edge Handling", cube map corner texel), of the decoded values (an
 * sRGB format's linear ones); integers exactly in 64 bits, rounded to the nearest (a third stays, two
 * thirds go away from zero: what a float mean converted back gives, as SwiftShader's does below 2^24).
 * Vulkan lets an implementation choose; only a gather of an integer cube can read one. */
DUET_FN vec<float, 4> duet_tex_mean3(const vec<float, 4>& a, const vec<float, 4>& b, const vec<float, 4>& c) {
  return vec<float, 4>{(a.x + b.x + c.x) / 3.0f, (a.y + b.y + c.y) / 3.0f, (a.z + b.z + c.z) / 3.0f, (a.w + b.w + c.w) / 3.0f};
}
DUET_FN long long duet_tex_mean3_int(long long sum) {
  const long long q = sum / 3, r = sum - 3 * q; /* r in -2..2, the sign of sum */
  return r == 2 ? q + 1 : r == -2 ? q - 1 : q;
}
template <class T> DUET_FN vec<T, 4> duet_tex_mean3(const vec<T, 4>& a, const vec<T, 4>& b, const vec<T, 4>& c) {
  typedef long long W;
  return vec<T, 4>{(T)duet_tex_mean3_int((W)a.x + (W)b.x + (W)c.x), (T)duet_tex_mean3_int((W)a.y + (W)b.y + (W)c.y),
                   (T)duet_tex_mean3_int((W)a.z + (W)b.z + (W)c.z), (T)duet_tex_mean3_int((W)a.w + (W)b.w + (W)c.w)};
}
/* The quad's four texels as the WGSL sampled type T, a corner replaced by the mean of the other three. */
template <class T> DUET_FN void duet_tex_cube_read(const duet_texture_view& v, const duet_tex_cube_quad& q, vec<T, 4>* t) {
  for (int k = 0; k < 4; k++) t[k] = duet_texel_codec<T>::decode(q.p[k], v.storage, v.channels, v.flags);
  if (q.corner >= 0) {
    const int c = q.corner;
    t[c] = duet_tex_mean3(t[(c + 1) & 3], t[(c + 2) & 3], t[(c + 3) & 3]);
  }
}
/* Linear filtering of one cube level across face edges (seamless, as Vulkan requires and WebGPU assumes). */
DUET_FN vec<float, 4> duet_tex_cube_linear(const duet_texture_view& v, const duet_tex_level& L, vec<float, 3> st, unsigned layer) {
  const duet_tex_cube_quad q = duet_tex_cube_footprint(v, L, st, layer);
  vec<float, 4> t[4];
  duet_tex_cube_read<float>(v, q, t);
  return duet_tex_lerp(duet_tex_lerp(t[3], t[2], q.a), duet_tex_lerp(t[0], t[1], q.a), q.b);
}

/* Filters one level (the sampler's mag or min filter) at normalized coordinates uvw. A cube (DUET_TEX_CUBE,
 * for cube arrays too: uvw is the face's (s, t), layer 6 cube + face) filters linearly across face edges
 * and clamps nearest lookups to the face (the sampler's address modes do not apply: Vulkan "Cube Map Edge
 * Handling", VK_FILTER_NEAREST "is treated as using VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE"). */
template <int DIM>
DUET_FN vec<float, 4> duet_tex_filter(const duet_texture_view& v, const duet_sampler& s, vec<float, 3> uvw, unsigned layer,
                                      unsigned level, bool linear, vec<int, 3> off) {
  const duet_tex_level L = duet_texture_level<DIM>(v, level);
  if (DIM == DUET_TEX_CUBE && linear) return duet_tex_cube_linear(v, L, uvw, layer);
  const duet_tex_axis X = duet_tex_axis_at(uvw.x, L.w, off.x, s.addressU, linear);
  duet_tex_axis Y = {0, 0, 0.0f}, Z = {0, 0, 0.0f};
  if (DIM != DUET_TEX_1D) Y = duet_tex_axis_at(uvw.y, L.h, off.y, s.addressV, linear);
  if (DIM == DUET_TEX_3D) Z = duet_tex_axis_at(uvw.z, L.d, off.z, s.addressW, linear);
  if (DIM == DUET_TEX_2D_ARRAY || DIM == DUET_TEX_CUBE) Z.i0 = Z.i1 = (int)layer;
#define DUET_TEX_AT(I, J, K) \
  duet_texel_codec<float>::decode(duet_tex_texel(v, L, (unsigned)(I), (unsigned)(J), (unsigned)(K)), v.storage, v.channels, v.flags)
  if (!linear) return DUET_TEX_AT(X.i0, Y.i0, Z.i0);
  vec<float, 4> r = duet_tex_lerp(DUET_TEX_AT(X.i0, Y.i0, Z.i0), DUET_TEX_AT(X.i1, Y.i0, Z.i0), X.a);
  if (DIM != DUET_TEX_1D)
    r = duet_tex_lerp(r, duet_tex_lerp(DUET_TEX_AT(X.i0, Y.i1, Z.i0), DUET_TEX_AT(X.i1, Y.i1, Z.i0), X.a), Y.a);
  if (DIM == DUET_TEX_3D) {
    const vec<float, 4> b = duet_tex_lerp(duet_tex_lerp(DUET_TEX_AT(X.i0, Y.i0, Z.i1), DUET_TEX_AT(X.i1, Y.i0, Z.i1), X.a),
                                          duet_tex_lerp(DUET_TEX_AT(X.i0, Y.i1, Z.i1), DUET_TEX_AT(X.i1, Y.i1, Z.i1), X.a), Y.a);
    r = duet_tex_lerp(r, b, Z.a);
  }
#undef DUET_TEX_AT
  return r;
}

/* textureSampleLevel (WGSL 16.7.8) per Vulkan "Level-of-Detail Operation" with WebGPU's sampler defaults
 * (lodMinClamp 0, lodMaxClamp 32): lambda = clamp(level, 0, 32) (NaN as 0); lambda <= 0 magnifies (magFilter),
 * else minifies (minFilter); d = min(lambda, levels - 1); mipmapFilter nearest takes level
 * ceil(d + 0.5) - 1 (nearest, .5 down), linear blends levels floor(d) and floor(d) + 1 by fract(d). */
template <int DIM>
DUET_FN vec<float, 4> duet_tex_sample(const duet_texture_view& v, const duet_sampler& s, vec<float, 3> uvw, unsigned layer,
                                      float level, vec<int, 3> off) {
  float lambda = level == level ? fminf(fmaxf(level, 0.0f), 32.0f) : 0.0f;
  const bool linear = (lambda <= 0.0f ? s.magFilter : s.minFilter) == 1u;
  const float d = fminf(lambda, (float)(v.levels - 1u));
  if (s.mipmapFilter == 0u) return duet_tex_filter<DIM>(v, s, uvw, layer, (unsigned)(ceilf(d + 0.5f) - 1.0f), linear, off);
  const unsigned lo = (unsigned)floorf(d);
  const float delta = d - (float)lo;
  const vec<float, 4> a = duet_tex_filter<DIM>(v, s, uvw, layer, lo, linear, off);
  if (delta == 0.0f) return a;
  return duet_tex_lerp(a, duet_tex_filter<DIM>(v, s, uvw, layer, duet_tex_min(lo + 1u, v.levels - 1u), linear, off), delta);
}
template <int DIM, class C, class L>
DUET_FN vec<float, 4> duet_texture_sample_level(const duet_texture<DIM, float>& t, const duet_sampler& s, const C& coords, L level) {
  static_assert(DIM != DUET_TEX_2D_ARRAY, "textureSampleLevel of a texture_2d_array takes a layer");
  return duet_tex_sample<DIM>(t.v, s, duet_tex_fcoords(coords), 0u, (float)level, vec<int, 3>{0, 0, 0});
}
template <int DIM, class C, class L, int N>
DUET_FN vec<float, 4> duet_texture_sample_level(const duet_texture<DIM, float>& t, const duet_sampler& s, const C& coords, L level,
                                                const vec<int, N>& offset) {
  static_assert(DIM != DUET_TEX_2D_ARRAY, "textureSampleLevel of a texture_2d_array takes a layer");
  return duet_tex_sample<DIM>(t.v, s, duet_tex_fcoords(coords), 0u, (float)level, duet_tex_offset(offset));
}
template <class A, class L>
DUET_FN vec<float, 4> duet_texture_sample_level(const duet_texture<DUET_TEX_2D_ARRAY, float>& t, const duet_sampler& s,
                                                const vec<float, 2>& coords, A layer, L level) {
  return duet_tex_sample<DUET_TEX_2D_ARRAY>(t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth), (float)level,
                                            vec<int, 3>{0, 0, 0});
}
template <class A, class L>
DUET_FN vec<float, 4> duet_texture_sample_level(const duet_texture<DUET_TEX_2D_ARRAY, float>& t, const duet_sampler& s,
                                                const vec<float, 2>& coords, A layer, L level, const vec<int, 2>& offset) {
  return duet_tex_sample<DUET_TEX_2D_ARRAY>(t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth), (float)level,
                                            duet_tex_offset(offset));
}

/* textureSampleBaseClampToEdge (WGSL 16.7.7): level 0, coordinates clamped to half a texel inside the edges. */
DUET_FN vec<float, 4> duet_texture_sample_base_clamp_to_edge(const duet_texture<DUET_TEX_2D, float>& t, const duet_sampler& s,
                                                             const vec<float, 2>& coords) {
  const float hx = 0.5f / (float)t.v.width, hy = 0.5f / (float)t.v.height;
  const vec<float, 3> c = {fminf(fmaxf(coords.x, hx), 1.0f - hx), fminf(fmaxf(coords.y, hy), 1.0f - hy), 0.0f};
  return duet_tex_filter<DUET_TEX_2D>(t.v, s, c, 0u, 0u, s.magFilter == 1u, vec<int, 3>{0, 0, 0});
}

/* textureGather (WGSL 16.7.2): component `c` of the four texels linear filtering would read at level 0
 * (address modes apply, filters do not), in the order (u0, v1), (u1, v1), (u1, v0), (u0, v0). A
 * component the format lacks reads 0 (alpha 1). On a cube (DIM DUET_TEX_CUBE) they are the seamless
 * filter's, across face edges (Vulkan "Texel Gathering" reads the VK_FILTER_LINEAR texels). */
template <class T, int DIM = DUET_TEX_2D>
DUET_FN vec<T, 4> duet_tex_gather(unsigned c, const duet_texture_view& v, const duet_sampler& s, vec<float, 3> uv, unsigned layer,
                                  vec<int, 3> off) {
  const duet_tex_level L = duet_texture_level<DUET_TEX_2D>(v, 0u);
  if (DIM == DUET_TEX_CUBE) {
    vec<T, 4> t[4];
    duet_tex_cube_read<T>(v, duet_tex_cube_footprint(v, L, uv, layer), t);
    return vec<T, 4>{t[0][c], t[1][c], t[2][c], t[3][c]};
  }
  const duet_tex_axis X = duet_tex_axis_at(uv.x, L.w, off.x, s.addressU, true);
  const duet_tex_axis Y = duet_tex_axis_at(uv.y, L.h, off.y, s.addressV, true);
#define DUET_TEX_AT(I, J) \
  duet_texel_codec<T>::decode(duet_tex_texel(v, L, (unsigned)(I), (unsigned)(J), layer), v.storage, v.channels, v.flags)[c]
  return vec<T, 4>{DUET_TEX_AT(X.i0, Y.i1), DUET_TEX_AT(X.i1, Y.i1), DUET_TEX_AT(X.i1, Y.i0), DUET_TEX_AT(X.i0, Y.i0)};
#undef DUET_TEX_AT
}
template <class K, class T>
DUET_FN vec<T, 4> duet_texture_gather(K component, const duet_texture<DUET_TEX_2D, T>& t, const duet_sampler& s,
                                      const vec<float, 2>& coords) {
  return duet_tex_gather<T>((unsigned)component, t.v, s, duet_tex_fcoords(coords), 0u, vec<int, 3>{0, 0, 0});
}
template <class K, class T>
DUET_FN vec<T, 4> duet_texture_gather(K component, const duet_texture<DUET_TEX_2D, T>& t, const duet_sampler& s,
                                      const vec<float, 2>& coords, const vec<int, 2>& offset) {
  return duet_tex_gather<T>((unsigned)component, t.v, s, duet_tex_fcoords(coords), 0u, duet_tex_offset(offset));
}
template <class K, class T, class A>
DUET_FN vec<T, 4> duet_texture_gather(K component, const duet_texture<DUET_TEX_2D_ARRAY, T>& t, const duet_sampler& s,
                                      const vec<float, 2>& coords, A layer) {
  return duet_tex_gather<T>((unsigned)component, t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth),
                            vec<int, 3>{0, 0, 0});
}
template <class K, class T, class A>
DUET_FN vec<T, 4> duet_texture_gather(K component, const duet_texture<DUET_TEX_2D_ARRAY, T>& t, const duet_sampler& s,
                                      const vec<float, 2>& coords, A layer, const vec<int, 2>& offset) {
  return duet_tex_gather<T>((unsigned)component, t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth),
                            duet_tex_offset(offset));
}

/* ---------------------------------------------------------------- depth textures ------------- */
/* textureLoad, textureSampleLevel and textureGather of a texture_depth_2d[_array] (WGSL 16.7.3, 16.7.8,
 * 16.7.2): a depth texture's texel is its first channel, so these read as their duet_texture<DIM, float>
 * counterparts and keep .x (a scalar result) or gather component 0. A depth sampleLevel's level is an
 * integer (i32 or u32). */
template <class C, class L> DUET_FN float duet_texture_load(const duet_depth_texture<DUET_TEX_2D>& t, const C& coords, L level) {
  return duet_tex_load<DUET_TEX_2D, float>(t.v, duet_tex_icoords(coords), 0u, (unsigned)level).x;
}
template <class C, class A, class L>
DUET_FN float duet_texture_load(const duet_depth_texture<DUET_TEX_2D_ARRAY>& t, const C& coords, A layer, L level) {
  return duet_tex_load<DUET_TEX_2D_ARRAY, float>(t.v, duet_tex_icoords(coords), (unsigned)layer, (unsigned)level).x;
}
/* An integer level as a float lambda: a negative i32 is level 0 (lambda clamps at 0), as a huge u32 is the last. */
template <class L> DUET_FN float duet_tex_int_level(L level) { return (float)level; }
template <class L>
DUET_FN float duet_texture_sample_level(const duet_depth_texture<DUET_TEX_2D>& t, const duet_sampler& s, const vec<float, 2>& coords,
                                        L level) {
  return duet_tex_sample<DUET_TEX_2D>(t.v, s, duet_tex_fcoords(coords), 0u, duet_tex_int_level(level), vec<int, 3>{0, 0, 0}).x;
}
template <class L>
DUET_FN float duet_texture_sample_level(const duet_depth_texture<DUET_TEX_2D>& t, const duet_sampler& s, const vec<float, 2>& coords,
                                        L level, const vec<int, 2>& offset) {
  return duet_tex_sample<DUET_TEX_2D>(t.v, s, duet_tex_fcoords(coords), 0u, duet_tex_int_level(level), duet_tex_offset(offset)).x;
}
template <class A, class L>
DUET_FN float duet_texture_sample_level(const duet_depth_texture<DUET_TEX_2D_ARRAY>& t, const duet_sampler& s,
                                        const vec<float, 2>& coords, A layer, L level) {
  return duet_tex_sample<DUET_TEX_2D_ARRAY>(t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth),
                                            duet_tex_int_level(level), vec<int, 3>{0, 0, 0}).x;
}
template <class A, class L>
DUET_FN float duet_texture_sample_level(const duet_depth_texture<DUET_TEX_2D_ARRAY>& t, const duet_sampler& s,
                                        const vec<float, 2>& coords, A layer, L level, const vec<int, 2>& offset) {
  return duet_tex_sample<DUET_TEX_2D_ARRAY>(t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth),
                                            duet_tex_int_level(level), duet_tex_offset(offset)).x;
}
DUET_FN vec<float, 4> duet_texture_gather(const duet_depth_texture<DUET_TEX_2D>& t, const duet_sampler& s, const vec<float, 2>& coords) {
  return duet_tex_gather<float>(0u, t.v, s, duet_tex_fcoords(coords), 0u, vec<int, 3>{0, 0, 0});
}
DUET_FN vec<float, 4> duet_texture_gather(const duet_depth_texture<DUET_TEX_2D>& t, const duet_sampler& s, const vec<float, 2>& coords,
                                          const vec<int, 2>& offset) {
  return duet_tex_gather<float>(0u, t.v, s, duet_tex_fcoords(coords), 0u, duet_tex_offset(offset));
}
template <class A>
DUET_FN vec<float, 4> duet_texture_gather(const duet_depth_texture<DUET_TEX_2D_ARRAY>& t, const duet_sampler& s,
                                          const vec<float, 2>& coords, A layer) {
  return duet_tex_gather<float>(0u, t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth), vec<int, 3>{0, 0, 0});
}
template <class A>
DUET_FN vec<float, 4> duet_texture_gather(const duet_depth_texture<DUET_TEX_2D_ARRAY>& t, const duet_sampler& s,
                                          const vec<float, 2>& coords, A layer, const vec<int, 2>& offset) {
  return duet_tex_gather<float>(0u, t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth), duet_tex_offset(offset));
}

/* ---------------------------------------------------------------- depth comparison ----------- */
/* GPUCompareFunction (WebGPU 7.1.2): the reference passes against the texel's depth d when
 * 1 never, 2 ref < d, 3 ref == d, 4 ref <= d, 5 ref > d, 6 ref != d, 7 ref >= d, 8 always; 1.0 or 0.0. */
DUET_FN float duet_tex_compare(unsigned fn, float ref, float d) {
  bool pass;
  switch (fn) {
    case 2u: pass = ref < d; break;
    case 3u: pass = ref == d; break;
    case 4u: pass = ref <= d; break;
    case 5u: pass = ref > d; break;
    case 6u: pass = ref != d; break;
    case 7u: pass = ref >= d; break;
    case 8u: pass = true; break;
    default: pass = false; break;
  }
  return pass ? 1.0f : 0.0f;
}
/* The four texels linear filtering reads at level 0 (nearest: the one texel four times), each compared
 * with the reference before any filtering (Vulkan "Depth Compare Operation", which WebGPU follows; for a
 * unorm depth format the reference is clamped to [0, 1] first), in textureGather's order (u0, v1),
 * (u1, v1), (u1, v0), (u0, v0); *wx, *wy get the linear weights of u1 and v1. A linear cube lookup
 * reads across face edges, a corner's depth the mean of the other three (edge handling comes before the
 * depth compare in Vulkan's texel input operations). */
template <int DIM = DUET_TEX_2D>
DUET_FN vec<float, 4> duet_tex_compare_quad(const duet_texture_view& v, const duet_sampler& s, vec<float, 3> uv, unsigned layer,
                                            float ref, vec<int, 3> off, bool linear, float* wx, float* wy) {
  const duet_tex_level L = duet_texture_level<DUET_TEX_2D>(v, 0u);
  if (v.storage == DUET_TEXEL_DEPTH16UNORM) ref = ref == ref ? fminf(fmaxf(ref, 0.0f), 1.0f) : 0.0f;
  if (DIM == DUET_TEX_CUBE && linear) {
    const duet_tex_cube_quad q = duet_tex_cube_footprint(v, L, uv, layer);
    vec<float, 4> t[4];
    duet_tex_cube_read<float>(v, q, t);
    *wx = q.a;
    *wy = q.b;
    return vec<float, 4>{duet_tex_compare(s.compare, ref, t[0].x), duet_tex_compare(s.compare, ref, t[1].x),
                         duet_tex_compare(s.compare, ref, t[2].x), duet_tex_compare(s.compare, ref, t[3].x)};
  }
  const duet_tex_axis X = duet_tex_axis_at(uv.x, L.w, off.x, s.addressU, linear);
  const duet_tex_axis Y = duet_tex_axis_at(uv.y, L.h, off.y, s.addressV, linear);
  *wx = X.a;
  *wy = Y.a;
#define DUET_TEX_AT(I, J)                                                                                                    \
  duet_tex_compare(s.compare, ref,                                                                                           \
                   duet_texel_codec<float>::decode(duet_tex_texel(v, L, (unsigned)(I), (unsigned)(J), layer), v.storage, \
                                                   v.channels, v.flags).x)
  return vec<float, 4>{DUET_TEX_AT(X.i0, Y.i1), DUET_TEX_AT(X.i1, Y.i1), DUET_TEX_AT(X.i1, Y.i0), DUET_TEX_AT(X.i0, Y.i0)};
#undef DUET_TEX_AT
}
/* textureSampleCompareLevel (WGSL 16.7.9): level 0, so the magFilter; linear blends the four results
 * (percentage-closer filtering). */
template <int DIM = DUET_TEX_2D>
DUET_FN float duet_tex_sample_compare(const duet_texture_view& v, const duet_sampler& s, vec<float, 3> uv, unsigned layer, float ref,
                                      vec<int, 3> off) {
  float wx, wy;
  const bool linear = s.magFilter == 1u;
  const vec<float, 4> q = duet_tex_compare_quad<DIM>(v, s, uv, layer, ref, off, linear, &wx, &wy);
  if (!linear) return q.w;
  const float top = q.w + (q.z - q.w) * wx, bottom = q.x + (q.y - q.x) * wx;
  return top + (bottom - top) * wy;
}
template <class R>
DUET_FN float duet_texture_sample_compare_level(const duet_depth_texture<DUET_TEX_2D>& t, const duet_sampler_comparison& s,
                                                const vec<float, 2>& coords, R ref) {
  return duet_tex_sample_compare(t.v, s, duet_tex_fcoords(coords), 0u, (float)ref, vec<int, 3>{0, 0, 0});
}
template <class R>
DUET_FN float duet_texture_sample_compare_level(const duet_depth_texture<DUET_TEX_2D>& t, const duet_sampler_comparison& s,
                                                const vec<float, 2>& coords, R ref, const vec<int, 2>& offset) {
  return duet_tex_sample_compare(t.v, s, duet_tex_fcoords(coords), 0u, (float)ref, duet_tex_offset(offset));
}
template <class A, class R>
DUET_FN float duet_texture_sample_compare_level(const duet_depth_texture<DUET_TEX_2D_ARRAY>& t, const duet_sampler_comparison& s,
                                                const vec<float, 2>& coords, A layer, R ref) {
  return duet_tex_sample_compare(t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth), (float)ref, vec<int, 3>{0, 0, 0});
}
template <class A, class R>
DUET_FN float duet_texture_sample_compare_level(const duet_depth_texture<DUET_TEX_2D_ARRAY>& t, const duet_sampler_comparison& s,
                                                const vec<float, 2>& coords, A layer, R ref, const vec<int, 2>& offset) {
  return duet_tex_sample_compare(t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth), (float)ref,
                                 duet_tex_offset(offset));
}
/* textureGatherCompare (WGSL 16.7.3): the four comparisons of textureGather's texels, unfiltered. */
template <int DIM = DUET_TEX_2D>
DUET_FN vec<float, 4> duet_tex_gather_compare(const duet_texture_view& v, const duet_sampler& s, vec<float, 3> uv, unsigned layer,
                                              float ref, vec<int, 3> off) {
  float wx, wy;
  return duet_tex_compare_quad<DIM>(v, s, uv, layer, ref, off, true, &wx, &wy);
}
template <class R>
DUET_FN vec<float, 4> duet_texture_gather_compare(const duet_depth_texture<DUET_TEX_2D>& t, const duet_sampler_comparison& s,
                                                  const vec<float, 2>& coords, R ref) {
  return duet_tex_gather_compare(t.v, s, duet_tex_fcoords(coords), 0u, (float)ref, vec<int, 3>{0, 0, 0});
}
template <class R>
DUET_FN vec<float, 4> duet_texture_gather_compare(const duet_depth_texture<DUET_TEX_2D>& t, const duet_sampler_comparison& s,
                                                  const vec<float, 2>& coords, R ref, const vec<int, 2>& offset) {
  return duet_tex_gather_compare(t.v, s, duet_tex_fcoords(coords), 0u, (float)ref, duet_tex_offset(offset));
}
template <class A, class R>
DUET_FN vec<float, 4> duet_texture_gather_compare(const duet_depth_texture<DUET_TEX_2D_ARRAY>& t, const duet_sampler_comparison& s,
                                                  const vec<float, 2>& coords, A layer, R ref) {
  return duet_tex_gather_compare(t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth), (float)ref, vec<int, 3>{0, 0, 0});
}
template <class A, class R>
DUET_FN vec<float, 4> duet_texture_gather_compare(const duet_depth_texture<DUET_TEX_2D_ARRAY>& t, const duet_sampler_comparison& s,
                                                  const vec<float, 2>& coords, A layer, R ref, const vec<int, 2>& offset) {
  return duet_tex_gather_compare(t.v, s, duet_tex_fcoords(coords), duet_tex_layer(layer, t.v.depth), (float)ref,
                                 duet_tex_offset(offset));
}

/* ---------------------------------------------------------------- cube textures -------------- */
/* Cube sampling ignores the sampler's address modes: nearest lookups clamp to the face's edge, linear ones
 * and gathers read across it (duet_tex_cube_footprint). */
DUET_FN duet_sampler duet_tex_cube_sampler(const duet_sampler& s) {
  duet_sampler c = s;
  c.addressU = c.addressV = c.addressW = 0u;
  return c;
}
/* The layer of face `face` of cube `cube` (clamped to the cubes there are, as a layer is); a refused view
 * (duet_texture_refuse: one layer, no whole cube) reads its only layer, so even a lookup the entry never
 * makes stays in its sink. */
template <class A> DUET_FN unsigned duet_tex_cube_layer(A cube, unsigned layers, unsigned face) {
  return layers < 6u ? 0u : duet_tex_layer(cube, layers / 6u) * 6u + face;
}

/* textureSampleLevel, textureGather, textureSampleCompareLevel and textureGatherCompare on cubes (WGSL
 * 16.7): the lookup on the direction's face at its layer, no offsets, seamless (duet_tex_filter,
 * duet_tex_gather, duet_tex_compare_quad with DIM DUET_TEX_CUBE). */
template <class L>
DUET_FN vec<float, 4> duet_texture_sample_level(const duet_texture<DUET_TEX_CUBE, float>& t, const duet_sampler& s,
                                                const vec<float, 3>& coords, L level) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_sample<DUET_TEX_CUBE>(t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(0u, t.v.depth, c.face), (float)level, vec<int, 3>{0, 0, 0});
}
template <class A, class L>
DUET_FN vec<float, 4> duet_texture_sample_level(const duet_texture<DUET_TEX_CUBE_ARRAY, float>& t, const duet_sampler& s,
                                                const vec<float, 3>& coords, A cube, L level) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_sample<DUET_TEX_CUBE>(t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(cube, t.v.depth, c.face),
                                            (float)level, vec<int, 3>{0, 0, 0});
}
template <class L>
DUET_FN float duet_texture_sample_level(const duet_depth_texture<DUET_TEX_CUBE>& t, const duet_sampler& s, const vec<float, 3>& coords,
                                        L level) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_sample<DUET_TEX_CUBE>(t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(0u, t.v.depth, c.face), duet_tex_int_level(level),
                                            vec<int, 3>{0, 0, 0}).x;
}
template <class A, class L>
DUET_FN float duet_texture_sample_level(const duet_depth_texture<DUET_TEX_CUBE_ARRAY>& t, const duet_sampler& s,
                                        const vec<float, 3>& coords, A cube, L level) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_sample<DUET_TEX_CUBE>(t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(cube, t.v.depth, c.face),
                                            duet_tex_int_level(level), vec<int, 3>{0, 0, 0}).x;
}
template <class K, class T>
DUET_FN vec<T, 4> duet_texture_gather(K component, const duet_texture<DUET_TEX_CUBE, T>& t, const duet_sampler& s,
                                      const vec<float, 3>& coords) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_gather<T, DUET_TEX_CUBE>((unsigned)component, t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(0u, t.v.depth, c.face), vec<int, 3>{0, 0, 0});
}
template <class K, class T, class A>
DUET_FN vec<T, 4> duet_texture_gather(K component, const duet_texture<DUET_TEX_CUBE_ARRAY, T>& t, const duet_sampler& s,
                                      const vec<float, 3>& coords, A cube) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_gather<T, DUET_TEX_CUBE>((unsigned)component, t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(cube, t.v.depth, c.face),
                            vec<int, 3>{0, 0, 0});
}
DUET_FN vec<float, 4> duet_texture_gather(const duet_depth_texture<DUET_TEX_CUBE>& t, const duet_sampler& s, const vec<float, 3>& coords) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_gather<float, DUET_TEX_CUBE>(0u, t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(0u, t.v.depth, c.face), vec<int, 3>{0, 0, 0});
}
template <class A>
DUET_FN vec<float, 4> duet_texture_gather(const duet_depth_texture<DUET_TEX_CUBE_ARRAY>& t, const duet_sampler& s,
                                          const vec<float, 3>& coords, A cube) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_gather<float, DUET_TEX_CUBE>(0u, t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(cube, t.v.depth, c.face),
                                vec<int, 3>{0, 0, 0});
}
template <class R>
DUET_FN float duet_texture_sample_compare_level(const duet_depth_texture<DUET_TEX_CUBE>& t, const duet_sampler_comparison& s,
                                                const vec<float, 3>& coords, R ref) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_sample_compare<DUET_TEX_CUBE>(t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(0u, t.v.depth, c.face), (float)ref, vec<int, 3>{0, 0, 0});
}
template <class A, class R>
DUET_FN float duet_texture_sample_compare_level(const duet_depth_texture<DUET_TEX_CUBE_ARRAY>& t, const duet_sampler_comparison& s,
                                                const vec<float, 3>& coords, A cube, R ref) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_sample_compare<DUET_TEX_CUBE>(t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(cube, t.v.depth, c.face), (float)ref,
                                 vec<int, 3>{0, 0, 0});
}
template <class R>
DUET_FN vec<float, 4> duet_texture_gather_compare(const duet_depth_texture<DUET_TEX_CUBE>& t, const duet_sampler_comparison& s,
                                                  const vec<float, 3>& coords, R ref) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_gather_compare<DUET_TEX_CUBE>(t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(0u, t.v.depth, c.face), (float)ref, vec<int, 3>{0, 0, 0});
}
template <class A, class R>
DUET_FN vec<float, 4> duet_texture_gather_compare(const duet_depth_texture<DUET_TEX_CUBE_ARRAY>& t, const duet_sampler_comparison& s,
                                                  const vec<float, 3>& coords, A cube, R ref) {
  const duet_cube_at c = duet_tex_cube_face(coords);
  return duet_tex_gather_compare<DUET_TEX_CUBE>(t.v, duet_tex_cube_sampler(s), c.st, duet_tex_cube_layer(cube, t.v.depth, c.face), (float)ref,
                                 vec<int, 3>{0, 0, 0});
}

/* @end-sections */

#endif /* DUET_COMMON_H */
