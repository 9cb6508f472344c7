// logical && and || short-circuit: the right operand (a function with side effects) runs only when needed; & and | on bools evaluate both.
var<private> calls: u32;

fn probe(v: bool) -> bool {
  calls += 1u;
  return v;
}

@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i] != 0u;
  var r = 0u;
  calls = 0u;
  if (x && probe(i > 3u)) { r |= 1u; }
  let c1 = calls;
  if (x || probe(i > 5u)) { r |= 2u; }
  let c2 = calls;
  if (x & probe(true)) { r |= 4u; }
  let c3 = calls;
  let chain = probe(false) || probe(x) || probe(true);
  out[i] = r | (c1 << 4u) | (c2 << 8u) | (c3 << 12u) | (calls << 16u) | (u32(chain) << 24u);
}
