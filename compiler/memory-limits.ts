/**
 * Memory one workgroup and one invocation of an entry point need, checked against what Duet's
 * backends can give, so a kernel that asks for too much gets a positioned error at translation
 * instead of a compile failure (NVRTC: "too much shared data") or a crash (the CPU backend's
 * 256 KiB fiber stacks overflowing into their guard page).
 *
 * - Workgroup variables (WGSL section 13 "workgroup address space") a shader statically uses: at
 *   most 48 KiB, CUDA's static shared memory per block (CUDA C++ Programming Guide, "Technical
 *   Specifications per Compute Capability"); above WebGPU's default maxComputeWorkgroupStorageSize
 *   (16 KiB) a warning, since a browser runs it only where the adapter allows more.
 * - Function-scope variables, by-value parameters and private variables, along the entry point's
 *   deepest call chain: at most 64 KiB per invocation, a quarter of a CPU fiber stack, leaving the
 *   rest for the C++ temporaries value-semantics copies make. WGSL's own limits guarantee 8192 bytes
 *   of each (WGSL section 2.4 "Limits").
 */
import { CompileError, type Diagnostic, type Pos } from './diagnostics';
import type { FnInfo } from './front/check';
import type { GlobalVar } from './front/scope';
import { layoutOf } from './layout';

export const MAX_WORKGROUP_BYTES = 48 * 1024;
export const WEBGPU_DEFAULT_WORKGROUP_BYTES = 16 * 1024;
export const MAX_INVOCATION_BYTES = 64 * 1024;

interface Usage {
  bytes: number;
  /** Where the biggest contribution is declared, and what it is. */
  largest?: { name: string; pos: Pos; bytes: number };
}

function add(u: Usage, name: string, pos: Pos, bytes: number): void {
  u.bytes += bytes;
  if (!u.largest || bytes > u.largest.bytes) u.largest = { name, pos, bytes };
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
 * Throws a CompileError when `entry` needs more than a backend gives; returns the warnings for
 * what only some browsers run.
 */
export function checkMemory(
  entry: FnInfo,
  fns: Map<string, FnInfo>,
  usedGlobals: Set<string>,
  globals: Iterable<GlobalVar>,
  file: string,
): Diagnostic[] {
  const name = entry.decl.name;
  const workgroup: Usage = { bytes: 0 };
  const invocation = stackOf(name, fns, new Map());
  const perInvocation: Usage = {
    bytes: invocation.bytes,
    ...(invocation.largest ? { largest: invocation.largest } : {}),
  };
  for (const g of globals) {
    if (!usedGlobals.has(g.decl.name)) continue;
    if (g.space === 'workgroup') add(workgroup, g.decl.name, g.decl.pos, layoutOf(g.type).size);
    if (g.space === 'private') add(perInvocation, g.decl.name, g.decl.pos, layoutOf(g.type).size);
  }
  if (workgroup.bytes > MAX_WORKGROUP_BYTES) {
    throw new CompileError(
      workgroup.largest!.pos,
      `the workgroup variables entry point '${name}' uses take ${workgroup.bytes} bytes per workgroup ('${workgroup.largest!.name}': ${workgroup.largest!.bytes}); Duet allows at most ${MAX_WORKGROUP_BYTES} (CUDA's static shared memory per block)`,
    );
  }
  if (perInvocation.bytes > MAX_INVOCATION_BYTES) {
    throw new CompileError(
      perInvocation.largest!.pos,
      `entry point '${name}' needs ${perInvocation.bytes} bytes of function-scope and private variables per invocation, counting the functions it calls ('${perInvocation.largest!.name}': ${perInvocation.largest!.bytes}); Duet allows at most ${MAX_INVOCATION_BYTES} (WGSL guarantees 8192)`,
    );
  }
  if (workgroup.bytes > WEBGPU_DEFAULT_WORKGROUP_BYTES) {
    return [
      {
        file,
        line: workgroup.largest!.pos.line,
        col: workgroup.largest!.pos.col,
        severity: 'warning',
        message: `entry point '${name}' uses ${workgroup.bytes} bytes of workgroup memory, more than WebGPU's default maxComputeWorkgroupStorageSize (${WEBGPU_DEFAULT_WORKGROUP_BYTES}): a browser runs it only where the adapter allows more`,
      },
    ];
  }
  return [];
}
