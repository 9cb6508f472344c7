// control flow: while loops (Collatz steps with a data-dependent trip count), while with break, and a while that never runs.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  var x = a[i];
  var steps = 0u;
  while (x != 1u && x != 0u) {
    if ((x & 1u) == 0u) {
      x = x / 2u;
    } else {
      x = 3u * x + 1u;
    }
    steps++;
  }
  var y = a[i];
  var found = 0u;
  while (true) {
    if (y % 7u == 0u) {
      found = y;
      break;
    }
    y++;
  }
  while (false) {
    found = 12345u;
  }
  out[i * 2u] = steps;
  out[i * 2u + 1u] = found;
}
