/**
 * `translate` (contract §2): WGSL → one self-contained CUDA C++ or CPU C++ source. Pipeline (adapted
 * from Tint's pass order): parse → resolve module scope with overrides substituted → type-check
 * the functions reachable from the chosen entry points → uniformity analysis of each → emit (ordered temporaries, robustness clamps,
 * integer polyfills, workgroup zero-init, loop guards, explicit layout, module-scope context) → assemble.
 * Every failure, including an internal one, becomes a positioned diagnostic; nothing is emitted then.
 */
import { MAX_SLOTS } from '../core/abi';
import { CompileError, type Diagnostic, type Pos, toDiagnostics } from './diagnostics';
import { emitModule } from './emit/module';
import type { EntryToEmit, Target } from './emit/module-input';
import type { FnDecl } from './front/ast';
import type { FnInfo } from './front/check/annotations';
import { Checker } from './front/check/checker';
import { parse } from './front/parser';
import { type GlobalVar, ModuleScope } from './front/scope';
import { usesF16 } from './front/types';
import { Uniformity } from './front/uniformity';
import { checkMemory } from './memory-limits';
import { ModuleNames } from './namer';
import { type BindingInfo, collectBindings, stageOf, workgroupSizeOf } from './reflect';

export interface TranslateOptions {
  file?: string;
  target: Target;
  entryPoints?: string[];
  overrides?: Record<string, number>;
  /**
   * CPU target: run every barrier entry as fibers, even where loop fission applies
   * (compiler/emit/fission-shape.ts); for tests and benches that compare the two.
   */
  cpuFibers?: boolean;
}

export interface KernelInfo {
  entryPoint: string;
  symbol: string;
  workgroupSize: [number, number, number];
  usesBarriers: boolean;
  usesSubgroups: boolean;
  usesF16: boolean;
  /**
   * Slots of the bindings the entry point statically uses (WGSL section 13.3.2, "resource interface
   * of a shader": the module-scope variables its function and the functions it calls reference).
   * WebGPU requires a bind group entry for each of these; the daemon does too.
   */
  usedSlots: number[];
  /**
   * The texture-sampler pairs of its sampling calls (WebGPU §8.1.1 "texture-sampler pairs"), by slot,
   * with the WGSL position of the call: the run plan refuses a filtering sampler paired with a texture
   * that cannot be filtered, as WebGPU refuses the pipeline.
   */
  samplings: { texture: number; sampler: number; line: number; col: number }[];
  /** Names of those bindings: two variables may share a slot when no entry point uses both. */
  usedBindings: string[];
  /**
   * Unsized `buffer` bindings it views, by slot, with the bytes the largest view type needs: their
   * minimum binding size (Tint's `TransitivelyReferencedUnsizedBufferSize`, which Dawn reflects as
   * the binding's minBindingSize). The run plan refuses a buffer smaller than that, as WebGPU does.
   */
  viewBytes: { slot: number; bytes: number }[];
}

