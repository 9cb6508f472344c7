/**
 * A CUDA entry point: an `extern "C" __global__` kernel, one thread per invocation, that binds the
 * context to the slots (refusing the whole dispatch when a used binding is too small), places the
 * workgroup struct in `__shared__` memory and zeroes it, and calls the WGSL function with its built-in
 * inputs from the CUDA thread and block indices.
 */
import { bindSlots, usedSlots } from './bind-slots';
import { builtinArgs, subgroupIds } from './entry-builtins';
import { linearIndices } from './linear-indexing';
import type { EntryToEmit, ModuleToEmit } from './module-input';

export function cudaEntry(m: ModuleToEmit, e: EntryToEmit): string {
  const name = e.fn.decl.name;
  const [x, y, z] = e.workgroupSize;
  const hasWg = m.workgroups.length > 0;
  const u3 = (a: string, b: string, c: string) => `vec<unsigned, 3>{${a}, ${b}, ${c}}`;
  const values: Record<string, string> = {
    global_invocation_id: u3(
      'blockIdx.x * blockDim.x + threadIdx.x',
      'blockIdx.y * blockDim.y + threadIdx.y',
      'blockIdx.z * blockDim.z + threadIdx.z',
    ),
    local_invocation_id: u3('threadIdx.x', 'threadIdx.y', 'threadIdx.z'),
    local_invocation_index: 'duet_li',
    subgroup_invocation_id: '(duet_li & 31u)',
    subgroup_size: '32u',
    ...subgroupIds(e, 'duet_li'),
    workgroup_id: u3('blockIdx.x', 'blockIdx.y', 'blockIdx.z'),
    num_workgroups: u3('p.numWorkgroups[0]', 'p.numWorkgroups[1]', 'p.numWorkgroups[2]'),
    ...linearIndices(
      e,
      [
        '(blockIdx.x * blockDim.x + threadIdx.x)',
        '(blockIdx.y * blockDim.y + threadIdx.y)',
        '(blockIdx.z * blockDim.z + threadIdx.z)',
      ],
      ['blockIdx.x', 'blockIdx.y', 'blockIdx.z'],
      ['p.numWorkgroups[0]', 'p.numWorkgroups[1]', 'p.numWorkgroups[2]'],
    ),
  };
  const lines = [
    `// wgsl:${e.fn.decl.pos.line} @compute @workgroup_size(${x}, ${y}, ${z}) fn ${name}`,
    `extern "C" __global__ void __launch_bounds__(${x * y * z}) ${m.checker.names.entry(name)}(DuetParams p) {`,
    '  using namespace wgsl;',
    '  DuetCtx ctx = {};',
    '  ctx.control = p.control;',
    '  bool duet_fit = true;',
    ...bindSlots(m, 'p.', 'ctx', usedSlots(m, e)).map((l) => `  ${l}`),
    '  if (!duet_fit) {',
    '    duet_refuse(p.control);',
    '    return;',
    '  }',
    '  const unsigned duet_li = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);',
    '  ctx.lane = duet_li & 31u;',
  ];
  if (hasWg) {
    lines.push(
      '  __shared__ __align__(16) unsigned char duet_wg_mem[(sizeof(DuetWorkgroup) + 15u) / 16u * 16u];',
      '  ctx.wg = (DuetWorkgroup*)duet_wg_mem;',
      `  duet_zero_workgroup(duet_wg_mem, duet_li, ${x * y * z}u);`,
    );
  } else {
    lines.push('  (void)duet_li;');
  }
  lines.push(
    '  duet_init_private(ctx);',
    `  wgsl::${m.checker.names.of(name)}(${builtinArgs(e, values, m.checker.names)});`,
    '}',
  );
  return lines.join('\n');
}
