// Sobel edge detector: the luminance of each pixel's 3×3 neighbourhood (read with textureLoad, whole
// texel coordinates, no sampler), its horizontal and vertical gradients by the Sobel kernels, and
// the gradient's length stored as a grey level. Coordinates are clamped at the borders, so the
// picture's frame does not count as an edge.

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var dst: texture_storage_2d<rgba8unorm, write>;

// Rec. 709 luma weights.
fn luminance(c: vec4<f32>) -> f32 {
  return dot(c.rgb, vec3<f32>(0.2126, 0.7152, 0.0722));
}

fn lum_at(p: vec2<i32>, last: vec2<i32>) -> f32 {
  return luminance(textureLoad(src, clamp(p, vec2<i32>(0), last), 0));
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let size = textureDimensions(src);
  if (gid.x >= size.x || gid.y >= size.y) {
    return;
  }
  let p = vec2<i32>(gid.xy);
  let last = vec2<i32>(size) - 1;
  let tl = lum_at(p + vec2<i32>(-1, -1), last);
  let t = lum_at(p + vec2<i32>(0, -1), last);
  let tr = lum_at(p + vec2<i32>(1, -1), last);
  let l = lum_at(p + vec2<i32>(-1, 0), last);
  let r = lum_at(p + vec2<i32>(1, 0), last);
  let bl = lum_at(p + vec2<i32>(-1, 1), last);
  let b = lum_at(p + vec2<i32>(0, 1), last);
  let br = lum_at(p + vec2<i32>(1, 1), last);
  let gx = (tr + 2.0 * r + br) - (tl + 2.0 * l + bl);
  let gy = (bl + 2.0 * b + br) - (tl + 2.0 * t + tr);
  // A full black-to-white step across a straight edge has length 4: that maps to white (steeper
  // diagonal corners clip).
  let m = clamp(length(vec2<f32>(gx, gy)) / 4.0, 0.0, 1.0);
  textureStore(dst, gid.xy, vec4<f32>(m, m, m, 1.0));
}
