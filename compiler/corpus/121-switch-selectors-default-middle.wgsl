// control flow: switch with several selectors per case, default placed in the middle and combined with a selector (case 4, default), const-expression selectors, break inside a case, on i32 and u32.
const SEVEN = 7;

@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read_write> out: array<i32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  var r = 0;
  switch (x) {
    case 0, 1, 2: {
      r = 10;
    }
    case 4, default: {
      r = 20;
      if (x > 100) {
        break;
      }
      r += 1;
    }
    case SEVEN, SEVEN + 1: {
      r = 30;
    }
    case -3: {
      r = 40;
    }
  }
  var s = 0u;
  switch (u32(i) % 4u) {
    case 3u: { s = 3u; }
    default: { s = 99u; }
    case 1u, 2u: { s = 12u; }
  }
  out[i] = r * 1000 + i32(s);
}
