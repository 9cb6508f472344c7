/**
 * Memory one workgroup and one invocation of a translated module need, checked against what Duet's
 * backends can give, so a kernel that asks for too much gets a positioned error at translation
 * instead of a compile failure (ptxas: "uses too much shared data") or a crash (the CPU backend's
 * 256 KiB fiber stacks overflowing into their guard page).
 *
 * The generated source keeps the workgroup variables of every translated entry point in one
 * `DuetWorkgroup` struct and the private ones in one per-invocation context `DuetCtx`
 * (compiler/emit/workgroup-struct.ts, duet-ctx.ts), so those are summed over all of them, laid out
 * with their alignment as the C++ structs are.
 *
 * - Workgroup variables: at most 48 KiB, CUDA's static shared memory per block (CUDA C++ Programming
 *   Guide, "Technical Specifications per Compute Capability"); above WebGPU's default
 *   maxComputeWorkgroupStorageSize (16 KiB) a warning, since a browser runs it only where the adapter
 *   allows more.
 * - Private variables plus, for the deepest entry point, its function-scope variables (`const` arrays
 *   and structures too: the code holds them as locals) and by-value parameters along its deepest call
 *   chain: at most 64 KiB per invocation, a quarter of a CPU fiber stack, leaving the rest for the C++
 *   temporaries value-semantics copies make. WGSL's own limits guarantee 8192 bytes of each (WGSL
 *   section 2.4 "Limits").
 * - One array or structure value an expression makes (a constructor, a function's result, a module-scope
 *   constant used whole): at most those 64 KiB as well (checkTemporary). A module-scope table indexed
 *   in place is no such value (front/check/const-tables.ts). Temporaries are not summed; a frame they make bigger than
 *   its stack stops at the stack's guard page (the CPU modules are built with -fstack-clash-protection,
 *   daemon/executor/src/platform/module_flags.cpp).
 */
import { CompileError, type Diagnostic, type Pos } from './diagnostics';
import type { FnInfo } from './front/check/annotations';
import type { GlobalVar } from './front/scope';
import { type Type, typeName } from './front/types';
import { layoutOf } from './layout';

export const MAX_WORKGROUP_BYTES = 48 * 1024;
export const WEBGPU_DEFAULT_WORKGROUP_BYTES = 16 * 1024;
export const MAX_INVOCATION_BYTES = 64 * 1024;

interface Usage {
  bytes: number;
  /** Where the biggest contribution is declared, and what it is. */
  largest?: { name: string; pos: Pos; bytes: number };
}

/** Variables laid out one after another, each at its alignment (as members of a C++ struct). */
function structOf(vars: readonly GlobalVar[]): Usage {
  const u: Usage = { bytes: 0 };
  let align = 1;
  for (const g of vars) {
    const l = layoutOf(g.type);
    align = Math.max(align, l.align);
    u.bytes = Math.ceil(u.bytes / l.align) * l.align + l.size;
    if (!u.largest || l.size > u.largest.bytes)
      u.largest = { name: g.decl.name, pos: g.decl.pos, bytes: l.size };
  }
  u.bytes = Math.ceil(u.bytes / align) * align;
  return u;
}

/** Stack bytes of `name` and the deepest chain of calls below it (WGSL has no recursion). */
function stackOf(name: string, fns: Map<string, FnInfo>, memo: Map<string, Usage>): Usage {
  const known = memo.get(name);
  if (known) return known;
  const fi = fns.get(name)!;
  let deepest: Usage = { bytes: 0 };
  for (const c of fi.calls) {
    const u = stackOf(c, fns, memo);
    if (u.bytes > deepest.bytes) deepest = u;
  }
  const own = fi.largestLocal;
  const largest = own && (!deepest.largest || own.bytes >= deepest.largest.bytes) ? own : deepest.largest;
  const u: Usage = { bytes: fi.localBytes + deepest.bytes, ...(largest ? { largest } : {}) };
  memo.set(name, u);
  return u;
}

/**
 * Throws a CompileError when the module needs more than a backend gives; returns the warnings for
 * what only some browsers run. `workgroups` and `privates` are the variables the generated source
 * holds (those the translated entry points use).
 */
export function checkMemory(
  entries: readonly FnInfo[],
  fns: Map<string, FnInfo>,
  workgroups: readonly GlobalVar[],
  privates: readonly GlobalVar[],
  file: string,
): Diagnostic[] {
  const names = entries.map((e) => `'${e.decl.name}'`).join(', ');
  const whose = entries.length === 1 ? `entry point ${names}` : `entry points ${names}`;
  const workgroup = structOf(workgroups);
  if (workgroup.bytes > MAX_WORKGROUP_BYTES) {
    throw new CompileError(
      workgroup.largest!.pos,
      `workgroup variables take ${workgroup.bytes} bytes per workgroup in the code for ${whose} ('${workgroup.largest!.name}': ${workgroup.largest!.bytes}); Duet allows at most ${MAX_WORKGROUP_BYTES} (CUDA's static shared memory per block)`,
    );
  }
  const memo = new Map<string, Usage>();
  const priv = structOf(privates);
  for (const e of entries) {
    const stack = stackOf(e.decl.name, fns, memo);
    const bytes = priv.bytes + stack.bytes;
    if (bytes <= MAX_INVOCATION_BYTES) continue;
    const largest =
      stack.largest && (!priv.largest || stack.largest.bytes >= priv.largest.bytes)
        ? stack.largest
        : priv.largest!;
    throw new CompileError(
      largest.pos,
      `entry point '${e.decl.name}' needs ${bytes} bytes of function-scope and private variables per invocation, counting the functions it calls ('${largest.name}': ${largest.bytes}); Duet allows at most ${MAX_INVOCATION_BYTES} (WGSL guarantees 8192)`,
    );
  }
  if (workgroup.bytes > WEBGPU_DEFAULT_WORKGROUP_BYTES) {
    return [
      {
        file,
        line: workgroup.largest!.pos.line,
        col: workgroup.largest!.pos.col,
        severity: 'warning',
        message: `workgroup variables take ${workgroup.bytes} bytes in the code for ${whose}, more than WebGPU's default maxComputeWorkgroupStorageSize (${WEBGPU_DEFAULT_WORKGROUP_BYTES}): a browser runs it only where the adapter allows more`,
      },
    ];
  }
  return [];
}

/**
 * Refuses, where it is written, an array or structure value bigger than an invocation's whole allowance
 * that an expression in a function makes: the C++ code holds it as a temporary on the stack.
 */
export function checkTemporary(pos: Pos, type: Type): void {
  if (type.k !== 'array' && type.k !== 'struct') return;
  const bytes = layoutOf(type).size;
  if (bytes <= MAX_INVOCATION_BYTES) return;
  throw new CompileError(
    pos,
    `this expression makes a value of type ${typeName(type)} (${bytes} bytes) on the invocation's stack; Duet allows at most ${MAX_INVOCATION_BYTES} bytes per invocation (WGSL guarantees 8192)`,
  );
}
