// atomics: atomicCompareExchangeWeak returns the result struct (old_value, exchanged); a CAS retry loop implements an order-independent saturating add and a one-shot claim.
@group(0) @binding(0) var<storage, read_write> acc: array<atomic<u32>, 2>;
@group(0) @binding(1) var<storage, read_write> claims: array<atomic<u32>, 8>;
@group(0) @binding(2) var<storage, read_write> fixed: array<u32, 2>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  // Saturating add through CAS: the final value is min(sum, cap) in any order.
  var cur = atomicLoad(&acc[0]);
  loop {
    let want = min(cur + i, 5000u);
    let r = atomicCompareExchangeWeak(&acc[0], cur, want);
    if (r.exchanged) {
      break;
    }
    cur = r.old_value;
  }
  // Claim: exactly one invocation per slot may change 0 -> 1; count the winners.
  var got = 0u;
  loop {
    let r = atomicCompareExchangeWeak(&claims[i % 8u], 0u, 1u);
    if (r.exchanged) {
      got = 1u;
      break;
    }
    if (r.old_value != 0u) {
      break; // someone else owns it (a spurious failure shows old_value == 0 and retries)
    }
  }
  if (got == 1u) {
    atomicAdd(&acc[1], 1u);
  }
  // A deterministic check of a failing exchange: invocation 0 only gets here once claims[0] != 0.
  if (i == 0u) {
    let miss = atomicCompareExchangeWeak(&claims[0], 12345u, 9u);
    fixed[0] = miss.old_value * 10u + u32(miss.exchanged);
    fixed[1] = u32(miss.exchanged) + 2u;
  }
}