export type TranslateResult =
  | { ok: true; code: string; kernels: KernelInfo[]; bindings: BindingInfo[]; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

export function translate(source: string, opts: TranslateOptions): TranslateResult {
  const file = opts.file ?? 'input.wgsl';
  const where: { pos?: Pos } = {};
  try {
    return translateOrThrow(source, opts, file, where);
  } catch (err) {
    return { ok: false, diagnostics: toDiagnostics(err, file, where.pos) };
  }
}

function translateOrThrow(
  source: string,
  opts: TranslateOptions,
  file: string,
  where: { pos?: Pos },
): TranslateResult {
  if (opts.target !== 'cuda' && opts.target !== 'cpu') {
    throw new CompileError(
      { line: 1, col: 1, offset: 0 },
      `unknown target '${String(opts.target)}' (cuda or cpu)`,
    );
  }
  const module = parse(source);
  const scope = new ModuleScope(module, opts.overrides ?? {});
  scope.resolveModule();
  const warnings: Diagnostic[] = [];
  const bindings = collectBindings(scope);
  const slotCount = bindings.length ? bindings[bindings.length - 1]!.slot + 1 : 0;
  if (slotCount > MAX_SLOTS) {
    // The generated ABI passes bindings in DuetParams::slot[DUET_MAX_SLOTS] (contracts section 3).
    const first = scope.globals.get(bindings.find((b) => b.slot === MAX_SLOTS)!.name)!;
    throw new CompileError(
      first.decl.pos,
      `the module declares ${slotCount} bindings; Duet runs modules with at most ${MAX_SLOTS} (this is binding ${MAX_SLOTS + 1}, in (group, binding) order)`,
    );
  }

  const computeEntries = [...scope.fns.values()].filter((f) => stageOf(f) === 'compute');
  let chosen = computeEntries;
  if (opts.entryPoints && opts.entryPoints.length > 0) {
    // Each once: `--entry main --entry main` must not emit duet_k_main twice.
    chosen = [...new Set(opts.entryPoints)].map((name) => {
      const f = scope.fns.get(name);
      if (!f) throw new CompileError({ line: 1, col: 1, offset: 0 }, `no entry point named '${name}'`);
      if (stageOf(f) !== 'compute') throw new CompileError(f.pos, `'${name}' is not a @compute entry point`);
      return f;
    });
  }
  if (chosen.length === 0) {
    throw new CompileError({ line: 1, col: 1, offset: 0 }, 'the module has no @compute entry point');
  }

  const checker = new Checker(scope, new ModuleNames(scope));
  const uniformity = new Uniformity(module, checker);
  const entries: EntryToEmit[] = [];
  for (const f of chosen) {
    where.pos = f.pos;
    const workgroupSize = workgroupSizeOf(scope, f);
    const fi = checker.checkFunction(f.name, f.pos);
    // The entry point and everything it calls are checked now: the uniformity analysis (WGSL §15.2).
    uniformity.checkEntry(f.name);
    if (fi.ret.k !== 'void') throw new CompileError(f.pos, 'a compute entry point returns nothing');
    entries.push({ fn: fi, workgroupSize, usesBarriers: false, usesSubgroups: false });
  }
  // A shader-creation error anywhere fails the whole module (WGSL §2.3, as Chrome reports it): the
  // functions no chosen entry point reaches are checked too, and not emitted.
  checker.checkUnreachedFunctions();
  // Every module-scope const and override must be valid, used or not (WGSL §7.1, §8.8).
  checker.checkModuleDeclarations();

  // Functions reachable from the entry points, in source order; barrier use is transitive.
  const reachable = new Set<string>();
  const visit = (name: string) => {
    if (reachable.has(name)) return;
    reachable.add(name);
    for (const c of checker.fnInfo.get(name)!.calls) visit(c);
  };
  for (const e of entries) visit(e.fn.decl.name);
  const functions: FnInfo[] = [...scope.fns.keys()]
    .filter((n) => reachable.has(n))
    .map((n) => checker.fnInfo.get(n)!);
  const transitively = (name: string, has: (f: FnInfo) => boolean, seen = new Set<string>()): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    const fi = checker.fnInfo.get(name)!;
    return has(fi) || [...fi.calls].some((c) => transitively(c, has, seen));
  };
  for (const e of entries) {
    e.usesBarriers = transitively(e.fn.decl.name, (f) => f.usesBarrier);
    e.usesSubgroups = transitively(e.fn.decl.name, (f) => f.usesSubgroups);
  }
  // Module-scope variables each entry point statically uses (WGSL section 13.3.2).
  const globalsOf = (name: string, into: Set<string>, seen = new Set<string>()): Set<string> => {
    if (seen.has(name)) return into;
    seen.add(name);
    const fi = checker.fnInfo.get(name)!;
    for (const g of fi.globals) into.add(g);
    for (const c of fi.calls) globalsOf(c, into, seen);
    return into;
  };
  const usesOf = new Map(entries.map((e) => [e, globalsOf(e.fn.decl.name, new Set())]));
  for (const [e, uses] of usesOf) refuseSharedSlot(e.fn.decl, bindings, uses);

  // What the generated source holds: every global some translated entry point uses.
  const used = new Set([...usesOf.values()].flatMap((u) => [...u]));
  const privates: GlobalVar[] = [];
  const workgroups: GlobalVar[] = [];
  for (const g of scope.globals.values()) {
    if (!used.has(g.decl.name)) continue;
    if (g.space === 'private') {
      if (g.decl.init) checker.checkModuleInit(g.decl.init, g.type);
      privates.push(g);
    }
    if (g.space === 'workgroup') workgroups.push(g);
  }
  // What is emitted is known now: the constants whose every use folds stay abstract, unwritten.
  checker.dropFoldedConsts([...functions.map((f) => f.decl.body), ...privates.map((g) => g.decl.init)]);
  where.pos = entries[0]!.fn.decl.pos;
  warnings.push(
    ...checkMemory(
      entries.map((e) => e.fn),
      checker.fnInfo,
      workgroups,
      privates,
      file,
    ),
  );
  const f16 = scope.enables.has('f16') || [...scope.globals.values()].some((g) => usesF16(g.type));
  where.pos = undefined;
  const bindingsUsedBy = (e: (typeof entries)[number]): string[] =>
    bindings.filter((b) => usesOf.get(e)!.has(b.name)).map((b) => b.name);
  const slotsUsedBy = (e: (typeof entries)[number]): number[] => {
    const uses = usesOf.get(e)!;
    return bindings.filter((b) => uses.has(b.name)).map((b) => b.slot);
  };
  // The entry's pairs include its callees' (check/samplings.ts); both sides are variables there.
  const slotOf = new Map(bindings.map((b) => [b.name, b.slot]));
  const samplingsOf = (entry: string): KernelInfo['samplings'] =>
    checker.fnInfo.get(entry)!.samplings.flatMap((p) => {
      const t = 'global' in p.texture ? slotOf.get(p.texture.global) : undefined;
      const s = 'global' in p.sampler ? slotOf.get(p.sampler.global) : undefined;
      return t === undefined || s === undefined
        ? []
        : [{ texture: t, sampler: s, line: p.pos.line, col: p.pos.col }];
    });
  const viewBytesOf = (entry: string): KernelInfo['viewBytes'] => {
    const most = new Map<number, number>();
    for (const v of checker.fnInfo.get(entry)!.bufferViews) {
      if (!('global' in v.buffer)) continue;
      const g = scope.globals.get(v.buffer.global);
      if (g?.type.k !== 'buffer' || g.type.size !== null || g.space === 'workgroup') continue;
      const slot = slotOf.get(v.buffer.global)!;
      most.set(slot, Math.max(most.get(slot) ?? 0, v.bytes));
    }
    return [...most].map(([slot, bytes]) => ({ slot, bytes }));
  };
  const code = emitModule({
    file,
    target: opts.target,
    scope,
    checker,
    bindings,
    functions,
    entries: entries.map((e) => ({ ...e, usedSlots: slotsUsedBy(e), usedBindings: bindingsUsedBy(e) })),
    privates,
    workgroups,
    usesF16: f16,
    cpuFibers: opts.cpuFibers === true,
  });
  const kernels: KernelInfo[] = entries.map((e) => {
    return {
      entryPoint: e.fn.decl.name,
      symbol: checker.names.entry(e.fn.decl.name),
      workgroupSize: e.workgroupSize,
      usesBarriers: e.usesBarriers,
      usesSubgroups: e.usesSubgroups,
      usesF16: f16,
      usedSlots: slotsUsedBy(e),
      samplings: samplingsOf(e.fn.decl.name),
      usedBindings: bindingsUsedBy(e),
      viewBytes: viewBytesOf(e.fn.decl.name),
    };
  });
  return { ok: true, code, kernels, bindings, diagnostics: warnings };
}

/**
 * WGSL §13.3.2: the resource variables one entry point uses must not share a (group, binding); the
 * module may declare such variables for different entry points (Tint's bug/tint/369).
 */
function refuseSharedSlot(entry: FnDecl, bindings: BindingInfo[], uses: ReadonlySet<string>): void {
  const seen = new Map<number, string>();
  for (const b of bindings) {
    if (!uses.has(b.name)) continue;
    const other = seen.get(b.slot);
    if (other !== undefined)
      throw new CompileError(
        entry.pos,
        `entry point '${entry.name}' uses both '${other}' and '${b.name}', which share @group(${b.group}) @binding(${b.binding}); the variables one entry point uses need distinct bindings`,
      );
    seen.set(b.slot, b.name);
  }
}
