/**
 * `DuetWorkgroup`: the module's `var<workgroup>` variables in one per-workgroup struct, which each
 * target's entry point places in workgroup memory (CUDA `__shared__`, the CPU runtime's per-workgroup
 * block), zeroed before the workgroup's invocations run.
 */
import type { ModuleToEmit } from './module-input';
import { cppType } from './types';

export function workgroupStruct(m: ModuleToEmit): string {
  const names = m.checker.names;
  const wg = ['struct DuetWorkgroup {'];
  for (const g of m.workgroups)
    wg.push(
      `  ${cppType(g.type, names)} ${names.of(g.decl.name)};  // wgsl:${g.decl.pos.line} var<workgroup>`,
    );
  if (m.workgroups.length === 0) wg.push('  unsigned duet_unused;');
  wg.push('};');
  return wg.join('\n');
}
