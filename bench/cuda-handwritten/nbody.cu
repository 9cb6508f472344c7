// One all-pairs n-body step as a CUDA programmer writes it: shaders/nbody/nbody.wgsl, 256 threads per
// block stage 256 positions (xyz, w = mass) in shared memory per tile and accumulate their pull, then
// semi-implicit Euler. 1/sqrt as the WGSL writes it (a division by sqrtf, not rsqrtf), so both sides do
// the same arithmetic. The baseline of bench/cuda-quality.bench.ts.
constexpr unsigned WG = 256;

extern "C" __global__ void __launch_bounds__(WG)
    nbody(unsigned count, float dt, float softening2, const float4* __restrict__ pos_in,
          const float4* __restrict__ vel_in, float4* __restrict__ pos_out, float4* __restrict__ vel_out) {
  __shared__ float4 tile[WG];
  const unsigned lid = threadIdx.x;
  const unsigned i = blockIdx.x * WG + lid;
  const float4 me = i < count ? pos_in[i] : make_float4(0.0f, 0.0f, 0.0f, 0.0f);
  float ax = 0.0f, ay = 0.0f, az = 0.0f;
  const unsigned tiles = (count + WG - 1) / WG;
  for (unsigned t = 0; t < tiles; t++) {
    const unsigned j = t * WG + lid;
    tile[lid] = j < count ? pos_in[j] : make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    __syncthreads();
    for (unsigned k = 0; k < WG; k++) {
      const float4 body = tile[k];
      const float dx = body.x - me.x, dy = body.y - me.y, dz = body.z - me.z;
      const float dist2 = dx * dx + dy * dy + dz * dz + softening2;
      const float inv = 1.0f / sqrtf(dist2);
      const float s = body.w * inv * inv * inv;
      ax += dx * s;
      ay += dy * s;
      az += dz * s;
    }
    __syncthreads();
  }
  if (i < count) {
    const float4 v0 = vel_in[i];
    const float vx = v0.x + ax * dt, vy = v0.y + ay * dt, vz = v0.z + az * dt;
    vel_out[i] = make_float4(vx, vy, vz, 0.0f);
    pos_out[i] = make_float4(me.x + vx * dt, me.y + vy * dt, me.z + vz * dt, me.w);
  }
}
