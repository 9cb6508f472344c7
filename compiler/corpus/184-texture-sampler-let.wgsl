// texture_and_sampler_let: lets holding a texture and a sampler (chained, passed to a function, and a let of a parameter) sample and load the texels the variables themselves do.
@group(0) @binding(0) var tex: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var<storage, read_write> out: array<vec4<f32>, 8>;

fn viaParam(t: texture_2d<f32>, s: sampler, uv: vec2<f32>) -> vec4<f32> {
  let t2 = t;
  let s2 = s;
  return textureSampleLevel(t2, s2, uv, 0.0);
}

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  let a = tex;
  let b = a;
  let s = smp;
  let uv = (vec2(f32(i), f32(3u - i)) + 0.5) / 4.0;
  out[i] = textureSampleLevel(b, s, uv, 0.0);
  out[4u + i] = viaParam(b, s, uv) - textureLoad(a, vec2(i, 3u - i), 0) + vec4(f32(textureDimensions(b).x));
}
