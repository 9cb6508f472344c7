/**
 * A CPU entry point, `extern "C" int duet_k_<name>(params, workgroup id)`, run once per workgroup by the
 * executor. An entry without barriers or subgroup operations loops over its invocations itself
 * (entry-cpu-loop.ts); one whose barriers sit in its own body loops over them between barriers
 * (entry-cpu-fission.ts, when fission-shape.ts allows); any other hands a per-invocation body to the
 * CPU runtime's duet_cpu_run_workgroup, which runs the invocations as fibers that meet at each barrier.
 */
import { bindSlots, usedSlots } from './bind-slots';
import { builtinArgs, subgroupIds } from './entry-builtins';
import { cpuFissionEntry } from './entry-cpu-fission';
import { cpuLoopEntry } from './entry-cpu-loop';
import { fissionPlan } from './fission-shape';
import { linearIndices } from './linear-indexing';
import type { EntryToEmit, ModuleToEmit } from './module-input';

export function cpuEntry(m: ModuleToEmit, e: EntryToEmit): string {
  if (!e.usesBarriers && !e.usesSubgroups) return cpuLoopEntry(m, e);
  const plan = fissionPlan(m, e);
  if (plan) return cpuFissionEntry(m, e, plan);
  const name = e.fn.decl.name;
  const [x, y, z] = e.workgroupSize;
  const hasWg = m.workgroups.length > 0;
  const symbol = m.checker.names.entry(name);
  const body = `duet_body_${symbol.slice('duet_k_'.length)}`; // taken with the symbol (compiler/namer.ts)
  const xyz = (f: string) => [0, 1, 2].map((k) => `duet_inv->${f}[${k}]`) as [string, string, string];
  const u3 = (f: string) => `vec<unsigned, 3>{duet_inv->${f}[0], duet_inv->${f}[1], duet_inv->${f}[2]}`;
  const values: Record<string, string> = {
    global_invocation_id: u3('global_id'),
    local_invocation_id: u3('local_id'),
    local_invocation_index: 'duet_inv->local_index',
    subgroup_invocation_id: 'duet_inv->subgroup_invocation_id',
    subgroup_size: 'duet_inv->subgroup_size',
    ...subgroupIds(e, 'duet_inv->local_index'),
    workgroup_id: u3('workgroup_id'),
    num_workgroups: u3('num_workgroups'),
    ...linearIndices(e, xyz('global_id'), xyz('workgroup_id'), xyz('num_workgroups')),
  };
  return [
    `// wgsl:${e.fn.decl.pos.line} @compute @workgroup_size(${x}, ${y}, ${z}) fn ${name}`,
    `static void ${body}(const DuetParams* p, const DuetInvocation* duet_inv, void* duet_wgmem) {`,
    '  using namespace wgsl;',
    '  DuetCtx ctx = {};',
    '  ctx.control = p->control;',
    ...bindSlots(m, 'p->').map((l) => `  ${l}`),
    '  ctx.wg = (DuetWorkgroup*)duet_wgmem;',
    '  ctx.lane = duet_inv->subgroup_invocation_id;',
    '  (void)duet_inv;',
    '  duet_init_private(ctx);',
    `  wgsl::${m.checker.names.of(name)}(${builtinArgs(e, values, m.checker.names)});`,
    '}',
    `extern "C" int ${symbol}(const DuetParams* p, const unsigned wg[3]) {`,
    '  using namespace wgsl;',
    `  static const unsigned duet_wg_size[3] = {${x}u, ${y}u, ${z}u};`,
    '  DuetCtx duet_probe = {};',
    '  bool duet_fit = true;',
    ...bindSlots(m, 'p->', 'duet_probe', usedSlots(m, e)).map((l) => `  ${l}`),
    '  if (!duet_fit) return duet_cpu_refuse(p);',
    `  return duet_cpu_run_workgroup(p, wg, duet_wg_size, ${body}, ${hasWg ? 'sizeof(wgsl::DuetWorkgroup)' : '0'}, ${e.usesBarriers || e.usesSubgroups ? 1 : 0});`,
    '}',
  ].join('\n');
}
