// evaluation order in control flow: side-effecting calls in if conditions, switch selectors, while conditions, for-loop conditions and updates run exactly once per evaluation, in order.
var<private> trace: u32;
var<private> calls: u32;

fn note(v: u32) -> u32 {
  calls += 1u;
  trace = trace * 7u + v;
  return v;
}

@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let n = a[i];
  var r = 0u;
  if (note(n) > 3u && note(n + 1u) > 5u) {
    r += 1u;
  } else if (note(2u) == n) {
    r += 2u;
  }
  switch (note(n % 3u)) {
    case 0u: { r += 10u; }
    case 1u: { r += 20u; }
    default: { r += 30u; }
  }
  var k = 0u;
  while (note(k) < n) {
    k += 2u;
  }
  for (var j = note(1u); j < note(4u); j = note(j + 1u)) {
    r += j;
  }
  out[i * 3u] = r;
  out[i * 3u + 1u] = calls;
  out[i * 3u + 2u] = trace;
}
