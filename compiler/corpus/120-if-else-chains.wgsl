// control flow: if / else if / else chains with nested ifs and conditions on several types pick exactly one branch.
@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read_write> out: array<i32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  var r = 0;
  if (x < -50) {
    r = 1;
  } else if (x < 0) {
    if ((x & 1) == 0) {
      r = 2;
    } else {
      r = 3;
    }
  } else if (x == 0) {
    r = 4;
  } else if (x > 50 && x % 3 == 0) {
    r = 5;
  } else {
    r = 6;
    if (x > 90) {
      r += 10;
    }
  }
  out[i] = r * 1000 + x;
}
