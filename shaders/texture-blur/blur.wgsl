// A separable Gaussian blur of a picture (σ ≈ 2, 9 taps per direction) in two passes: horizontal,
// then vertical. Each pass takes its 9 taps with 5 bilinear reads: textureSampleLevel with a linear
// sampler between two texels returns their weighted mean, so one read at a fractional offset does the
// work of two taps (offsets and weights from the 9 discrete taps below: 1.3846 = (1·0.1946 + 2·0.1216)
// / 0.3162, and so on).
// The horizontal pass writes full-precision colours to a storage buffer; the vertical pass reads
// them back, with the same weights at whole-texel offsets, and stores 8-bit colours.

const OFFSETS = array<f32, 3>(0.0, 1.3846153846, 3.2307692308);
const WEIGHTS = array<f32, 3>(0.2270270270, 0.3162162162, 0.0702702703);

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var<storage, read_write> tmp: array<vec4<f32>>;
@group(0) @binding(3) var dst: texture_storage_2d<rgba8unorm, write>;

@compute @workgroup_size(8, 8)
fn horizontal(@builtin(global_invocation_id) gid: vec3<u32>) {
  let size = textureDimensions(src);
  if (gid.x >= size.x || gid.y >= size.y) {
    return;
  }
  // Texel centres sit at (i + 0.5) / size in normalised coordinates.
  let uv = (vec2<f32>(gid.xy) + 0.5) / vec2<f32>(size);
  let step = vec2<f32>(1.0 / f32(size.x), 0.0);
  var acc = textureSampleLevel(src, smp, uv, 0.0) * WEIGHTS[0];
  for (var i = 1; i < 3; i++) {
    acc += textureSampleLevel(src, smp, uv + step * OFFSETS[i], 0.0) * WEIGHTS[i];
    acc += textureSampleLevel(src, smp, uv - step * OFFSETS[i], 0.0) * WEIGHTS[i];
  }
  tmp[gid.y * size.x + gid.x] = acc;
}

// The vertical pass reads the buffer, so there is no filtering hardware to interpolate for it: it
// takes the 9 discrete taps themselves (binomial coefficients of row 12 without its two outermost,
// normalised to sum to 1), clamping at the top and bottom edges like the sampler's clamp-to-edge.
const TAPS = array<f32, 5>(0.2270270270, 0.1945945946, 0.1216216216, 0.0540540541, 0.0162162162);

@compute @workgroup_size(8, 8)
fn vertical(@builtin(global_invocation_id) gid: vec3<u32>) {
  let size = textureDimensions(dst);
  if (gid.x >= size.x || gid.y >= size.y) {
    return;
  }
  let y = i32(gid.y);
  let last = i32(size.y) - 1;
  var acc = tmp[gid.y * size.x + gid.x] * TAPS[0];
  for (var i = 1; i < 5; i++) {
    let up = u32(clamp(y - i, 0, last));
    let down = u32(clamp(y + i, 0, last));
    acc += (tmp[up * size.x + gid.x] + tmp[down * size.x + gid.x]) * TAPS[i];
  }
  textureStore(dst, gid.xy, vec4<f32>(acc.rgb, 1.0));
}
