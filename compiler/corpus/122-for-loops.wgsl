// control flow: for loops with init/condition/update, nested loops, break and continue, loops that run zero times, decrementing loops over u32.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let n = a[i];
  var sum = 0u;
  for (var k = 0u; k < n; k++) {
    if (k % 3u == 1u) {
      continue;
    }
    if (k > 20u) {
      break;
    }
    for (var j = k; j > 0u; j--) {
      sum += j;
      if (j == 2u) {
        break;
      }
    }
  }
  var empty = 7u;
  for (var k = n; k < n; k++) {
    empty = 0u;
  }
  var cnt = 0u;
  for (; cnt < 5u;) {
    cnt += 2u;
  }
  out[i] = sum * 100u + empty * 10u + cnt;
}
