// function calls: ptr<function, T> parameters (scalar, vector, struct, array element and vector lane… via whole variables) are written through by the callee; pointer re-borrowing with let p = &v.
struct Acc {
  sum: i32,
  count: u32,
}

fn bump(p: ptr<function, i32>, by: i32) {
  *p += by;
}

fn add_to(acc: ptr<function, Acc>, v: i32) {
  (*acc).sum += v;
  acc.count += 1u; // pointer member access without explicit deref
}

fn swap2(a: ptr<function, vec2<f32>>) {
  *a = (*a).yx;
}

fn fill_arr(arr: ptr<function, array<i32, 4>>, base: i32) {
  for (var k = 0; k < 4; k++) {
    (*arr)[k] = base + k;
  }
}

@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read_write> out: array<i32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  var x = a[i];
  bump(&x, 5);
  let px = &x;
  bump(px, *px); // doubles x
  var acc: Acc;
  add_to(&acc, x);
  add_to(&acc, -3);
  var v = vec2(f32(i), 10.0);
  swap2(&v);
  var arr: array<i32, 4>;
  fill_arr(&arr, x);
  out[i * 5u] = x;
  out[i * 5u + 1u] = acc.sum;
  out[i * 5u + 2u] = i32(acc.count);
  out[i * 5u + 3u] = i32(v.x * 100.0 + v.y);
  out[i * 5u + 4u] = arr[0] + arr[3] * 10;
}
