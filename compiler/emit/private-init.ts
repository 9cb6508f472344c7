/**
 * `duet_init_private`: gives each invocation's `var<private>` variables their initial values (zero
 * unless given, WGSL §7.3); every entry point calls it on a fresh, zeroed context.
 */
import { FunctionEmitter } from './function';
import type { ModuleToEmit } from './module-input';

export function privateInitFunction(m: ModuleToEmit): string {
  const names = m.checker.names;
  const inits = m.privates
    .filter((g) => g.decl.init)
    .map((g) => ({ target: `ctx.${names.of(g.decl.name)}`, init: g.decl.init!, type: g.type }));
  const body = new FunctionEmitter(m.checker, undefined).emitAssignments(inits);
  return ['DUET_FN void duet_init_private(DuetCtx& ctx) {', ...body, '  (void)ctx;', '}'].join('\n');
}
