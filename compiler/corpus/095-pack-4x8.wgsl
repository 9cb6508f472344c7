// pack builtins pack4x8snorm and pack4x8unorm (clamp, scale, round to nearest) and unpack4x8snorm/unorm round trips.
@group(0) @binding(0) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> packed: array<u32>;
@group(0) @binding(2) var<storage, read_write> unpacked: array<vec4<f32>>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let v = a[i];
  let s = pack4x8snorm(v);
  let u = pack4x8unorm(v);
  packed[i * 2u] = s;
  packed[i * 2u + 1u] = u;
  unpacked[i * 2u] = unpack4x8snorm(s);
  unpacked[i * 2u + 1u] = unpack4x8unorm(u);
}
