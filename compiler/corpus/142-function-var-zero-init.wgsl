// function-scope var without initialiser is zero (scalars, vectors, matrices, arrays, structs); a zero-value constructor in a loop body re-zeroes each iteration.
struct Z {
  a: i32,
  b: vec4<u32>,
  c: array<f32, 3>,
  m: mat3x3<f32>,
}

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(local_invocation_index) i: u32) {
  var s: i32;
  var u: u32;
  var f: f32;
  var b: bool;
  var v: vec3<i32>;
  var arr: array<u32, 16>;
  var z: Z;
  var acc = 0u;
  for (var k = 0u; k < 4u; k++) {
    var fresh = array<u32, 4>(); // zero-value constructor, re-run every iteration
    acc += fresh[k];
    fresh[k] = 100u;
    acc += fresh[(k + 1u) % 4u];
  }
  out[i * 4u] = u32(s) + u + u32(f) + u32(b) + u32(v.x + v.y + v.z) + arr[i] + arr[15 - i];
  out[i * 4u + 1u] = u32(z.a) + z.b.x + z.b.w + u32(z.c[i % 3u]) + u32(z.m[2][2]);
  out[i * 4u + 2u] = acc;
  out[i * 4u + 3u] = 0xabcdu;
}
