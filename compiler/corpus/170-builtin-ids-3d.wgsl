// builtin values in a 3D dispatch with a 3D workgroup: global_invocation_id = workgroup_id * size + local_invocation_id, local_invocation_index = x + y*sx + z*sx*sy.
@group(0) @binding(0) var<storage, read_write> out: array<vec4<u32>>;

@compute @workgroup_size(4, 2, 2)
fn main(
  @builtin(global_invocation_id) gid: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) lidx: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let w = wid.x + nwg.x * (wid.y + nwg.y * wid.z);
  let slot = w * 16u + lidx;
  out[slot * 2u] = vec4(gid, lidx);
  out[slot * 2u + 1u] = vec4(lid.x + lid.y * 4u + lid.z * 8u, wid.x * 100u + wid.y * 10u + wid.z, nwg.x * 100u + nwg.y * 10u + nwg.z, w);
}
