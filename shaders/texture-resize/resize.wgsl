// Bilinear resize: every output pixel samples the source picture at its own centre, mapped into the
// source's normalised [0, 1] coordinates. A linear sampler mixes the four nearest source texels by
// their distances (WebGPU §7.1; WGSL §16.7.13 textureSampleLevel), clamp-to-edge keeps the border
// texels for coordinates past the edge. Scaling up by 1.5 shows the smooth ramps between texels;
// scaling down shows the aliasing bilinear filtering alone cannot remove (the stripes).

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var dst: texture_storage_2d<rgba8unorm, write>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let size = textureDimensions(dst);
  if (gid.x >= size.x || gid.y >= size.y) {
    return;
  }
  let uv = (vec2<f32>(gid.xy) + 0.5) / vec2<f32>(size);
  textureStore(dst, gid.xy, textureSampleLevel(src, smp, uv, 0.0));
}
