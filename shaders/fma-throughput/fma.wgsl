// Compute-bound probe: each invocation runs four independent fused multiply-add chains for
// `iterations` steps on values that stay in registers. Memory traffic is one load and one store per
// invocation, so the kernel time measures arithmetic throughput (FLOP/s), not bandwidth.

struct Params {
  count: u32,      // invocations that do work
  iterations: u32, // FMA steps per chain
  mul: f32,        // |mul| < 1 keeps every chain bounded: x → x·mul + add converges to add / (1 − mul)
  add: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> seeds: array<f32>;
@group(0) @binding(2) var<storage, read_write> result: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= params.count) {
    return;
  }
  let s = seeds[i];
  // Four independent chains: consecutive FMAs of one chain wait for each other (latency), four
  // chains let the hardware overlap them (throughput).
  var v = vec4<f32>(s, s + 1.0, s - 1.0, -s);
  let m = vec4<f32>(params.mul);
  let c = vec4<f32>(params.add);
  for (var k = 0u; k < params.iterations; k++) {
    v = fma(v, m, c);
  }
  result[i] = (v.x + v.y) + (v.z + v.w);
}
