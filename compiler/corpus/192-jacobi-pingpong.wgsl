// real project: three Jacobi relaxation sweeps on a 1D rod with fixed ends, ping-ponging two storage buffers through pass swaps; exact halving arithmetic.
@group(0) @binding(0) var<storage, read_write> u: array<f32>;
@group(0) @binding(1) var<storage, read_write> v: array<f32>;

@compute @workgroup_size(64)
fn relax(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let n = arrayLength(&u);
  if (i == 0u || i >= n - 1u) {
    v[min(i, n - 1u)] = u[min(i, n - 1u)];
    return;
  }
  v[i] = (u[i - 1u] + u[i + 1u]) * 0.5;
}
