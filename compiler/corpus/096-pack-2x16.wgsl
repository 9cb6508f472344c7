// pack builtins pack2x16snorm, pack2x16unorm and pack2x16float (f32 -> binary16 round to nearest even) and unpack2x16snorm/unorm/float.
@group(0) @binding(0) var<storage, read> a: array<vec2<f32>>;
@group(0) @binding(1) var<storage, read_write> packed: array<u32>;
@group(0) @binding(2) var<storage, read_write> unpacked: array<vec2<f32>>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let v = a[i];
  let s = pack2x16snorm(v);
  let u = pack2x16unorm(v);
  let h = pack2x16float(v * 100.0);
  packed[i * 3u] = s;
  packed[i * 3u + 1u] = u;
  packed[i * 3u + 2u] = h;
  unpacked[i * 3u] = unpack2x16snorm(s);
  unpacked[i * 3u + 1u] = unpack2x16unorm(u);
  unpacked[i * 3u + 2u] = unpack2x16float(h);
}
