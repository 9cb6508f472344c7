// control flow: return from the entry point inside nested loops and branches stops only that invocation; return from helper functions inside loops.
fn find(x: u32) -> u32 {
  for (var k = 0u; k < 32u; k++) {
    if (((x >> k) & 1u) == 1u) {
      return k;
    }
  }
  return 99u;
}

@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  out[i * 2u] = find(x);
  for (var k = 0u; k < 4u; k++) {
    loop {
      if (x == k * 10u) {
        out[i * 2u + 1u] = 1000u + k;
        return;
      }
      break;
    }
  }
  if (x > 100u) {
    return;
  }
  out[i * 2u + 1u] = x + 1u;
}
