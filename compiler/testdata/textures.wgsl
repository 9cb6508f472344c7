// Every texture kind and built-in Duet translates, handles passed to a function (fuzz seed).
@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var layers: texture_2d_array<u32>;
@group(0) @binding(3) var vol: texture_3d<f32>;
@group(0) @binding(4) var line: texture_1d<i32>;
@group(1) @binding(0) var dst: texture_storage_2d<rgba8unorm, write>;
@group(1) @binding(1) var acc: texture_storage_2d_array<r32uint, read_write>;

fn blur(t: texture_2d<f32>, s: sampler, uv: vec2f) -> vec4f {
  var sum = vec4f(0.0);
  for (var i = -2; i <= 2; i++) {
    sum += textureSampleLevel(t, s, uv + vec2f(f32(i), 0.0) / vec2f(textureDimensions(t, 0)), 0.0);
  }
  return sum / 5.0 + textureSampleLevel(t, s, uv, 1.0, vec2(-8, 7)) * 0.0;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  textureBarrier();
  let size = textureDimensions(dst);
  if (gid.x >= size.x || gid.y >= size.y) {
    return;
  }
  let uv = (vec2f(gid.xy) + 0.5) / vec2f(size);
  let n = textureLoad(layers, vec2i(gid.xy), i32(gid.x % textureNumLayers(layers)), 0);
  let v = textureSampleLevel(vol, smp, vec3f(uv, 0.5), f32(textureNumLevels(vol)) - 1.0);
  let l = textureLoad(line, i32(gid.x), 0);
  let g = textureGather(2, src, smp, uv, vec2(1, 1));
  let old = textureLoad(acc, gid.xy, 0);
  textureStore(acc, gid.xy, 0, old + n + vec4u(u32(l.x)));
  textureStore(dst, gid.xy, blur(src, smp, uv) * 0.5 + g * 0.25 + v * 0.25);
}
