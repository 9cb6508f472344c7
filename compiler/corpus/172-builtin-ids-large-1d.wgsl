// builtin values with a 256-wide 1D workgroup and a 1D dispatch: local_invocation_index == local_invocation_id.x, global id spans workgroups, num_workgroups.yz == 1.
@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(256)
fn main(
  @builtin(global_invocation_id) gid: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) li: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) n: vec3<u32>,
) {
  let ok = u32(li == lid.x) & u32(gid.x == wid.x * 256u + li) & u32(gid.y == 0u && gid.z == 0u) & u32(n.y == 1u && n.z == 1u);
  out[gid.x] = (ok << 31u) | (wid.x << 16u) | (n.x << 12u) | li;
}
