// Memory-bandwidth probe: copy an array of vec4<f32>. Each invocation moves 16 bytes in and 16 out
// with one 128-bit load and one 128-bit store, the widest access WGSL offers; there is no arithmetic.

struct Params {
  count: u32, // number of vec4 elements
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> dst: array<vec4<f32>>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i < params.count) {
    dst[i] = src[i];
  }
}
