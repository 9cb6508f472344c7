// overrides: override constants with default values (u32, i32, f32, bool) used in expressions and in @workgroup_size, with no overrides given by the workload.
override WG: u32 = 16u;
override SCALE: f32 = 1.5;
override OFFSET: i32 = -3;
override NEGATE: bool = true;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) g: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  var v = a[g.x] * SCALE + f32(OFFSET);
  if (NEGATE) {
    v = -v;
  }
  out[g.x] = v + f32(li) / f32(WG);
}
