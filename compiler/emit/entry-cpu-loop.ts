/**
 * A CPU entry without barriers or subgroup operations: the invocation loop lives in the entry itself, so
 * the context (bindings, lengths) is built once per workgroup and the body can inline and vectorise instead
 * of one call through a function pointer per invocation. Each invocation still starts from a fresh
 * context (private variables zeroed then initialised, `stopped` clear), in local_invocation_index order,
 * with the abort flag polled before every 64th invocation — duet_cpu_run_workgroup's loop mode.
 */
import { bindSlots, usedSlots } from './bind-slots';
import { builtinArgs } from './entry-builtins';
import { fastPath, fastPathFacts } from './entry-cpu-fast-path';
import { cpuInvocationValues } from './entry-cpu-invocation';
import type { EntryToEmit, ModuleToEmit } from './module-input';

export function cpuLoopEntry(m: ModuleToEmit, e: EntryToEmit): string {
  const name = e.fn.decl.name;
  const [x, y, z] = e.workgroupSize;
  const n = x * y * z;
  const hasWg = m.workgroups.length > 0;
  const { hoisted, perInvocation, values } = cpuInvocationValues(e);
  // One invocation's body, from a fresh copy of `base` (the workgroup's context or its windowed copy).
  const invocation = (base: string) => [
    ...perInvocation.map((l) => `      ${l}`),
    `      DuetCtx ctx = ${base};`,
    '      ctx.lane = duet_li & 31u;',
    '      duet_init_private(ctx);',
    `      wgsl::${m.checker.names.of(name)}(${builtinArgs(e, values, m.checker.names)});`,
  ];
  // Every invocation, in chunks of 64 with the abort flag polled before each, from `base`.
  const chunks = (base: string) => [
    `for (unsigned duet_chunk = 0; duet_chunk < ${n}u; duet_chunk += 64u) {`,
    '  if (duet_cpu_abort_requested(p)) return duet_cpu_finish(p, DUET_STATUS_ABORTED);',
    `  const unsigned duet_end = duet_chunk + 64u < ${n}u ? duet_chunk + 64u : ${n}u;`,
    '  for (unsigned duet_li = duet_chunk; duet_li < duet_end; duet_li++) {',
    ...invocation(base).map((l) => l.slice(2)),
    '  }',
    '}',
    'return duet_cpu_finish(p, 0);',
  ];
  const facts = fastPathFacts(m, e);
  return [
    `// wgsl:${e.fn.decl.pos.line} @compute @workgroup_size(${x}, ${y}, ${z}) fn ${name}`,
    `extern "C" int ${m.checker.names.entry(name)}(const DuetParams* p, const unsigned wg[3]) {`,
    '  using namespace wgsl;',
    `  static const unsigned duet_wg_size[3] = {${x}u, ${y}u, ${z}u};`,
    '  unsigned char* duet_wgmem;',
    `  const int duet_ready = duet_cpu_loop_begin(duet_wg_size, ${hasWg ? 'sizeof(DuetWorkgroup)' : '0'}, &duet_wgmem);`,
    '  if (duet_ready <= 0) return duet_ready;',
    '  DuetCtx duet_base = {};',
    '  duet_base.control = p->control;',
    '  bool duet_fit = true;',
    ...bindSlots(m, 'p->', 'duet_base', usedSlots(m, e)).map((l) => `  ${l}`),
    '  if (!duet_fit) return duet_cpu_refuse(p);',
    '  duet_base.wg = (DuetWorkgroup*)duet_wgmem;',
    '  (void)wg;',
    ...hoisted.map((l) => `  ${l}`),
    ...(facts ? fastPath(m, e, facts, chunks('duet_b')) : chunks('duet_base')).map((l) => `  ${l}`),
    '}',
  ].join('\n');
}
