// linear_indexing: workgroup_index linearises workgroup_id over num_workgroups and global_invocation_index global_invocation_id over num_workgroups * workgroup_size (3D dispatch, 3D workgroup).
requires linear_indexing;

@group(0) @binding(0) var<storage, read_write> out: array<vec2<u32>>;

@compute @workgroup_size(4, 2, 2)
fn main(
  @builtin(global_invocation_index) gidx: u32,
  @builtin(workgroup_index) widx: u32,
  @builtin(local_invocation_index) lidx: u32,
) {
  out[gidx] = vec2(widx, lidx);
}
