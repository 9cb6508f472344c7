/* The texture runtime of compiler/preludes/common.h (section textures), driven directly: slots with
 * hand-written headers, expected values computed by hand from WebGPU 26.1 / WGSL 16.7 / Vulkan's
 * texel rules. Every slot is its own heap block of exactly its byte size, so under AddressSanitizer a
 * read or write outside a slot (a hostile header, an out-of-range coordinate) fails the run.
 * Built and run by textures.test.ts after the common prelude; prints "failures N". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
#define CHECK(...)                                                          \
  do {                                                                      \
    if (!(__VA_ARGS__)) {                                                   \
      failures++;                                                           \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #__VA_ARGS__); \
    }                                                                       \
  } while (0)
#define NEAR(a, b) CHECK(fabsf((float)(a) - (float)(b)) <= 1e-6f * fmaxf(1.0f, fabsf((float)(b))))
#define VEC4(v, a, b, c, d) \
  do {                      \
    NEAR((v).x, a);         \
    NEAR((v).y, b);         \
    NEAR((v).z, c);         \
    NEAR((v).w, d);         \
  } while (0)
#define IVEC4(v, a, b, c, d) CHECK((v).x == (a) && (v).y == (b) && (v).z == (c) && (v).w == (d))

/* Values through a volatile, so nothing folds at compile time (as a kernel's run-time values). */
template <class T> static T rt(T v) {
  volatile T x = v;
  return x;
}

