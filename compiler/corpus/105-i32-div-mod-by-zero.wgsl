// integer semantics: i32 x / 0 == x and x % 0 == 0 (divisor replaced by 1), never a trap or undefined value.
@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read> d: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<i32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  out[i * 2u] = a[i] / d[i];
  out[i * 2u + 1u] = a[i] % d[i];
}
