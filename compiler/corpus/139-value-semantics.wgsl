// function calls: structs and arrays are passed and returned by value; changing a copy never changes the original (let, var copies and parameters).
struct P {
  v: vec3<f32>,
  n: array<i32, 3>,
}

fn mutate(p: P) -> P {
  var q = p; // parameters are immutable; q is a copy
  q.v.x = 100.0;
  q.n[1] = -1;
  return q;
}

fn make(k: i32) -> array<i32, 3> {
  return array<i32, 3>(k, k * 2, k * 3);
}

@group(0) @binding(0) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  var a = P(vec3(f32(i), 2.0, 3.0), make(i32(i)));
  let b = mutate(a);
  var c = a;
  c.n[2] = 77;
  var arr = make(5);
  var arr2 = arr;
  arr2[0] = 9;
  out[i * 8u] = a.v.x;
  out[i * 8u + 1u] = f32(a.n[1]);
  out[i * 8u + 2u] = b.v.x;
  out[i * 8u + 3u] = f32(b.n[1]);
  out[i * 8u + 4u] = f32(c.n[2]);
  out[i * 8u + 5u] = f32(a.n[2]);
  out[i * 8u + 6u] = f32(arr[0]);
  out[i * 8u + 7u] = f32(arr2[0]);
}
