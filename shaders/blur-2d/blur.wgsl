// 2D convolution: a 5×5 Gaussian blur (binomial weights 1 4 6 4 1 in each direction, divided by 256)
// over a single-channel f32 image, clamping coordinates at the borders ("clamp to edge").
// One invocation per output pixel; neighbouring invocations read overlapping 5×5 windows, so caches
// (or a workgroup-memory tile, see the README) serve most of the 25 reads.

const RADIUS: i32 = 2;
const WEIGHTS = array<f32, 5>(1.0, 4.0, 6.0, 4.0, 1.0);

struct Params {
  width: u32,
  height: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let x = i32(gid.x);
  let y = i32(gid.y);
  let max_x = i32(params.width) - 1;
  let max_y = i32(params.height) - 1;
  var acc = 0.0;
  for (var dy = -RADIUS; dy <= RADIUS; dy++) {
    let sy = clamp(y + dy, 0, max_y);
    for (var dx = -RADIUS; dx <= RADIUS; dx++) {
      let sx = clamp(x + dx, 0, max_x);
      let w = WEIGHTS[dy + RADIUS] * WEIGHTS[dx + RADIUS]; // exact: small integers
      acc = acc + w * src[u32(sy) * params.width + u32(sx)];
    }
  }
  dst[gid.y * params.width + gid.x] = acc * (1.0 / 256.0);
}
