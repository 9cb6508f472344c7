/**
 * `DuetCtx`: the per-invocation context every emitted function takes (Tint msl/writer/raise/
 * module_scope_vars.cc does the same for MSL): the control word, the invocation's stop flag and lane,
 * each binding as a pointer or view of its slot, `var<private>` variables by value, and the workgroup
 * struct.
 */
import { isHandle, typeName } from '../front/types';
import type { BindingInfo } from '../reflect';
import type { ModuleToEmit } from './module-input';
import { cppType } from './types';

/** `withFullFlag`: some entry's CPU fast path proves guards (entry-cpu-fast-path.ts) and sets duet_full. */
export function duetCtxStruct(m: ModuleToEmit, withFullFlag: boolean): string {
  const names = m.checker.names;
  const ctx = [
    'struct DuetCtx {',
    '  unsigned int* control;  // DuetParams::control: abort flag and status bits',
    '  int stopped;  // set when a loop guard or the abort flag stops this invocation',
    '  unsigned lane;  // subgroup_invocation_id (32-lane subgroups)',
  ];
  for (const b of m.bindings) ctx.push(...bindingMembers(m, b));
  for (const g of m.privates)
    ctx.push(
      `  ${cppType(g.type, names)} ${names.of(g.decl.name)};  // wgsl:${g.decl.pos.line} var<private>`,
    );
  if (withFullFlag)
    ctx.push(
      '  bool duet_full;  // this invocation is in a chunk whose guards the entry proved (cpuLoopEntry)',
    );
  ctx.push('  DuetWorkgroup* wg;', '};');
  return ctx.join('\n');
}

/** Context members for one binding: a pointer to its data, or views of runtime-sized arrays. */
function bindingMembers(m: ModuleToEmit, b: BindingInfo): string[] {
  const names = m.checker.names;
  const g = m.scope.globals.get(b.name)!;
  const name = names.of(b.name);
  const note = `// slot ${b.slot}: @group(${b.group}) @binding(${b.binding}) ${b.kind} ${typeName(g.type)}`;
  const t = g.type;
  // Runtime-sized arrays, textures and samplers: views the entry binds to the slot (duet_rt, duet_texture…).
  if ((t.k === 'array' && t.count === null) || isHandle(t))
    return [`  ${cppType(t, names)} ${name};  ${note}`];
  if (t.k === 'buffer') return [`  duet_buf ${name};  ${note}`];
  const lines = [`  ${cppType(t, names)}* ${name};  ${note}`];
  if (t.k === 'struct') {
    const last = t.members[t.members.length - 1]!;
    if (last.type.k === 'array' && last.type.count === null) {
      lines.push(`  ${cppType(last.type, names)} ${names.view(b.name)};  // ${b.name}.${last.name}`);
    }
  }
  return lines;
}
