/**
 * How an entry point points its context at the dispatch's slots (docs/contracts.md §3), shared by both
 * targets' entry points.
 */
import { isHandle } from '../front/types';
import type { EntryToEmit, ModuleToEmit } from './module-input';
import { cppType, runtimeMemberOffset } from './types';

/**
 * Statements that point the context at the slots (`c` names the context), through the prelude's duet_bind
 * and duet_rt::bind, which size each view from the binding's bytes and the C++ type's own size (wall 2).
 * For the bindings `check` names (those the entry point uses) they clear `duet_fit` when the binding is
 * smaller than its type; the entry point then runs no WGSL code. A variable sharing its slot with one
 * the entry point uses is bound too, unchecked: the entry point never names it (translate.ts).
 */
export function bindSlots(
  m: ModuleToEmit,
  p: string,
  c = 'ctx',
  check: ReadonlySet<string> = new Set(),
): string[] {
  const names = m.checker.names;
  // Outside `namespace wgsl` a user type's name may also be a system header's (`tm`): qualify it.
  const q = names.qualified;
  const lines: string[] = [];
  for (const b of m.bindings) {
    const g = m.scope.globals.get(b.name)!;
    const name = names.of(b.name);
    const t = g.type;
    const slot = `${p}slot[${b.slot}]`;
    const bytes = `${p}slotBytes[${b.slot}]`;
    const fit = check.has(b.name) ? '&duet_fit' : '0';
    if (t.k === 'array' && t.count === null) {
      lines.push(`${c}.${name}.bind(${slot}, ${bytes}, 0ull, ${fit});`);
      continue;
    }
    if (t.k === 'buffer') {
      // bufferLength is N for buffer<N> (which the slot must hold), else the slot's bytes.
      lines.push(`${c}.${name}.bind(${slot}, ${bytes}, ${t.size ?? 0}u, ${fit});`);
      continue;
    }
    if (isHandle(t)) {
      // The view checks the header (or sampler descriptor) against the slot's bytes (docs/contracts.md §3).
      lines.push(`${c}.${name}.bind(${slot}, ${bytes}, ${fit});`);
      continue;
    }
    lines.push(`${c}.${name} = duet_bind<${cppType(t, q)}>(${slot}, ${bytes}, ${fit});`);
    if (t.k === 'struct') {
      const last = t.members[t.members.length - 1]!;
      if (last.type.k === 'array' && last.type.count === null) {
        // The C++ struct stops where the runtime-sized member starts (static_assert in its definition);
        // the view starts at that member's offset.
        const view = `${c}.${names.view(b.name)}`;
        lines.push(`${view}.bind(${slot}, ${bytes}, ${runtimeMemberOffset(t)}ull, ${fit});`);
      }
    }
  }
  return lines;
}

/** The bindings an entry point checks for size before it runs: those it uses (all when not known). */
export function usedSlots(m: ModuleToEmit, e: EntryToEmit): Set<string> {
  if (e.usedBindings) return new Set(e.usedBindings);
  const slots = new Set(e.usedSlots ?? m.bindings.map((b) => b.slot));
  return new Set(m.bindings.filter((b) => slots.has(b.slot)).map((b) => b.name));
}
