// integer semantics: converting a run-time NaN (0/0) to i32 or u32 gives 0.
@group(0) @binding(0) var<storage, read> f: array<f32>;
@group(0) @binding(1) var<storage, read_write> io: array<i32>;
@group(0) @binding(2) var<storage, read_write> uo: array<u32>;

@compute @workgroup_size(4)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let z = f[i];
  let nan = z / z; // 0/0 at run time
  io[i] = i32(nan);
  uo[i] = u32(nan);
}
