/* Every texture function of compiler/preludes/common.h (section textures) in device code, for
 * nvcc -cubin (textures.test.ts): views bound from slots as a generated entry binds them, each
 * dimension, sampled type and a storage format of each storage kind. */
struct TexCtx {
  duet_texture<DUET_TEX_1D, float> t1;
  duet_texture<DUET_TEX_2D, float> t2;
  duet_texture<DUET_TEX_2D_ARRAY, float> ta;
  duet_texture<DUET_TEX_3D, float> t3;
  duet_texture<DUET_TEX_2D, unsigned> tu;
  duet_texture<DUET_TEX_2D_ARRAY, int> ti;
  duet_sampler s;
  duet_storage_texture<DUET_TEX_2D, 8, DUET_TEX_WRITE> out8;         /* rgba8unorm */
  duet_storage_texture<DUET_TEX_2D, 13, DUET_TEX_WRITE> outBgra;     /* bgra8unorm */
  duet_storage_texture<DUET_TEX_2D_ARRAY, 23, DUET_TEX_READ> in16f;  /* rgba16float */
  duet_storage_texture<DUET_TEX_1D, 24, DUET_TEX_READ_WRITE> rw32u;  /* r32uint */
  duet_storage_texture<DUET_TEX_3D, 31, DUET_TEX_WRITE> out32i;      /* rgba32sint */
  duet_storage_texture<DUET_TEX_2D, 10, DUET_TEX_READ_WRITE> snorm;  /* rgba8snorm */
  duet_texture<DUET_TEX_CUBE_ARRAY, float> cube;
  duet_depth_texture<DUET_TEX_CUBE> depthCube;
  duet_sampler_comparison cmp;
};
extern "C" __global__ void textures(DuetParams p, int i, float f) {
  TexCtx c;
  bool fit = true;
  c.t1.bind(p.slot[0], p.slotBytes[0], &fit);
  c.t2.bind(p.slot[1], p.slotBytes[1], &fit);
  c.ta.bind(p.slot[2], p.slotBytes[2], &fit);
  c.t3.bind(p.slot[3], p.slotBytes[3], &fit);
  c.tu.bind(p.slot[4], p.slotBytes[4], &fit);
  c.ti.bind(p.slot[5], p.slotBytes[5], &fit);
  c.s.bind(p.slot[6], p.slotBytes[6], &fit);
  c.out8.bind(p.slot[7], p.slotBytes[7], &fit);
  c.outBgra.bind(p.slot[8], p.slotBytes[8], &fit);
  c.in16f.bind(p.slot[9], p.slotBytes[9], &fit);
  c.rw32u.bind(p.slot[10], p.slotBytes[10], &fit);
  c.out32i.bind(p.slot[11], p.slotBytes[11], &fit);
  c.snorm.bind(p.slot[12], p.slotBytes[12], &fit);
  c.cube.bind(p.slot[13], p.slotBytes[13], &fit);
  c.depthCube.bind(p.slot[14], p.slotBytes[14], &fit);
  c.cmp.bind(p.slot[15], p.slotBytes[15], &fit);
  if (!fit) {
    duet_refuse(p.control);
    return;
  }
  const vec<int, 2> ic = {i, (int)threadIdx.x};
  const vec<float, 2> uv = {f, f * 0.5f};
  vec<float, 4> acc = duet_texture_load(c.t1, i, 0) + duet_texture_load(c.t2, ic, i) + duet_texture_load(c.ta, ic, i, 0u);
  acc = acc + duet_texture_load(c.t3, vec<unsigned, 3>{1u, 2u, (unsigned)i}, 0);
  acc = acc + duet_texture_sample_level(c.t1, c.s, f, 0.0f) + duet_texture_sample_level(c.t2, c.s, uv, f);
  acc = acc + duet_texture_sample_level(c.t2, c.s, uv, f, vec<int, 2>{-8, 7});
  acc = acc + duet_texture_sample_level(c.ta, c.s, uv, i, f) + duet_texture_sample_level(c.ta, c.s, uv, 2u, f, vec<int, 2>{1, 0});
  acc = acc + duet_texture_sample_level(c.t3, c.s, vec<float, 3>{f, f, f}, f, vec<int, 3>{0, 1, 2});
  acc = acc + duet_texture_sample_base_clamp_to_edge(c.t2, c.s, uv);
  acc = acc + duet_texture_gather(1, c.t2, c.s, uv) + duet_texture_gather(0, c.ta, c.s, uv, i, vec<int, 2>{1, 1});
  /* Seamless cube lookups: linear filtering, gathers and comparisons across face edges. */
  const vec<float, 3> dir = {1.0f, f, -f};
  acc = acc + duet_texture_sample_level(c.cube, c.s, dir, i, f) + duet_texture_gather(2, c.cube, c.s, dir, 1u);
  acc = acc + duet_texture_gather_compare(c.depthCube, c.cmp, dir, f) + duet_texture_gather(c.depthCube, c.s, dir);
  acc.x = acc.x + duet_texture_sample_compare_level(c.depthCube, c.cmp, dir, f) + duet_texture_sample_level(c.depthCube, c.s, dir, i);
  const vec<unsigned, 4> u = duet_texture_load(c.tu, ic, 0) + duet_texture_gather(3, c.tu, c.s, uv, vec<int, 2>{0, 1});
  const vec<int, 4> si = duet_texture_load(c.ti, ic, i, 1) + duet_texture_gather(2u, c.ti, c.s, uv, 1);
  acc = acc + duet_texture_load(c.in16f, ic, i) + duet_texture_load(c.snorm, ic);
  const vec<unsigned, 2> d2 = duet_texture_dimensions(c.t2) + duet_texture_dimensions(c.t2, i) + duet_texture_dimensions(c.out8);
  const vec<unsigned, 3> d3 = duet_texture_dimensions(c.t3, 1u) + duet_texture_dimensions(c.out32i);
  const unsigned n = duet_texture_dimensions(c.t1) + duet_texture_num_layers(c.ta) + duet_texture_num_layers(c.in16f) +
                     duet_texture_num_levels(c.t2) + duet_texture_dimensions(c.rw32u);
  duet_texture_store(c.out8, ic, acc);
  duet_texture_store(c.outBgra, ic, acc);
  duet_texture_store(c.snorm, ic, acc);
  duet_texture_store(c.rw32u, i, duet_texture_load(c.rw32u, i) + vec<unsigned, 4>{u.x + d2.x + d3.z + n, 0u, 0u, 0u});
  duet_texture_store(c.out32i, vec<int, 3>{i, i, i}, si);
}
