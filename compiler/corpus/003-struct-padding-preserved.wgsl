// layout: storing a whole struct (copied or constructed) writes its members only; the padding bytes keep the pre-filled pattern (WGSL memory model: padding is not written).
struct P {
  a: u32, // 0, then 12 bytes padding
  b: vec4<u32>, // 16
  c: u32, // 32, then 12 bytes padding (size 48)
}

@group(0) @binding(0) var<storage, read> src: array<P>;
@group(0) @binding(1) var<storage, read_write> dst: array<P>;

@compute @workgroup_size(8)
fn main(@builtin(local_invocation_index) i: u32) {
  // A struct copy: the source's padding bytes hold other values and must not be copied.
  dst[i] = src[i];
  // A constructed struct.
  dst[i + 8u] = P(i, vec4<u32>(i, i + 1u, i + 2u, i + 3u), ~i);
}
