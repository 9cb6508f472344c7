// function calls: ptr<storage, T, read_write> and ptr<storage, T, read> parameters (whole buffer, array element, struct member) read and write the binding.
struct Pair {
  a: u32,
  b: u32,
}

@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> pairs: array<Pair>;
@group(0) @binding(2) var<storage, read_write> total: array<u32>;

fn load3(p: ptr<storage, array<u32>, read>, i: u32) -> u32 {
  return (*p)[i] + (*p)[i + 1u] + (*p)[i + 2u];
}

fn set_pair(p: ptr<storage, Pair, read_write>, v: u32) {
  (*p).a = v;
  p.b = v * 2u + (*p).a;
}

fn inc(p: ptr<storage, u32, read_write>, by: u32) {
  *p = *p + by;
}

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let s = load3(&src, i);
  set_pair(&pairs[i], s);
  inc(&pairs[i].a, 1u);
  inc(&total[i], s);
}