/* A format's code by its WebGPU name (the table spells '-' as '_'). */
static unsigned code(const char* webgpuName) {
  char name[64];
  snprintf(name, sizeof name, "%s", webgpuName);
  for (char* c = name; *c; c++)
    if (*c == '-') *c = '_';
#define NAME_ROW(CODE, NAME, CH, ST, TB, FL) \
  if (!strcmp(#NAME, name)) return CODE;
  duet_texture_formats(NAME_ROW)
#undef NAME_ROW
  fprintf(stderr, "no format %s\n", name);
  exit(2);
}

/* A texture slot: header + texels, in a heap block of exactly `bytes` (32 + the levels' texels unless a
 * test asks for another size). */
struct Slot {
  unsigned char* p;
  unsigned long long bytes;
  unsigned* words() { return (unsigned*)p; }
  unsigned char* texels() { return p + 32; }
  ~Slot() { free(p); }
};
static unsigned long long levels_bytes(unsigned w, unsigned h, unsigned d, unsigned levels, unsigned dim, unsigned tb) {
  unsigned long long n = 0;
  for (unsigned l = 0; l < levels; l++) {
    unsigned long long lw = w >> l ? w >> l : 1, lh = h >> l ? h >> l : 1, ld = dim == 4 ? (d >> l ? d >> l : 1) : d;
    n += lw * lh * ld * tb;
  }
  return n;
}
static Slot* slot(const char* fmt, unsigned dim, unsigned w, unsigned h = 1, unsigned d = 1, unsigned levels = 1,
                  long long extra = 0) {
  duet_texel_layout f;
  duet_texture_format_at(code(fmt), &f);
  Slot* s = new Slot;
  s->bytes = 32 + levels_bytes(w, h, d, levels, dim, f.texelBytes) + extra;
  s->p = (unsigned char*)malloc(s->bytes ? s->bytes : 1);
  memset(s->p, 0, s->bytes);
  unsigned hdr[8] = {code(fmt), w, h, d, levels, dim, f.texelBytes, 0};
  memcpy(s->p, hdr, s->bytes < 32 ? s->bytes : 32);
  return s;
}
static void put_f32(Slot* s, unsigned i, float v) { memcpy(s->texels() + 4 * i, &v, 4); }
static unsigned word_at(Slot* s, unsigned byte) {
  unsigned w;
  memcpy(&w, s->texels() + byte, 4);
  return w;
}

static duet_sampler sampler(unsigned mag, unsigned min, unsigned mip, unsigned u, unsigned v = 0, unsigned w = 0) {
  unsigned d[8] = {mag, min, mip, u, v, w, 0, 0};
  duet_sampler s;
  bool fits = true;
  s.bind((unsigned char*)d, 32, &fits);
  CHECK(fits);
  return s;
}

template <int DIM, class T> static duet_texture<DIM, T> sampled(Slot* s) {
  duet_texture<DIM, T> t;
  bool fits = true;
  t.bind(s->p, s->bytes, &fits);
  CHECK(fits);
  return t;
}
template <int DIM, int FMT, int ACCESS> static duet_storage_texture<DIM, FMT, ACCESS> storage(Slot* s) {
  duet_storage_texture<DIM, FMT, ACCESS> t;
  bool fits = true;
  t.bind(s->p, s->bytes, &fits);
  CHECK(fits);
  return t;
}

/* One texel of `fmt` holding `bytes`, read through textureLoad as T. */
template <class T> static vec<T, 4> load1(const char* fmt, const void* bytes, unsigned n) {
  Slot* s = slot(fmt, 2, 1, 1);
  memcpy(s->texels(), bytes, n);
  vec<T, 4> r = duet_texture_load(sampled<DUET_TEX_2D, T>(s), vec<int, 2>{rt(0), rt(0)}, rt(0));
  delete s;
  return r;
}

static void decoding() {
  const unsigned char u8[4] = {0, 255, 128, 51};
  VEC4(load1<float>("r8unorm", u8 + 1, 1), 1.0f, 0.0f, 0.0f, 1.0f); /* missing components 0, alpha 1 */
  VEC4(load1<float>("rg8unorm", u8 + 2, 2), 128.0f / 255.0f, 51.0f / 255.0f, 0.0f, 1.0f);
  VEC4(load1<float>("rgba8unorm", u8, 4), 0.0f, 1.0f, 128.0f / 255.0f, 0.2f);
  const signed char s8[4] = {-128, -127, 127, 64};
  VEC4(load1<float>("rgba8snorm", s8, 4), -1.0f, -1.0f, 1.0f, 64.0f / 127.0f); /* -128 clamps to -1 */
  VEC4(load1<float>("r8snorm", s8 + 3, 1), 64.0f / 127.0f, 0.0f, 0.0f, 1.0f);
  /* sRGB: colour channels through the sRGB EOTF, alpha linear. 128/255 = 0.50196 -> 0.21586. */
  const unsigned char srgb[4] = {128, 10, 255, 128};
  const vec<float, 4> sr = load1<float>("rgba8unorm-srgb", srgb, 4);
  CHECK(fabsf(sr.x - 0.2158605f) < 1e-6f && fabsf(sr.y - (10.0f / 255.0f) / 12.92f) < 1e-7f && sr.z == 1.0f);
  NEAR(sr.w, 128.0f / 255.0f);
  /* bgra: stored b, g, r, a; read as rgba. */
  const unsigned char bgra[4] = {10, 20, 30, 40};
  VEC4(load1<float>("bgra8unorm", bgra, 4), 30.0f / 255.0f, 20.0f / 255.0f, 10.0f / 255.0f, 40.0f / 255.0f);
  const vec<float, 4> bs = load1<float>("bgra8unorm-srgb", srgb, 4); /* r <- byte 2 = 255, b <- byte 0 = 128 */
  CHECK(bs.x == 1.0f && fabsf(bs.z - 0.2158605f) < 1e-6f);
  /* f16: 1, -2, the largest finite, the smallest subnormal. */
  const unsigned short h[4] = {0x3c00, 0xc000, 0x7bff, 0x0001};
  VEC4(load1<float>("rgba16float", h, 8), 1.0f, -2.0f, 65504.0f, 5.9604644775390625e-8f);
  VEC4(load1<float>("rg16float", h, 4), 1.0f, -2.0f, 0.0f, 1.0f);
  const float f32[4] = {1.5f, -0.0f, 3e38f, -7.25f};
  VEC4(load1<float>("rgba32float", f32, 16), 1.5f, 0.0f, 3e38f, -7.25f);
  VEC4(load1<float>("rg32float", f32, 8), 1.5f, 0.0f, 0.0f, 1.0f);
  VEC4(load1<float>("r32float", f32 + 3, 4), -7.25f, 0.0f, 0.0f, 1.0f);
  /* Packed: rgb10a2unorm r = 1023, g = 0, b = 512, a = 2. */
  const unsigned p10 = 1023u | (0u << 10) | (512u << 20) | (2u << 30);
  VEC4(load1<float>("rgb10a2unorm", &p10, 4), 1.0f, 0.0f, 512.0f / 1023.0f, 2.0f / 3.0f);
  IVEC4(load1<unsigned>("rgb10a2uint", &p10, 4), 1023u, 0u, 512u, 2u);
  /* rg11b10ufloat: r = 1.0 (e 15, m 0), g = 0.5 + 0.5/64 (e 14, m 1), b = 2.0 (e 16, m 0); subnormal and inf. */
  const unsigned p11 = (15u << 6) | (((14u << 6) | 1u) << 11) | ((16u << 5) << 22);
  VEC4(load1<float>("rg11b10ufloat", &p11, 4), 1.0f, 0.5f * (1.0f + 1.0f / 64.0f), 2.0f, 1.0f);
  const unsigned p11b = 1u | ((31u << 6) << 11);
  const vec<float, 4> s11 = load1<float>("rg11b10ufloat", &p11b, 4);
  CHECK(s11.x == ldexpf(1.0f, -20) && isinf(s11.y) && s11.z == 0.0f);
  /* rgb9e5ufloat: exponent 24 means mantissa * 2^0. */
  const unsigned p9 = 1u | (3u << 9) | (511u << 18) | (24u << 27);
  VEC4(load1<float>("rgb9e5ufloat", &p9, 4), 1.0f, 3.0f, 511.0f, 1.0f);
  /* Integers: sign-extended or zero-extended, missing components 0, alpha 1. */
  const signed char i8[4] = {-1, -128, 127, 5};
  IVEC4(load1<int>("rgba8sint", i8, 4), -1, -128, 127, 5);
  IVEC4(load1<int>("r8sint", i8, 1), -1, 0, 0, 1);
  IVEC4(load1<unsigned>("rg8uint", u8 + 1, 2), 255u, 128u, 0u, 1u);
  const short i16[4] = {-32768, 32767, -2, 0};
  IVEC4(load1<int>("rgba16sint", i16, 8), -32768, 32767, -2, 0);
  const unsigned short u16[2] = {65535, 7};
  IVEC4(load1<unsigned>("rg16uint", u16, 4), 65535u, 7u, 0u, 1u);
  IVEC4(load1<unsigned>("r16uint", u16, 2), 65535u, 0u, 0u, 1u);
  const unsigned u32[4] = {0xffffffffu, 1u, 2u, 0x80000000u};
  IVEC4(load1<unsigned>("rgba32uint", u32, 16), 0xffffffffu, 1u, 2u, 0x80000000u);
  IVEC4(load1<int>("rg32sint", u32, 8), -1, 1, 0, 1);
}

/* One texel of a 1x1 storage texture after textureStore(value), as bytes. */
template <int FMT, class T> static void store1(vec<T, 4> value, unsigned char out[16]) {
  duet_texel_layout f;
  duet_texture_format_at(FMT, &f);
  Slot* s = slot("r8unorm", 2, 1, 1); /* header rewritten below */
  delete s;
  s = new Slot;
  s->bytes = 32 + f.texelBytes;
  s->p = (unsigned char*)malloc(s->bytes);
  unsigned hdr[8] = {(unsigned)FMT, 1, 1, 1, 1, 2, f.texelBytes, 0};
  memcpy(s->p, hdr, 32);
  memset(s->texels(), 0xEE, f.texelBytes);
  duet_texture_store(storage<DUET_TEX_2D, FMT, DUET_TEX_WRITE>(s), vec<unsigned, 2>{rt(0u), rt(0u)}, value);
  memset(out, 0, 16);
  memcpy(out, s->texels(), f.texelBytes);
  delete s;
}
#define FMT(name) duet_tex_fmt_##name
enum {
#define ENUM_ROW(CODE, NAME, CH, ST, TB, FL) FMT(NAME) = CODE,
  duet_texture_formats(ENUM_ROW)
#undef ENUM_ROW
};

static void encoding() {
  unsigned char b[16];
  /* unorm8: clamp, *255, nearest with ties to even: 0.5 -> 127.5 -> 128; 0.25 -> 63.75 -> 64; NaN -> 0. */
  store1<FMT(rgba8unorm)>(vec<float, 4>{rt(0.5f), rt(2.0f), rt(-0.25f), rt(0.25f)}, b);
  IVEC4((vec<unsigned, 4>{b[0], b[1], b[2], b[3]}), 128u, 255u, 0u, 64u);
  store1<FMT(rgba8unorm)>(vec<float, 4>{rt(NAN), rt(1.0f / 255.0f), rt(254.5f / 255.0f), rt(1.0f)}, b);
  IVEC4((vec<unsigned, 4>{b[0], b[1], b[2], b[3]}), 0u, 1u, 254u, 255u); /* 254.5/255*255 rounds to 254.49998 */
  /* snorm8: clamp to [-1, 1], *127, ties to even: -0.5 -> -63.5 -> -64 (0xc0), 0.5 -> 63.5 -> 64, NaN -> 0. */
  store1<FMT(rgba8snorm)>(vec<float, 4>{rt(-0.5f), rt(0.5f), rt(-1.5f), rt(NAN)}, b);
  IVEC4((vec<unsigned, 4>{b[0], b[1], b[2], b[3]}), 0xc0u, 64u, 0x81u, 0u);
  /* The byte read back as snorm: -64/127. */
  const signed char back = (signed char)b[0];
  CHECK(back == -64);
  /* f16, round to nearest even: 1 + 2^-11 -> 1 (0x3c00), 1 + 3*2^-11 -> 1 + 2^-9 (0x3c02),
   * 65520 (half-way to 65536) -> inf, -0 kept. */
  store1<FMT(rgba16float)>(vec<float, 4>{rt(1.0f + ldexpf(1.0f, -11)), rt(1.0f + 3.0f * ldexpf(1.0f, -11)), rt(65520.0f), rt(-0.0f)}, b);
  unsigned short h[4];
  memcpy(h, b, 8);
  IVEC4((vec<unsigned, 4>{h[0], h[1], h[2], h[3]}), 0x3c00u, 0x3c02u, 0x7c00u, 0x8000u);
  /* Integers keep their low bits. */
  store1<FMT(rgba8uint)>(vec<unsigned, 4>{rt(300u), rt(255u), rt(256u), rt(0xffffffffu)}, b);
  IVEC4((vec<unsigned, 4>{b[0], b[1], b[2], b[3]}), 44u, 255u, 0u, 255u);
  store1<FMT(rgba8sint)>(vec<int, 4>{rt(-1), rt(200), rt(-129), rt(127)}, b);
  IVEC4((vec<unsigned, 4>{b[0], b[1], b[2], b[3]}), 0xffu, 0xc8u, 0x7fu, 0x7fu);
  store1<FMT(rgba16sint)>(vec<int, 4>{rt(-2), rt(70000), rt(0), rt(1)}, b);
  memcpy(h, b, 8);
  IVEC4((vec<unsigned, 4>{h[0], h[1], h[2], h[3]}), 0xfffeu, (70000u & 0xffffu), 0u, 1u);
  /* bgra8unorm: written b, g, r, a. */
  store1<FMT(bgra8unorm)>(vec<float, 4>{rt(1.0f), rt(0.0f), rt(0.2f), rt(1.0f)}, b);
  IVEC4((vec<unsigned, 4>{b[0], b[1], b[2], b[3]}), 51u, 0u, 255u, 255u);
  /* 32-bit: bits as given; a one-component format writes one component only. */
  store1<FMT(r32float)>(vec<float, 4>{rt(-7.25f), rt(1.0f), rt(2.0f), rt(3.0f)}, b);
  float f;
  memcpy(&f, b, 4);
  CHECK(f == -7.25f);
  store1<FMT(rgba32sint)>(vec<int, 4>{rt(-1), rt(2), rt(-3), rt(4)}, b);
  int iv[4];
  memcpy(iv, b, 16);
  IVEC4((vec<int, 4>{iv[0], iv[1], iv[2], iv[3]}), -1, 2, -3, 4);
  /* Round trip through textureLoad of a read_write storage texture. */
  Slot* s = slot("r32uint", 2, 2, 2);
  duet_storage_texture<DUET_TEX_2D, FMT(r32uint), DUET_TEX_READ_WRITE> t = storage<DUET_TEX_2D, FMT(r32uint), DUET_TEX_READ_WRITE>(s);
  duet_texture_store(t, vec<int, 2>{rt(1), rt(1)}, vec<unsigned, 4>{rt(77u), 0u, 0u, 0u});
  IVEC4(duet_texture_load(t, vec<int, 2>{rt(1), rt(1)}), 77u, 0u, 0u, 1u);
  delete s;
}

/* textureLoad clamps (Tint robustness): coordinates, layer and level into range, negatives via u32. */
static void load_clamping() {
  /* 4x3 rgba8uint, 2 levels (4x3 then 2x1): texel value = 10 * level + index in the level. */
  Slot* s = slot("rgba8uint", 2, 4, 3, 1, 2);
  for (unsigned i = 0; i < 12; i++) s->texels()[4 * i] = (unsigned char)i;
  for (unsigned i = 0; i < 2; i++) s->texels()[48 + 4 * i] = (unsigned char)(10 + i);
  duet_texture<DUET_TEX_2D, unsigned> t = sampled<DUET_TEX_2D, unsigned>(s);
  CHECK(duet_texture_load(t, vec<int, 2>{rt(2), rt(1)}, rt(0)).x == 6u);
  CHECK(duet_texture_load(t, vec<int, 2>{rt(5), rt(1)}, rt(0)).x == 7u);      /* x past the edge: 3 */
  CHECK(duet_texture_load(t, vec<int, 2>{rt(-1), rt(0)}, rt(0)).x == 3u);     /* -1 is 0xffffffff: 3 */
  CHECK(duet_texture_load(t, vec<int, 2>{rt(0), rt(-5)}, rt(0)).x == 8u);     /* y: 2 */
  CHECK(duet_texture_load(t, vec<unsigned, 2>{rt(0x80000000u), rt(9u)}, rt(0u)).x == 11u);
  CHECK(duet_texture_load(t, vec<int, 2>{rt(1), rt(0)}, rt(1)).x == 11u);     /* level 1 */
  CHECK(duet_texture_load(t, vec<int, 2>{rt(3), rt(2)}, rt(7)).x == 11u);     /* level 7 -> 1, coords to its 2x1 */
  CHECK(duet_texture_load(t, vec<int, 2>{rt(0), rt(0)}, rt(-1)).x == 10u);    /* level -1 -> last */
  delete s;
  /* 2d array, 2x1, 3 layers: layer clamps (negative -> last). */
  Slot* a = slot("r32uint", 3, 2, 1, 3);
  for (unsigned i = 0; i < 6; i++) memcpy(a->texels() + 4 * i, &i, 4);
  duet_texture<DUET_TEX_2D_ARRAY, unsigned> ta = sampled<DUET_TEX_2D_ARRAY, unsigned>(a);
  CHECK(duet_texture_load(ta, vec<int, 2>{rt(1), rt(0)}, rt(1), rt(0)).x == 3u);
  CHECK(duet_texture_load(ta, vec<int, 2>{rt(0), rt(0)}, rt(3), rt(0)).x == 4u);
  CHECK(duet_texture_load(ta, vec<int, 2>{rt(0), rt(0)}, rt(-1), rt(0)).x == 4u);
  delete a;
  /* 3d, 2x2x2 with 2 levels: z clamps to the level's depth. */
  Slot* c = slot("r32float", 4, 2, 2, 2, 2);
  for (unsigned i = 0; i < 9; i++) put_f32(c, i, (float)i);
  duet_texture<DUET_TEX_3D, float> t3 = sampled<DUET_TEX_3D, float>(c);
  CHECK(duet_texture_load(t3, vec<int, 3>{rt(1), rt(1), rt(1)}, rt(0)).x == 7.0f);
  CHECK(duet_texture_load(t3, vec<int, 3>{rt(1), rt(0), rt(9)}, rt(0)).x == 5.0f);
  CHECK(duet_texture_load(t3, vec<int, 3>{rt(1), rt(1), rt(1)}, rt(1)).x == 8.0f);
  delete c;
  /* 1d. */
  Slot* o = slot("r8uint", 1, 5);
  for (unsigned i = 0; i < 5; i++) o->texels()[i] = (unsigned char)(i + 1);
  duet_texture<DUET_TEX_1D, unsigned> t1 = sampled<DUET_TEX_1D, unsigned>(o);
  CHECK(duet_texture_load(t1, rt(2), rt(0)).x == 3u && duet_texture_load(t1, rt(99u), rt(0)).x == 5u);
  delete o;
  /* Storage read clamps the same way. */
  Slot* r = slot("r32sint", 3, 2, 2, 2);
  for (int i = 0; i < 8; i++) memcpy(r->texels() + 4 * i, &i, 4);
  duet_storage_texture<DUET_TEX_2D_ARRAY, FMT(r32sint), DUET_TEX_READ> tr = storage<DUET_TEX_2D_ARRAY, FMT(r32sint), DUET_TEX_READ>(r);
  CHECK(duet_texture_load(tr, vec<int, 2>{rt(5), rt(5)}, rt(5)).x == 7);
  CHECK(duet_texture_load(tr, vec<int, 2>{rt(0), rt(1)}, rt(0)).x == 2);
  delete r;
}

/* textureStore outside the texture writes nothing (and nothing outside the slot: ASan). */
static void store_discard() {
  Slot* s = slot("r32uint", 2, 4, 3);
  duet_storage_texture<DUET_TEX_2D, FMT(r32uint), DUET_TEX_WRITE> t = storage<DUET_TEX_2D, FMT(r32uint), DUET_TEX_WRITE>(s);
  const vec<unsigned, 4> v = {rt(9u), 0u, 0u, 0u};
  duet_texture_store(t, vec<int, 2>{rt(4), rt(0)}, v);
  duet_texture_store(t, vec<int, 2>{rt(-1), rt(0)}, v);
  duet_texture_store(t, vec<int, 2>{rt(0), rt(3)}, v);
  duet_texture_store(t, vec<unsigned, 2>{rt(0xffffffffu), rt(0xffffffffu)}, v);
  for (unsigned i = 0; i < 12; i++) CHECK(word_at(s, 4 * i) == 0u);
  duet_texture_store(t, vec<int, 2>{rt(3), rt(2)}, v);
  CHECK(word_at(s, 44) == 9u);
  delete s;
  Slot* a = slot("rgba8unorm", 3, 1, 1, 2);
  duet_storage_texture<DUET_TEX_2D_ARRAY, FMT(rgba8unorm), DUET_TEX_WRITE> ta = storage<DUET_TEX_2D_ARRAY, FMT(rgba8unorm), DUET_TEX_WRITE>(a);
  duet_texture_store(ta, vec<int, 2>{rt(0), rt(0)}, rt(2), vec<float, 4>{1.0f, 1.0f, 1.0f, 1.0f});
  duet_texture_store(ta, vec<int, 2>{rt(0), rt(0)}, rt(-1), vec<float, 4>{1.0f, 1.0f, 1.0f, 1.0f});
  CHECK(word_at(a, 0) == 0u && word_at(a, 4) == 0u);
  duet_texture_store(ta, vec<int, 2>{rt(0), rt(0)}, rt(1), vec<float, 4>{1.0f, 0.0f, 0.0f, 1.0f});
  CHECK(word_at(a, 0) == 0u && word_at(a, 4) == 0xff0000ffu);
  delete a;
  Slot* c = slot("r32float", 4, 2, 2, 2);
  duet_storage_texture<DUET_TEX_3D, FMT(r32float), DUET_TEX_WRITE> t3 = storage<DUET_TEX_3D, FMT(r32float), DUET_TEX_WRITE>(c);
  duet_texture_store(t3, vec<int, 3>{rt(0), rt(0), rt(2)}, vec<float, 4>{5.0f, 0.0f, 0.0f, 0.0f});
  for (unsigned i = 0; i < 8; i++) CHECK(word_at(c, 4 * i) == 0u);
  duet_texture_store(t3, vec<int, 3>{rt(1), rt(1), rt(1)}, vec<float, 4>{5.0f, 0.0f, 0.0f, 0.0f});
  CHECK(word_at(c, 28) == 0x40a00000u);
  delete c;
}

/* A 4x1 r32float texture of 10, 20, 30, 40 (texel centres at u = 0.125, 0.375, 0.625, 0.875). */
static float s4(const duet_sampler& s, float u, float level = 0.0f, vec<int, 2> off = {0, 0}) {
  Slot* sl = slot("r32float", 2, 4, 1);
  for (unsigned i = 0; i < 4; i++) put_f32(sl, i, 10.0f * (float)(i + 1));
  duet_texture<DUET_TEX_2D, float> t = sampled<DUET_TEX_2D, float>(sl);
  const float r = duet_texture_sample_level(t, s, vec<float, 2>{rt(u), rt(0.5f)}, rt(level), off).x;
  delete sl;
  return r;
}

static void address_modes() {
  const duet_sampler nc = sampler(0, 0, 0, 0), nr = sampler(0, 0, 0, 1), nm = sampler(0, 0, 0, 2);
  /* Nearest: texel floor(u * 4), wrapped. */
  CHECK(s4(nc, 0.0f) == 10.0f && s4(nc, 0.2499f) == 10.0f && s4(nc, 0.25f) == 20.0f && s4(nc, 0.99f) == 40.0f);
  CHECK(s4(nc, 1.0f) == 40.0f && s4(nc, -0.1f) == 10.0f && s4(nc, 7.5f) == 40.0f && s4(nc, -1e30f) == 10.0f);
  CHECK(s4(nr, 1.0f) == 10.0f && s4(nr, -0.1f) == 40.0f && s4(nr, 1.3f) == 20.0f && s4(nr, -2.3f) == 30.0f);
  CHECK(s4(nm, 1.0f) == 40.0f && s4(nm, 1.3f) == 30.0f && s4(nm, 1.9f) == 10.0f && s4(nm, 2.1f) == 10.0f);
  CHECK(s4(nm, -0.1f) == 10.0f && s4(nm, -0.3f) == 20.0f && s4(nm, -1.1f) == 40.0f);
  CHECK(s4(nc, NAN) == 10.0f && s4(nr, INFINITY) == 10.0f); /* NaN reads texel 0; +-inf stays bounded */
  /* Linear: texel centres at +0.5; between centres weights in f32. */
  const duet_sampler lc = sampler(1, 1, 0, 0), lr = sampler(1, 1, 0, 1), lm = sampler(1, 1, 0, 2);
  CHECK(s4(lc, 0.125f) == 10.0f && s4(lc, 0.375f) == 20.0f && s4(lc, 0.875f) == 40.0f); /* at centres */
  CHECK(s4(lc, 0.25f) == 15.0f && s4(lc, 0.5f) == 25.0f);                               /* half-way */
  NEAR(s4(lc, 0.3f), 17.0f);
  CHECK(s4(lc, 0.0f) == 10.0f && s4(lc, 1.0f) == 40.0f && s4(lc, -3.0f) == 10.0f); /* at and past the edges */
  CHECK(s4(lr, 0.0f) == 25.0f && s4(lr, 1.0f) == 25.0f && s4(lr, 1.125f) == 10.0f);  /* repeat blends 40 and 10 */
  CHECK(s4(lm, 0.0f) == 10.0f && s4(lm, 1.0f) == 40.0f && s4(lm, 1.25f) == 35.0f);
  /* Per-axis modes: 2x2 (1 2 / 3 4), U repeat, V clamp-to-edge. */
  Slot* q = slot("r32float", 2, 2, 2);
  for (unsigned i = 0; i < 4; i++) put_f32(q, i, (float)(i + 1));
  duet_texture<DUET_TEX_2D, float> t = sampled<DUET_TEX_2D, float>(q);
  const duet_sampler rc = sampler(0, 0, 0, 1, 0);
  CHECK(duet_texture_sample_level(t, rc, vec<float, 2>{rt(1.25f), rt(1.75f)}, rt(0.0f)).x == 3.0f);
  CHECK(duet_texture_sample_level(t, rc, vec<float, 2>{rt(-0.25f), rt(-0.75f)}, rt(0.0f)).x == 2.0f);
  /* Nearest vs linear at centres and between them. */
  const duet_sampler lin = sampler(1, 1, 0, 0, 0);
  CHECK(duet_texture_sample_level(t, lin, vec<float, 2>{rt(0.75f), rt(0.25f)}, rt(0.0f)).x == 2.0f);
  CHECK(duet_texture_sample_level(t, rc, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(0.0f)).x == 4.0f);
  CHECK(duet_texture_sample_level(t, lin, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(0.0f)).x == 2.5f);
  NEAR(duet_texture_sample_level(t, lin, vec<float, 2>{rt(0.5f), rt(0.375f)}, rt(0.0f)).x, 2.0f);
  /* textureSampleBaseClampToEdge: coordinates held half a texel inside. */
  CHECK(duet_texture_sample_base_clamp_to_edge(t, lin, vec<float, 2>{rt(0.0f), rt(0.0f)}).x == 1.0f);
  CHECK(duet_texture_sample_base_clamp_to_edge(t, lin, vec<float, 2>{rt(2.0f), rt(2.0f)}).x == 4.0f);
  CHECK(duet_texture_sample_base_clamp_to_edge(sampled<DUET_TEX_2D, float>(q), sampler(1, 1, 0, 1, 1), vec<float, 2>{rt(0.0f), rt(0.0f)}).x == 1.0f);
  delete q;
}

static void offsets() {
  const duet_sampler nc = sampler(0, 0, 0, 0), nr = sampler(0, 0, 0, 1), lc = sampler(1, 1, 0, 0);
  CHECK(s4(nc, 0.375f, 0.0f, {1, 0}) == 30.0f && s4(nc, 0.375f, 0.0f, {-8, 0}) == 10.0f && s4(nc, 0.375f, 0.0f, {7, 0}) == 40.0f);
  CHECK(s4(nr, 0.375f, 0.0f, {3, 0}) == 10.0f && s4(nr, 0.125f, 0.0f, {-1, 0}) == 40.0f);
  CHECK(s4(lc, 0.25f, 0.0f, {1, 0}) == 25.0f);
}

/* Mip levels: 4x4 of 1s, 2x2 of 2s, 1x1 of 4. */
static float mip(const duet_sampler& s, float level) {
  Slot* sl = slot("r32float", 2, 4, 4, 1, 3);
  for (unsigned i = 0; i < 21; i++) put_f32(sl, i, i < 16 ? 1.0f : i < 20 ? 2.0f : 4.0f);
  duet_texture<DUET_TEX_2D, float> t = sampled<DUET_TEX_2D, float>(sl);
  CHECK(duet_texture_num_levels(t) == 3u);
  const float r = duet_texture_sample_level(t, s, vec<float, 2>{rt(0.3f), rt(0.6f)}, rt(level)).x;
  delete sl;
  return r;
}
static void mip_selection() {
  const duet_sampler nn = sampler(0, 0, 0, 0, 0), nl = sampler(0, 0, 1, 0, 0);
  CHECK(mip(nn, 0.0f) == 1.0f && mip(nn, 0.4f) == 1.0f && mip(nn, 0.5f) == 1.0f && mip(nn, 0.6f) == 2.0f);
  CHECK(mip(nn, 1.5f) == 2.0f && mip(nn, 1.7f) == 4.0f && mip(nn, 9.0f) == 4.0f && mip(nn, -3.0f) == 1.0f);
  CHECK(mip(nn, NAN) == 1.0f);
  CHECK(mip(nl, 0.25f) == 1.25f && mip(nl, 1.5f) == 3.0f && mip(nl, 5.0f) == 4.0f && mip(nl, -1.0f) == 1.0f);
  /* Filter choice: level <= 0 magnifies (magFilter), above minifies (minFilter). */
  Slot* sl = slot("r32float", 2, 2, 1, 1, 2);
  put_f32(sl, 0, 0.0f);
  put_f32(sl, 1, 8.0f);
  put_f32(sl, 2, 100.0f);
  duet_texture<DUET_TEX_2D, float> t = sampled<DUET_TEX_2D, float>(sl);
  const duet_sampler magLinear = sampler(1, 0, 0, 0, 0), minLinear = sampler(0, 1, 0, 0, 0);
  CHECK(duet_texture_sample_level(t, magLinear, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(0.0f)).x == 4.0f);
  CHECK(duet_texture_sample_level(t, minLinear, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(0.0f)).x == 8.0f);
  CHECK(duet_texture_sample_level(t, minLinear, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(0.25f)).x == 4.0f); /* level 0, min linear */
  CHECK(duet_texture_sample_level(t, magLinear, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(0.25f)).x == 8.0f);
  /* textureDimensions per level (the level clamps), textureNumLevels. */
  const vec<unsigned, 2> d0 = duet_texture_dimensions(t), d1 = duet_texture_dimensions(t, rt(1)), d9 = duet_texture_dimensions(t, rt(9u));
  CHECK(d0.x == 2u && d0.y == 1u && d1.x == 1u && d1.y == 1u && d9.x == 1u);
  delete sl;
}

static void arrays_3d_1d() {
  /* 2d array: 1x1, 3 layers of 1, 2, 3; the sampling layer clamps as a signed integer (-1 -> 0). */
  Slot* a = slot("r32float", 3, 1, 1, 3);
  for (unsigned i = 0; i < 3; i++) put_f32(a, i, (float)(i + 1));
  duet_texture<DUET_TEX_2D_ARRAY, float> t = sampled<DUET_TEX_2D_ARRAY, float>(a);
  const duet_sampler s = sampler(1, 1, 0, 0, 0);
  CHECK(duet_texture_sample_level(t, s, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(1), rt(0.0f)).x == 2.0f);
  CHECK(duet_texture_sample_level(t, s, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(-1), rt(0.0f)).x == 1.0f);
  CHECK(duet_texture_sample_level(t, s, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(7u), rt(0.0f), vec<int, 2>{1, 1}).x == 3.0f);
  CHECK(duet_texture_num_layers(t) == 3u);
  const vec<unsigned, 2> ad = duet_texture_dimensions(t);
  CHECK(ad.x == 1u && ad.y == 1u);
  delete a;
  /* A 2d texture viewed as a 2d array of one layer (WebGPU allows the view). */
  Slot* v = slot("r32float", 2, 1, 1);
  duet_texture<DUET_TEX_2D_ARRAY, float> tv = sampled<DUET_TEX_2D_ARRAY, float>(v);
  CHECK(duet_texture_num_layers(tv) == 1u);
  delete v;
  /* 3d 2x2x2 trilinear: the centre is the mean of the eight texels. */
  Slot* c = slot("r32float", 4, 2, 2, 2);
  for (unsigned i = 0; i < 8; i++) put_f32(c, i, (float)i);
  duet_texture<DUET_TEX_3D, float> t3 = sampled<DUET_TEX_3D, float>(c);
  CHECK(duet_texture_sample_level(t3, s, vec<float, 3>{rt(0.5f), rt(0.5f), rt(0.5f)}, rt(0.0f)).x == 3.5f);
  CHECK(duet_texture_sample_level(t3, sampler(0, 0, 0, 0, 0, 0), vec<float, 3>{rt(0.75f), rt(0.25f), rt(0.75f)}, rt(0.0f)).x == 5.0f);
  CHECK(duet_texture_sample_level(t3, sampler(0, 0, 0, 0, 0, 1), vec<float, 3>{rt(0.75f), rt(0.25f), rt(1.25f)}, rt(0.0f), vec<int, 3>{0, 1, 0}).x == 3.0f);
  const vec<unsigned, 3> d3 = duet_texture_dimensions(t3);
  CHECK(d3.x == 2u && d3.y == 2u && d3.z == 2u);
  delete c;
  /* 1d linear. */
  Slot* o = slot("r32float", 1, 2);
  put_f32(o, 0, 2.0f);
  put_f32(o, 1, 4.0f);
  duet_texture<DUET_TEX_1D, float> t1 = sampled<DUET_TEX_1D, float>(o);
  CHECK(duet_texture_sample_level(t1, s, rt(0.5f), rt(0.0f)).x == 3.0f && duet_texture_dimensions(t1) == 2u);
  delete o;
}

/* textureGather: (u0, v1), (u1, v1), (u1, v0), (u0, v0) of component c. */
static void gather() {
  Slot* q = slot("rgba8uint", 2, 2, 2);
  for (unsigned i = 0; i < 4; i++)
    for (unsigned c = 0; c < 4; c++) q->texels()[4 * i + c] = (unsigned char)(10 * c + i + 1);
  duet_texture<DUET_TEX_2D, unsigned> t = sampled<DUET_TEX_2D, unsigned>(q);
  const duet_sampler s = sampler(0, 0, 0, 0, 0); /* filters do not matter to gather */
  IVEC4(duet_texture_gather(0, t, s, vec<float, 2>{rt(0.5f), rt(0.5f)}), 3u, 4u, 2u, 1u);
  IVEC4(duet_texture_gather(2u, t, s, vec<float, 2>{rt(0.5f), rt(0.5f)}), 23u, 24u, 22u, 21u);
  IVEC4(duet_texture_gather(1, t, s, vec<float, 2>{rt(0.0f), rt(0.0f)}), 11u, 11u, 11u, 11u); /* clamp-to-edge corner */
  IVEC4(duet_texture_gather(1, t, sampler(0, 0, 0, 1, 1), vec<float, 2>{rt(0.0f), rt(0.0f)}), 12u, 11u, 13u, 14u);
  IVEC4(duet_texture_gather(3, t, s, vec<float, 2>{rt(0.5f), rt(0.5f)}, vec<int, 2>{-1, 0}), 33u, 33u, 31u, 31u);
  delete q;
  /* A format without the component: 0 (alpha 1). */
  Slot* r = slot("r32float", 3, 2, 2, 2);
  for (unsigned i = 0; i < 8; i++) put_f32(r, i, (float)i);
  duet_texture<DUET_TEX_2D_ARRAY, float> ta = sampled<DUET_TEX_2D_ARRAY, float>(r);
  VEC4(duet_texture_gather(0, ta, s, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(1)), 6.0f, 7.0f, 5.0f, 4.0f);
  VEC4(duet_texture_gather(1, ta, s, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(1)), 0.0f, 0.0f, 0.0f, 0.0f);
  VEC4(duet_texture_gather(3, ta, s, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(9), vec<int, 2>{1, 1}), 1.0f, 1.0f, 1.0f, 1.0f);
  VEC4(duet_texture_gather(0, ta, s, vec<float, 2>{rt(0.5f), rt(0.5f)}, rt(9), vec<int, 2>{1, 1}), 7.0f, 7.0f, 7.0f, 7.0f);
  delete r;
}

/* A texture bound from `s` refuses (fits false) and every access afterwards stays in its own sink. */
template <int DIM, class T> static bool refuses(Slot* s) {
  duet_texture<DIM, T> t;
  bool fits = true;
  t.bind(s->p, s->bytes, &fits);
  /* The entry would stop here; touch the view anyway: no read may leave the sink (ASan). */
  if constexpr (DIM == DUET_TEX_2D_ARRAY)
    (void)duet_texture_load(t, duet_splat<vec<int, 2>>(rt(100000)), rt(-1), rt(99));
  else
    (void)duet_texture_load(t, duet_splat<vec<int, DIM == DUET_TEX_3D ? 3 : 2>>(rt(100000)), rt(99));
  return !fits;
}
template <int FMT> static bool refuses_storage(Slot* s) {
  duet_storage_texture<DUET_TEX_2D, FMT, DUET_TEX_READ_WRITE> t;
  bool fits = true;
  t.bind(s->p, s->bytes, &fits);
  duet_texture_store(t, vec<int, 2>{rt(0), rt(0)}, vec<typename duet_texel_elem<duet_texture_format<FMT>::storage>::type, 4>{});
  (void)duet_texture_load(t, vec<int, 2>{rt(100000), rt(7)});
  return !fits;
}

static void hostile_headers() {
  /* The exact size is accepted; a byte less is refused. */
  Slot* ok = slot("rgba8unorm", 2, 4, 4, 1, 3);
  CHECK(!refuses<DUET_TEX_2D, float>(ok));
  delete ok;
  Slot* shortBy1 = slot("rgba8unorm", 2, 4, 4, 1, 3, -1);
  CHECK(refuses<DUET_TEX_2D, float>(shortBy1));
  delete shortBy1;
  Slot* headerOnly = slot("rgba8unorm", 2, 4, 4, 1, 1, -64);
  CHECK(refuses<DUET_TEX_2D, float>(headerOnly));
  delete headerOnly;
  Slot* tiny = slot("rgba8unorm", 2, 1, 1, 1, 1, -20); /* 16 bytes: not even a header */
  CHECK(refuses<DUET_TEX_2D, float>(tiny));
  delete tiny;
  /* Field by field, on an otherwise valid 4x4 rgba8unorm (3 levels) slot. */
  struct Edit {
    unsigned word, value;
  };
  const Edit edits[] = {
      {1, 0xffffffffu}, /* huge width */
      {1, 65537u},      /* past 2^16 */
      {2, 0x40000000u}, /* huge height */
      {1, 0u},          /* zero width */
      {3, 0u},          /* zero depth */
      {4, 0u},          /* no level */
      {4, 4u},          /* more levels than log2(4) + 1 */
      {4, 0xffffffffu},
      {6, 1u}, /* wrong texelBytes */
      {6, 16u},
      {0, 39u}, /* unknown format */
      {0, 0xffffffffu},
      {5, 4u}, /* dimension 3d for a texture_2d */
      {5, 1u},
      {5, 0u},
      {3, 2u}, /* a 2d texture with depth 2 */
      {7, 1u}, /* reserved word not zero */
      {0, 32u}, /* rgba32float: texelBytes then wrong */
  };
  for (const Edit& e : edits) {
    Slot* s = slot("rgba8unorm", 2, 4, 4, 1, 3);
    s->words()[e.word] = e.value;
    CHECK(refuses<DUET_TEX_2D, float>(s));
    delete s;
  }
  /* More levels than the extent allows, though the slot would hold them. */
  Slot* spare = slot("rgba8unorm", 2, 4, 4, 1, 3, 64);
  CHECK(!refuses<DUET_TEX_2D, float>(spare));
  spare->words()[4] = 4u;
  CHECK(refuses<DUET_TEX_2D, float>(spare));
  delete spare;
  /* Consistent headers whose texels do not fit: sizes that overflow 32 bits, a 3d texture too big. */
  Slot* big = slot("rgba32float", 3, 1, 1, 1);
  unsigned hdr[8] = {code("rgba32float"), 65536u, 65536u, 65536u, 1u, 3u, 16u, 0u};
  memcpy(big->p, hdr, 32);
  CHECK(refuses<DUET_TEX_2D_ARRAY, float>(big));
  delete big;
  Slot* big3 = slot("r8unorm", 4, 1, 1, 1);
  unsigned hdr3[8] = {code("r8unorm"), 2048u, 2048u, 2048u, 12u, 4u, 1u, 0u};
  memcpy(big3->p, hdr3, 32);
  CHECK(refuses<DUET_TEX_3D, float>(big3));
  delete big3;
  /* 1d with a height. */
  Slot* one = slot("r8unorm", 1, 4, 1);
  one->words()[2] = 2u;
  duet_texture<DUET_TEX_1D, float> t1;
  bool fits = true;
  t1.bind(one->p, one->bytes, &fits);
  CHECK(!fits);
  delete one;
  /* Sampled type vs format kind: texture_2d<f32> of r32uint, texture_2d<u32> of rgba8unorm. */
  Slot* ku = slot("r32uint", 2, 2, 2);
  CHECK(refuses<DUET_TEX_2D, float>(ku) && refuses<DUET_TEX_2D, int>(ku) && !refuses<DUET_TEX_2D, unsigned>(ku));
  delete ku;
  /* A null or empty binding. */
  duet_texture<DUET_TEX_2D, float> tn;
  fits = true;
  tn.bind(0, 0, &fits);
  CHECK(!fits);
  (void)duet_texture_sample_level(tn, sampler(1, 1, 1, 1, 1), vec<float, 2>{rt(0.7f), rt(3.0f)}, rt(2.0f));
  (void)duet_texture_gather(2, tn, sampler(1, 1, 1, 2, 2), vec<float, 2>{rt(-0.7f), rt(3.0f)});
  /* Storage textures: the format must be the type's, one mip level. */
  Slot* st = slot("rgba8unorm", 2, 2, 2);
  CHECK(!refuses_storage<FMT(rgba8unorm)>(st) && refuses_storage<FMT(rgba8snorm)>(st) && refuses_storage<FMT(r32uint)>(st));
  delete st;
  Slot* st2 = slot("r32float", 2, 2, 2, 1, 2);
  CHECK(refuses_storage<FMT(r32float)>(st2));
  delete st2;
  Slot* st3 = slot("rgba32float", 2, 2, 2, 1, 1, -1);
  CHECK(refuses_storage<FMT(rgba32float)>(st3));
  delete st3;
  /* Samplers: fields in range, no comparison, 32 bytes. */
  const unsigned bad[][8] = {{2, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 3, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0xffffffffu, 0, 0},
                             {0, 0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 0, 5}};
  for (const auto& b : bad) {
    unsigned* d = (unsigned*)malloc(32);
    memcpy(d, b, 32);
    duet_sampler s;
    bool f = true;
    s.bind((unsigned char*)d, 32, &f);
    CHECK(!f);
    free(d);
  }
  unsigned* d = (unsigned*)malloc(16);
  memset(d, 0, 16);
  duet_sampler s;
  bool f = true;
  s.bind((unsigned char*)d, 16, &f);
  CHECK(!f);
  free(d);
}

/* Depth textures and comparison samplers: the view takes depth formats only and the colour view none;
 * a comparison sampler needs compare 1..8; hostile coordinates, layers, levels and references stay inside
 * an exact-size slot (ASan) and read depths as specified. */
static duet_sampler_comparison comparison(unsigned fn, unsigned filter, unsigned address) {
  unsigned d[8] = {filter, filter, 0, address, address, address, fn, 0};
  duet_sampler_comparison s;
  bool fits = true;
  s.bind((unsigned char*)d, 32, &fits);
  CHECK(fits);
  return s;
}
static void depth_textures() {
  Slot* d16 = slot("depth16unorm", 3, 2, 1, 2); /* 2x1, 2 layers */
  const unsigned short texels[4] = {0, 65535, 32768, 1};
  memcpy(d16->texels(), texels, 8);
  duet_depth_texture<DUET_TEX_2D_ARRAY> t;
  bool fits = true;
  t.bind(d16->p, d16->bytes, &fits);
  CHECK(fits);
  NEAR(duet_texture_load(t, vec<int, 2>{rt(1), rt(0)}, rt(0), rt(0)), 1.0f);
  NEAR(duet_texture_load(t, vec<int, 2>{rt(-1), rt(-1)}, rt(-1), rt(-1)), 1.0f / 65535.0f); /* all clamp to the last */
  const duet_sampler_comparison ge = comparison(7, 1, 2);
  const float hostile[] = {NAN, INFINITY, -INFINITY, 3e38f, -3e38f, 1e-45f, -0.5f, 2.5f};
  for (float u : hostile)
    for (float r : hostile) {
      const float a = duet_texture_sample_compare_level(t, ge, vec<float, 2>{rt(u), rt(u)}, rt(-7), rt(r), vec<int, 2>{-8, 7});
      CHECK(a >= 0.0f && a <= 1.0f);
      const vec<float, 4> g = duet_texture_gather_compare(t, ge, vec<float, 2>{rt(u), rt(-u)}, rt(0x7fffffffu), rt(r));
      CHECK(g.x >= 0.0f && g.w <= 1.0f);
      (void)duet_texture_sample_level(t, sampler(1, 1, 1, 1, 1), vec<float, 2>{rt(u), rt(r)}, rt(9), rt(-3));
      (void)duet_texture_gather(t, sampler(0, 0, 0, 2, 2), vec<float, 2>{rt(r), rt(u)}, rt(-1), vec<int, 2>{7, -8});
    }
  /* greater-equal, layer 1 = (0.50001, 1/65535): at u = 0.25 the reference 0.5 fails, 0.6 passes. */
  NEAR(duet_texture_sample_compare_level(t, comparison(7, 0, 0), vec<float, 2>{rt(0.25f), rt(0.5f)}, rt(1), rt(0.5f)), 0.0f);
  NEAR(duet_texture_sample_compare_level(t, comparison(7, 0, 0), vec<float, 2>{rt(0.25f), rt(0.5f)}, rt(1), rt(0.6f)), 1.0f);
  /* A colour format under a depth view, a depth format under a colour view: refused. */
  Slot* colour = slot("r32float", 2, 2, 2);
  duet_depth_texture<DUET_TEX_2D> dc;
  fits = true;
  dc.bind(colour->p, colour->bytes, &fits);
  CHECK(!fits);
  (void)duet_texture_sample_compare_level(dc, ge, vec<float, 2>{rt(5.0f), rt(-5.0f)}, rt(0.5f));
  Slot* d32 = slot("depth32float", 2, 2, 2);
  CHECK(refuses<DUET_TEX_2D, float>(d32));
  duet_depth_texture<DUET_TEX_2D> d2;
  fits = true;
  d2.bind(d32->p, d32->bytes, &fits);
  CHECK(fits);
  put_f32(d32, 3, 0.75f);
  NEAR(duet_texture_load(d2, vec<unsigned, 2>{rt(9u), rt(9u)}, rt(0u)), 0.75f);
  /* Comparison samplers: compare 0 (none) and 9 are refused, as is a plain sampler given a compare. */
  const unsigned refused[] = {0u, 9u, 0xffffffffu};
  for (unsigned fn : refused) {
    unsigned w[8] = {0, 0, 0, 0, 0, 0, fn, 0};
    duet_sampler_comparison c;
    bool f = true;
    c.bind((unsigned char*)w, 32, &f);
    CHECK(!f);
  }
  delete d16;
  delete colour;
  delete d32;
}

/* Cube textures: NaN, infinite, zero and huge directions, hostile cube indices and levels stay inside an
 * exact-size slot (ASan); the six faces read where Vulkan's table puts them; a non-square cube is refused. */
static void cube_textures() {
  Slot* c = slot("r32float", 6, 2, 2, 12); /* a cube array of 2 cubes, 2x2 faces */
  for (unsigned i = 0; i < 48; i++) put_f32(c, i, (float)i);
  duet_texture<DUET_TEX_CUBE_ARRAY, float> t;
  bool fits = true;
  t.bind(c->p, c->bytes, &fits);
  CHECK(fits);
  const float hostile[] = {NAN, INFINITY, -INFINITY, 3e38f, -3e38f, 0.0f, -0.0f, 1e-45f};
  for (float x : hostile)
    for (float y : hostile) {
      const vec<float, 3> dir = {rt(x), rt(y), rt(0.5f * x)};
      const vec<float, 4> a = duet_texture_sample_level(t, sampler(1, 1, 1, 1, 1), dir, rt(-5), rt(NAN));
      CHECK(a.x >= 0.0f && a.x <= 47.0f);
      const vec<float, 4> g = duet_texture_gather(3, t, sampler(0, 0, 0, 2, 2), dir, rt(0x7fffffffu));
      CHECK(g.x == 1.0f); /* r32float's alpha */
    }
  /* +x of cube 1 at its centre: texel (1, 1) of layer 6 = 24 + 3. */
  NEAR(duet_texture_sample_level(t, sampler(0, 0, 0, 0), vec<float, 3>{rt(2.0f), rt(-0.1f), rt(-0.1f)}, rt(1), rt(0.0f)).x, 27.0f);
  CHECK(duet_texture_num_layers(t) == 2u);
  /* A 2x1 "cube" and a cube of 5 layers are refused. */
  Slot* flat = slot("r32float", 5, 2, 1, 6);
  duet_texture<DUET_TEX_CUBE, float> tf;
  fits = true;
  tf.bind(flat->p, flat->bytes, &fits);
  CHECK(!fits);
  Slot* five = slot("r32float", 5, 2, 2, 5);
  fits = true;
  tf.bind(five->p, five->bytes, &fits);
  CHECK(!fits);
  delete c;
  delete flat;
  delete five;
}

/* Seamless cube filtering (Vulkan "Cube Map Edge Handling"): a linear lookup whose 2x2 crosses a face edge
 * reads the adjacent face's texels, at a corner the missing texel is the mean of the other three; gathers
 * and depth comparisons read the same four; nearest lookups clamp to the face. Expected values by hand:
 * r32float 4x4 cube of 3 levels, level 0 face f texel (x, y) = 100 (f + 1) + 10 y + x, level 1 (2x2)
 * 1000 (f + 1) + 10 y + x, level 2 (1x1) 10000 (f + 1). On +x, s = 1/16 is x = 4 s - 0.5 = -0.25: i0 = -1
 * (past the left edge, sc < -1, so toward +z, whose right column x = 3 it is), i1 = 0, weight 0.75. */
static void cube_seams() {
  Slot* c = slot("r32float", 5, 4, 4, 6, 3);
  for (unsigned f = 0; f < 6; f++) {
    for (unsigned i = 0; i < 16; i++) put_f32(c, f * 16 + i, 100.0f * (f + 1) + 10.0f * (i / 4) + (float)(i % 4));
    for (unsigned i = 0; i < 4; i++) put_f32(c, 96 + f * 4 + i, 1000.0f * (f + 1) + 10.0f * (i / 2) + (float)(i % 2));
    put_f32(c, 120 + f, 10000.0f * (f + 1));
  }
  const duet_texture<DUET_TEX_CUBE, float> t = sampled<DUET_TEX_CUBE, float>(c);
  const duet_sampler lin = sampler(1, 1, 0, 1, 2), near = sampler(0, 0, 0, 1, 2); /* address modes ignored */
  const vec<float, 3> edge = {rt(1.0f), rt(0.0f), rt(0.875f)};    /* +x, (s, t) = (1/16, 1/2) */
  const vec<float, 3> corner = {rt(1.0f), rt(0.875f), rt(0.875f)}; /* +x, (s, t) = (1/16, 1/16) */
  /* Edge: j0 = 1, j1 = 2 (y = 1.5, weight 0.5); (-1, j) is +z's (3, j): 513, 523; (0, j) is +x's: 110, 120.
   * 0.25 * 513 + 0.75 * 110 = 210.75, 0.25 * 523 + 0.75 * 120 = 220.75, mean 215.75. */
  NEAR(duet_texture_sample_level(t, lin, edge, rt(0.0f)).x, 215.75f);
  VEC4(duet_texture_gather(0, t, near, edge), 523.0f, 120.0f, 110.0f, 513.0f);
  /* Corner: (0, 0) = 100, (-1, 0) is +z's (3, 0) = 503, (0, -1) past the top edge is +y's (3, 3) = 333,
   * (-1, -1) the mean of the three, 312. Row j0: 312 + 0.75 (333 - 312) = 327.75; row j1: 503 + 0.75 (100 -
   * 503) = 200.75; 327.75 + 0.75 (200.75 - 327.75) = 232.5. */
  NEAR(duet_texture_sample_level(t, lin, corner, rt(0.0f)).x, 232.5f);
  VEC4(duet_texture_gather(0, t, lin, corner), 503.0f, 100.0f, 333.0f, 312.0f);
  /* Nearest is unaffected: the edge direction's texel (0, 2) of +x. */
  NEAR(duet_texture_sample_level(t, near, edge, rt(0.0f)).x, 120.0f);
  /* Level 1 (2x2) at the edge: x = -0.375 (weight 0.625), y = 0.5: +z's (1, j) = 5001, 5011; +x's (0, j) =
   * 1000, 1010: 5001 - 0.625 * 4001 = 2500.375, 2510.375, mean 2505.375. */
  NEAR(duet_texture_sample_level(t, lin, edge, rt(1.0f)).x, 2505.375f);
  /* Level 2 (1x1) at the corner: every lookup crosses; x = y = -0.4375 (weight 0.5625): +x 10000, +z 50000,
   * +y 30000, the corner 30000: row j0 30000, row j1 50000 - 0.5625 * 40000 = 27500, 30000 - 0.5625 * 2500. */
  NEAR(duet_texture_sample_level(t, lin, corner, rt(2.0f)).x, 28593.75f);

  /* The same texels from cube 1 of a cube array (layers 6..11): 100 more each. */
  Slot* a = slot("r32float", 6, 4, 4, 12);
  for (unsigned i = 0; i < 96; i++) put_f32(a, i, 100.0f * (i / 16 + 1) + 10.0f * ((i % 16) / 4) + (float)(i % 4));
  for (unsigned i = 96; i < 192; i++) put_f32(a, i, 100.0f + 100.0f * ((i - 96) / 16 + 1) + 10.0f * ((i % 16) / 4) + (float)(i % 4));
  const duet_texture<DUET_TEX_CUBE_ARRAY, float> ta = sampled<DUET_TEX_CUBE_ARRAY, float>(a);
  VEC4(duet_texture_gather(0, ta, near, corner, rt(1)), 603.0f, 200.0f, 433.0f, 412.0f);

  /* Depth: depth32float with the level-0 values / 1000; "greater" (ref > depth passes) at 0.32. Corner depths
   * 0.312 (the mean, compared after averaging), 0.333, 0.503, 0.1: passes 1, 0, 0, 1 in (i0,j0), (i1,j0),
   * (i0,j1), (i1,j1); PCF: row j0 0.25, row j1 0.75, 0.25 + 0.75 * 0.5 = 0.625. */
  Slot* d = slot("depth32float", 5, 4, 4, 6);
  for (unsigned i = 0; i < 96; i++) put_f32(d, i, (100.0f * (i / 16 + 1) + 10.0f * ((i % 16) / 4) + (float)(i % 4)) / 1000.0f);
  duet_depth_texture<DUET_TEX_CUBE> dt;
  bool fits = true;
  dt.bind(d->p, d->bytes, &fits);
  CHECK(fits);
  NEAR(duet_texture_sample_compare_level(dt, comparison(5, 1, 0), corner, rt(0.32f)), 0.625f);
  VEC4(duet_texture_gather_compare(dt, comparison(5, 0, 0), corner, rt(0.32f)), 0.0f, 1.0f, 0.0f, 1.0f);
  /* A nearest comparison reads the one clamped texel (0, 0) = 0.1: passes. */
  NEAR(duet_texture_sample_compare_level(dt, comparison(5, 0, 0), corner, rt(0.32f)), 1.0f);
  VEC4(duet_texture_gather(dt, near, edge), 0.523f, 0.12f, 0.11f, 0.513f);

  /* Every texel one past every edge of every face, at sizes 1..8: the adjacent face's texel is the one the
   * float face selection puts the past-the-edge texel centre on (its projection lands inside that texel,
   * at most half a texel from the seam), never the face itself or its opposite. */
  for (unsigned n = 1; n <= 8; n++)
    for (unsigned f = 0; f < 6; f++)
      for (int k = 0; k < (int)n; k++)
        for (int side = 0; side < 4; side++) {
          const int i = side == 0 ? -1 : side == 1 ? (int)n : k, j = side == 2 ? -1 : side == 3 ? (int)n : k;
          unsigned g = 99, x = 99, y = 99;
          CHECK(duet_tex_cube_texel(f, n, i, j, &g, &x, &y));
          const float sc = (2.0f * i + 1.0f) / n - 1.0f, tc = (2.0f * j + 1.0f) / n - 1.0f;
          const vec<float, 3> dirs[6] = {{1.0f, -tc, -sc}, {-1.0f, -tc, sc}, {sc, 1.0f, tc},
                                         {sc, -1.0f, -tc}, {sc, -tc, 1.0f}, {-sc, -tc, -1.0f}};
          const duet_cube_at p = duet_tex_cube_face(dirs[f]);
          CHECK(g == p.face && g != f && g != (f ^ 1u));
          CHECK(x == (unsigned)floorf(p.st.x * n) && y == (unsigned)floorf(p.st.y * n));
        }
  unsigned g = 7, x = 7, y = 7;
  CHECK(!duet_tex_cube_texel(0, 4, -1, 4, &g, &x, &y) && g == 7u); /* a corner has no face */

  /* Integer corners round the mean to the nearest: a 1x1 rgba32sint cube, every lookup at a corner. At
   * +x's top-left (s, t) = (1/16, 1/16): +x, +z (past the left edge), +y (past the top); red 10, 11, 11
   * (32 / 3 = 10.67 -> 11), green -1, -2, -2 (-1.67 -> -2), blue 1, 0, 0 (0.33 -> 0), alpha 2^31 - 1
   * thrice (no overflow). */
  Slot* si = slot("rgba32sint", 5, 1, 1, 6);
  const int faces[6][4] = {{10, -1, 1, 2147483647}, {0, 0, 0, 0}, {11, -2, 0, 2147483647},
                           {0, 0, 0, 0}, {11, -2, 0, 2147483647}, {0, 0, 0, 0}};
  memcpy(si->texels(), faces, sizeof faces);
  const duet_texture<DUET_TEX_CUBE, int> ti = sampled<DUET_TEX_CUBE, int>(si);
  const vec<float, 3> c1 = {rt(1.0f), rt(0.875f), rt(0.875f)};
  IVEC4(duet_texture_gather(0, ti, near, c1), 11, 10, 11, 11);
  IVEC4(duet_texture_gather(1, ti, near, c1), -2, -1, -2, -2);
  IVEC4(duet_texture_gather(2, ti, near, c1), 0, 1, 0, 0);
  IVEC4(duet_texture_gather(3, ti, near, c1), 2147483647, 2147483647, 2147483647, 2147483647);
  delete si;

  /* Hostile directions through every seamless path of a depth cube array: reads stay in the slot (ASan). */
  Slot* da = slot("depth16unorm", 6, 2, 2, 12);
  duet_depth_texture<DUET_TEX_CUBE_ARRAY> dta;
  fits = true;
  dta.bind(da->p, da->bytes, &fits);
  CHECK(fits);
  const float hostile[] = {NAN, INFINITY, -INFINITY, 3e38f, -3e38f, 0.0f, -0.0f, 1e-45f, 1.0f};
  for (float hx : hostile)
    for (float hy : hostile) {
      const vec<float, 3> dir = {rt(hx), rt(hy), rt(-hx)};
      const float r = duet_texture_sample_compare_level(dta, comparison(7, 1, 1), dir, rt(-3), rt(hy));
      CHECK(r >= 0.0f && r <= 1.0f);
      const vec<float, 4> q = duet_texture_gather_compare(dta, comparison(2, 1, 2), dir, rt(0x7fffffffu), rt(hx));
      CHECK(q.x >= 0.0f && q.w <= 1.0f);
      (void)duet_texture_gather(dta, near, dir, rt(5));
      (void)duet_texture_sample_level(t, lin, dir, rt(hy));
    }
  /* A refused cube view (a 2x1 "cube") and a refused depth cube (a colour format): every lookup reads the
   * one-texel sink whatever the face (ASan would catch a read past it). */
  Slot* flat = slot("r32float", 5, 2, 1, 6);
  duet_texture<DUET_TEX_CUBE, float> rc;
  duet_depth_texture<DUET_TEX_CUBE> rd;
  fits = true;
  rc.bind(flat->p, flat->bytes, &fits);
  rd.bind(flat->p, flat->bytes, &fits);
  CHECK(!fits);
  for (float hx : hostile) {
    const vec<float, 3> dir = {rt(-1.0f), rt(hx), rt(0.25f)}; /* -x or +-y: faces 1..3 */
    (void)duet_texture_sample_level(rc, near, dir, rt(0.0f));
    (void)duet_texture_sample_level(rc, lin, dir, rt(0.0f));
    (void)duet_texture_gather(1, rc, near, dir);
    (void)duet_texture_sample_compare_level(rd, comparison(2, 0, 0), dir, rt(0.5f));
    (void)duet_texture_sample_compare_level(rd, comparison(2, 1, 0), dir, rt(0.5f));
    (void)duet_texture_gather_compare(rd, comparison(2, 0, 0), dir, rt(0.5f));
    (void)duet_texture_sample_level(rd, near, dir, rt(0));
  }
  delete flat;
  delete c;
  delete a;
  delete d;
  delete da;
}

int main() {
  decoding();
  encoding();
  load_clamping();
  store_discard();
  address_modes();
  offsets();
  mip_selection();
  arrays_3d_1d();
  gather();
  hostile_headers();
  depth_textures();
  cube_textures();
  cube_seams();
  printf("failures %d\n", failures);
  return failures ? 1 : 0;
}
