/**
 * The `linear_indexing` language feature's compute inputs (WGSL built-in values `workgroup_index` and
 * `global_invocation_index`), as Tint's shader_io polyfill computes them (core/ir/transform/shader_io.cc,
 * PolyfillWorkgroupIndex / PolyfillGlobalInvocationIndex): workgroup_id linearised over num_workgroups,
 * and global_invocation_id linearised over num_workgroups * workgroup_size, in wrapping u32 arithmetic.
 * Each target passes the C++ text of the three components of the ids it has.
 */
import type { EntryToEmit } from './module-input';

type Xyz = readonly [string, string, string];

export function linearIndices(e: EntryToEmit, gid: Xyz, wid: Xyz, nwg: Xyz): Record<string, string> {
  const [x, y] = e.workgroupSize;
  const rowX = `${nwg[0]} * ${x}u`;
  return {
    workgroup_index: `(${wid[0]} + ${wid[1]} * ${nwg[0]} + ${wid[2]} * ${nwg[0]} * ${nwg[1]})`,
    global_invocation_index: `(${gid[0]} + ${gid[1]} * (${rowX}) + ${gid[2]} * (${rowX} * ${nwg[1]} * ${y}u))`,
  };
}
