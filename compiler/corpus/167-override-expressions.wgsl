// overrides: overrides without defaults (set by the workload), overrides initialised from other overrides, @id-numbered overrides, used in arithmetic and control flow.
override N: u32; // no default: the workload must set it
override TWICE = N * 2u;
@id(7) override BIAS: f32 = 0.25;
override USE_BIAS: bool = false;
const K = 3u;

@group(0) @binding(0) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  var s = 0.0;
  for (var k = 0u; k < TWICE; k++) {
    s += f32(k % K);
  }
  if (USE_BIAS) {
    s += BIAS;
  }
  out[g.x] = s + f32(g.x * N);
}
