// Mandelbrot set: one invocation per pixel iterates z ← z² + c until |z| > 2 or `max_iter` steps,
// and colours the pixel by the step count. Output: one u32 per pixel holding R, G, B, A bytes
// (little-endian: R in the lowest byte), drawn by the page as an rgba8 image.
// The work per pixel varies from 1 step to max_iter: a lesson in divergence.

struct Params {
  width: u32,
  height: u32,
  max_iter: u32,
  x0: f32,   // real part at the left edge
  y0: f32,   // imaginary part at the top edge
  step: f32, // complex-plane distance between neighbouring pixels
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> pixels: array<u32>;

fn colour(iterations: u32) -> u32 {
  if (iterations >= params.max_iter) {
    return 0xff000000u; // inside the set: opaque black
  }
  // A cheap integer palette: bands that cycle every 256/k steps per channel.
  let r = (iterations * 7u) & 0xffu;
  let g = (iterations * 3u + 40u) & 0xffu;
  let b = (iterations * 11u + 120u) & 0xffu;
  return r | (g << 8u) | (b << 16u) | (0xffu << 24u);
}

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let cx = params.x0 + f32(gid.x) * params.step;
  let cy = params.y0 + f32(gid.y) * params.step;
  var x = 0.0;
  var y = 0.0;
  var i = 0u;
  loop {
    let xx = x * x;
    let yy = y * y;
    if (i >= params.max_iter || xx + yy > 4.0) {
      break;
    }
    let xy = x * y;
    x = xx - yy + cx;
    y = xy + xy + cy;
    i++;
  }
  pixels[gid.y * params.width + gid.x] = colour(i);
}
