// swizzle_assignment: swizzles of function, private, workgroup and storage vectors assigned plainly and compoundly, chained, indexed, through pointers; the vector expression is evaluated once.
struct Buf {
  a: vec4<u32>,
  b: array<vec3<f32>, 2>,
}

@group(0) @binding(0) var<storage, read_write> buf: Buf;
@group(0) @binding(1) var<storage, read_write> out: array<u32, 24>;

var<private> calls: u32;
var<private> pv: vec3<u32>;
var<workgroup> wv: vec4<u32>;

fn next() -> u32 {
  calls += 1u;
  return calls;
}

fn through(p: ptr<function, vec4<u32>>) {
  p.wz = vec2(7u, 8u);
  (*p).yx += vec2(10u, 20u);
}

@compute @workgroup_size(1)
fn main() {
  var idx = 1u;
  var v = vec4(1u, 2u, 3u, 4u);
  v.zy = vec2(5u, 6u);
  v.yz.yx = vec2(99u, 100u);
  v.yz.y = 200u;
  v.rgb *= vec3(2u);
  v.xyz[1] = 300u;
  v.zyx[idx] = 9u;
  v.xyz[0] += 5u;
  v.x++;
  through(&v);
  out[0] = v.x; out[1] = v.y; out[2] = v.z; out[3] = v.w;

  var arr: array<vec2<u32>, 3>;
  arr[next()].yx = vec2(11u, 12u);
  arr[next()].xy += vec2(next(), 0u);
  out[4] = arr[1].x; out[5] = arr[1].y; out[6] = arr[2].x; out[7] = calls;

  pv.zx = vec2(1u, 2u);
  wv.wy = vec2(5u, 6u);
  wv.wy -= vec2(1u);
  let pp = &pv;
  pp.yx = vec2(30u, 40u);
  out[8] = pv.x; out[9] = pv.y; out[10] = pv.z; out[11] = wv.y; out[12] = wv.w;

  let p = &buf.a;
  p.zy = vec2(1u, 2u);
  p.yz.yx += vec2(3u, 4u);
  p.xyz[idx] = 50u;
  buf.b[idx].zx = vec2(0.5, 0.25);
  buf.b[0].yz *= vec2(3.0, -1.0);
  out[13] = buf.a.x; out[14] = buf.a.y; out[15] = buf.a.z; out[16] = buf.a.w;
  out[17] = bitcast<u32>(buf.b[1].x); out[18] = bitcast<u32>(buf.b[1].z);
  out[19] = bitcast<u32>(buf.b[0].y); out[20] = bitcast<u32>(buf.b[0].z);
}
