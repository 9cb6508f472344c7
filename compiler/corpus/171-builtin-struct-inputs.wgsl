// builtin values passed in a struct parameter (entry-point IO struct) and mixed with loose parameters; num_workgroups in a 2D dispatch.
struct In {
  @builtin(global_invocation_id) gid: vec3<u32>,
  @builtin(workgroup_id) wid: vec3<u32>,
}

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8, 1, 1)
fn main(input: In, @builtin(num_workgroups) n: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let width = n.x * 8u;
  let idx = input.gid.y * width + input.gid.x;
  out[idx] = input.wid.x * 1000u + input.wid.y * 100u + li * 10u + n.y;
}
