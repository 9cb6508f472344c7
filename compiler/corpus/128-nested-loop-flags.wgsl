// control flow: leaving nested loops through flags, continue in a nested for with a non-trivial update, and a loop whose continuing block contains an if.
@group(0) @binding(0) var<storage, read> grid: array<u32, 64>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let want = g.x * 3u + 1u;
  var pos = 0xffffffffu;
  var done = false;
  for (var r = 0u; r < 8u && !done; r++) {
    for (var c = 0u; c < 8u; c += 1u) {
      if (grid[r * 8u + c] % 8u != want % 8u) {
        continue;
      }
      pos = r * 8u + c;
      done = true;
      break;
    }
  }
  var odd = 0u;
  var k = 0u;
  loop {
    if (k >= 10u) {
      break;
    }
    continuing {
      if (k % 2u == 1u) {
        odd += k;
      }
      k += 1u;
    }
  }
  out[g.x] = pos * 1000u + odd;
}
