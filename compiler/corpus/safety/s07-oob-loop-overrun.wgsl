// safety: a loop that writes 40 elements into a 10-element storage array (including a struct array with vec3 members) stays inside the binding.
struct P {
  v: vec3<f32>,
  w: u32,
}

@group(0) @binding(0) var<storage, read_write> guard_before: array<u32>;
@group(0) @binding(1) var<storage, read_write> target_buf: array<u32, 10>;
@group(0) @binding(2) var<storage, read_write> guard_after: array<u32>;
@group(0) @binding(3) var<storage, read_write> target_structs: array<P>;
@group(0) @binding(4) var<storage, read_write> result: array<u32>;

@compute @workgroup_size(1)
fn main() {
  var s = 0u;
  for (var k = 0u; k < 40u; k++) {
    target_buf[k] = k;
    target_structs[k] = P(vec3(f32(k)), k);
    s += k;
  }
  result[0] = s + guard_before[3] * 0u + guard_after[3] * 0u;
}
