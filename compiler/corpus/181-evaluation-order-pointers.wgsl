// left-to-right evaluation with pointers: in f(&x) + x the read of x happens after f's write, in x + f(&x) before; side effects inside index expressions of the left-hand side happen before the right-hand side.
fn inc(p: ptr<function, i32>) -> i32 {
  *p += 1;
  return *p * 10;
}

fn push(p: ptr<function, array<i32, 4>>, k: ptr<function, i32>, v: i32) -> i32 {
  (*p)[*k] = v;
  *k += 1;
  return v;
}

@group(0) @binding(0) var<storage, read_write> out: array<i32>;

@compute @workgroup_size(1)
fn main() {
  var x = 1;
  out[0] = inc(&x) + x; // 20 + 2
  x = 1;
  out[1] = x + inc(&x); // 1 + 20
  x = 1;
  out[2] = inc(&x) - inc(&x) * x; // 20 - 30 * 3
  var arr = array<i32, 4>(0, 0, 0, 0);
  var k = 0;
  let s = push(&arr, &k, 5) * 100 + push(&arr, &k, 6) * 10 + push(&arr, &k, 7);
  out[3] = s;
  out[4] = arr[0] * 1000 + arr[1] * 100 + arr[2] * 10 + arr[3];
  out[5] = k;
  x = 1;
  var v = vec2(inc(&x), x); // (20, 2)
  out[6] = v.x + v.y;
  x = 0;
  arr[x] = inc(&x); // index read before the call: arr[0] = 10
  out[7] = arr[0] * 100 + arr[1];
}
