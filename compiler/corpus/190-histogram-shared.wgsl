// real project: a 32-bin histogram built per workgroup with workgroup atomics, then merged into global bins with storage atomics; counts are order-independent.
var<workgroup> local_bins: array<atomic<u32>, 32>;

@group(0) @binding(0) var<storage, read> pixels: array<u32>;
@group(0) @binding(1) var<storage, read_write> bins: array<atomic<u32>, 32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let p = pixels[g.x];
  // luminance of an rgba8 pixel, integer weights
  let r = p & 0xffu;
  let gg = (p >> 8u) & 0xffu;
  let b = (p >> 16u) & 0xffu;
  let lum = (r * 54u + gg * 183u + b * 19u) >> 8u;
  atomicAdd(&local_bins[lum >> 3u], 1u);
  workgroupBarrier();
  if (li < 32u) {
    atomicAdd(&bins[li], atomicLoad(&local_bins[li]));
  }
}
