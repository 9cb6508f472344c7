/**
 * Seeded random WGSL barrier kernels for the CPU loop-fission differential test
 * (compiler/emit/entry-cpu-fission.test.ts: fission against fibers, word for word). Valid by
 * construction and uniform where WGSL requires it (section 15.2): every barrier sits in straight-line
 * code or under a condition on workgroup_id or on a variable only ever given uniform values, while the
 * per-invocation statements between barriers use local_invocation_index freely (non-uniform ifs,
 * inside loops too), and invocations exchange values through workgroup memory without data races. Shapes: barriers at the
 * top level, in for/while/loop-with-continuing bodies, in if/else and switch clauses, variables
 * declared before a barrier and read after it, `var<private>`, a uniform early `return`, and regions
 * that are one counted loop over workgroup memory (run with the invocations innermost), reads of a
 * storage input at a workgroup-shared base + local_invocation_index, guarded or not (row windows,
 * sometimes past the input's end or wrapping past 2^32), and loop counters the workgroup holds once.
 * Test-only.
 */
import { mulberry32 } from '../../core/generators';

export const BARRIER_WG = 16;
/** Words of the read-only input `inp`: shorter than some rows' windows reach (their reads clamp). */
export const BARRIER_INPUT_WORDS = 40;

/**
 * `shape`: the workgroup size, BARRIER_WG invocations in all (the program indexes by
 * local_invocation_index only); rows of 4 x 2 x 2 put the row's own first index in each window's base.
 */
export function generateBarrierProgram(
  seed: number,
  shape: readonly [number, number, number] = [BARRIER_WG, 1, 1],
): string {
  if (shape[0] * shape[1] * shape[2] !== BARRIER_WG)
    throw new Error(`a workgroup of ${BARRIER_WG} invocations`);
  const r = mulberry32(seed);
  const pick = (n: number) => r() % n;
  const vars: string[] = ['acc']; // u32 per-invocation variables in scope
  const uniforms: string[] = ['g']; // u32 variables every invocation gives the same values (g, loop counters)
  const rowLets: string[] = []; // lets of g * k + li: read after g has changed, they keep the value they had
  let names = 0;
  let depth = 0;
  const lines: string[] = [];
  const out = (s: string) => lines.push(`${'  '.repeat(depth + 1)}${s}`);

  const u32 = (): string => `(${u32Bare()})`;
  const u32Bare = (): string => {
    const v = vars[pick(vars.length)]!;
    switch (pick(6)) {
      case 0:
        return `${v} * ${pick(7) + 1}u + li`;
      case 1:
        return `${v} ^ ${pick(1 << 16)}u`;
      case 2:
        return `(${v} >> ${pick(5)}u) + wid.x`;
      case 3:
        return `pv + ${v}`;
      case 4:
        return `select(${v}, li * 3u, ${v} % 2u == 0u)`;
      default:
        return `${v} + ${pick(100)}u`;
    }
  };
  /**
   * An index the whole workgroup shares (CPU fission reads `inp[B + li]` through a row window, which
   * some of these put past the input's end, or past 2^32 so that the index wraps).
   */
  const rowBase = (): string => {
    const u = uniforms.length > 0 ? uniforms[pick(uniforms.length)]! : 'wid.x';
    switch (pick(5)) {
      case 0:
        return `${pick(BARRIER_INPUT_WORDS)}u`;
      case 1:
        return `wid.x * ${pick(9)}u`;
      case 2:
        return `${u} * ${pick(5) + 1}u + ${pick(9)}u`;
      case 3:
        return `${0xffffffff - pick(BARRIER_WG)}u + ${u}`;
      default:
        return `${u} + wid.x * 8u`;
    }
  };
  /** A per-invocation statement (no barrier). */
  const region = () => {
    switch (pick(11)) {
      case 9:
        out(`g = g * 3u + ${pick(5)}u;`);
        return;
      case 10: {
        const n = `r${names++}`;
        out(`let ${n} = g * ${pick(4) + 1}u + li;`);
        vars.push(n);
        rowLets.push(n);
        return;
      }
      case 7:
        // A guarded read (if-converted in a row's fast path) and a plain one, at the row's base + li.
        out(`if (li < ${pick(BARRIER_WG + 1)}u) { acc = inp[${rowBase()} + li]; }`);
        return;
      case 8: {
        const lets = rowLets.filter((n) => vars.includes(n));
        if (lets.length > 0 && pick(2) === 0) out(`acc = acc * 5u + inp[${lets[pick(lets.length)]}];`);
        else out(`acc = acc * 3u + inp[li + ${rowBase()}];`);
        return;
      }
      case 0: {
        const n = `v${names++}`;
        out(`var ${n} = ${u32()};`);
        vars.push(n);
        return;
      }
      case 1:
        out(`acc = acc ^ (${u32()} << 3u);`);
        return;
      case 2:
        out(`if (li % ${pick(3) + 2}u == 0u) { acc = ${u32()}; } else { acc += 1u; }`);
        return;
      case 3:
        // A loop's own condition must be uniform when a barrier may follow (its exit is a break).
        out(
          `for (var k = 0u; k < wid.x % 2u + ${pick(3) + 1}u; k++) { if ((li + k) % 3u == 0u) { acc = acc * 3u + k; } }`,
        );
        return;
      case 4:
        out(`pv = pv * 5u + ${u32()};`);
        return;
      case 5: {
        const n = `w${names++}`;
        out(`let ${n} = ${u32()};`);
        vars.push(n);
        return;
      }
      default:
        out(`acc = ${u32()};`);
    }
  };
  /**
   * Invocations exchange values through workgroup memory, race-free whatever surrounds it: between two
   * barriers they only read other invocations' slots, between the next two only write their own. A
   * racy program (a write and another invocation's read of the same slot with no barrier between) may
   * legitimately give other results by fission than as fibers, as it may on two GPUs: fission runs
   * all invocations to each workgroup-level condition, fibers each one to its next barrier.
   */
  const exchange = () => {
    out('workgroupBarrier();');
    if (pick(2) === 0) {
      // A region that is one counted loop over the slots (CPU fission runs it with the invocations
      // innermost); its bound sometimes reaches one past the array, where the index keeps its clamp.
      const k = `k${names++}`;
      const at = pick(2) === 0 ? k : `(li + ${k}) % ${BARRIER_WG}u`;
      out(
        `for (var ${k} = ${pick(3)}u; ${k} ${pick(2) === 0 ? '<' : '<='} ${pick(BARRIER_WG + 1)}u; ${k}++) { acc = acc * ${pick(3) + 1}u + t[${at}]; }`,
      );
    } else out(`acc = acc + t[(li + ${pick(BARRIER_WG)}u) % ${BARRIER_WG}u] * ${pick(5) + 1}u;`);
    out('workgroupBarrier();');
    out(`t[li] = ${u32()};`);
    out(pick(2) === 0 ? 'workgroupBarrier();' : 'storageBarrier();');
  };
  /** A block holding barriers; `budget` bounds nesting. */
  const block = (budget: number) => {
    const n = 1 + pick(3);
    const mark = vars.length;
    for (let i = 0; i < n; i++) {
      region();
      if (budget > 0 && pick(3) === 0) workgroupLevel(budget - 1);
      else if (pick(3) === 0) exchange();
      else out(pick(4) === 0 ? 'storageBarrier();' : 'workgroupBarrier();');
    }
    region();
    vars.length = mark; // declarations end with their block
  };
  const nested = (head: string, budget: number, tail = '}') => {
    out(head);
    depth++;
    block(budget);
    depth--;
    out(tail);
  };
  const workgroupLevel = (budget: number) => {
    switch (pick(5)) {
      case 0: {
        const i = `s${names++}`;
        uniforms.push(i);
        nested(`for (var ${i} = 0u; ${i} < wid.x % 3u + ${pick(3) + 1}u; ${i}++) {`, budget);
        uniforms.pop();
        return;
      }
      case 1: {
        const c = `c${names++}`;
        out(`var ${c} = 0u;`);
        uniforms.push(c);
        nested(`while (${c} < ${pick(3) + 1}u) {`, budget, `  ${c}++;\n${'  '.repeat(depth + 1)}}`);
        uniforms.pop();
        return;
      }
      case 2:
        out(`if (wid.x % 2u == ${pick(2)}u) {`);
        depth++;
        block(budget);
        depth--;
        nested('} else {', budget);
        return;
      case 3:
        out(`switch (wid.x % 3u) {`);
        depth++;
        nested(`case ${pick(3)}u: {`, budget);
        nested('default: {', budget);
        depth--;
        out('}');
        return;
      default: {
        const c = `n${names++}`;
        out(`var ${c} = 0u;`);
        out('loop {');
        depth++;
        uniforms.push(c);
        block(budget);
        uniforms.pop();
        out(`continuing { ${c} += 1u; break if ${c} >= ${pick(3) + 1}u; }`);
        depth--;
        out('}');
      }
    }
  };

  out('var acc = li;');
  out('var g = wid.x;');
  out('pv = li * 7u;');
  out('t[li] = li;');
  out('workgroupBarrier();');
  exchange();
  const top = 2 + pick(3);
  for (let i = 0; i < top; i++) {
    if (pick(2) === 0) workgroupLevel(1);
    else block(0);
    if (pick(6) === 0) out(`if (wid.x == ${pick(3)}u) { return; }`);
  }
  out(`out[wid.x * ${BARRIER_WG}u + li] = acc ^ (pv << 1u) ^ t[(li + 1u) % ${BARRIER_WG}u];`);
  return [
    `// barrier program ${seed}`,
    '@group(0) @binding(0) var<storage, read_write> out: array<u32>;',
    '@group(0) @binding(1) var<storage, read> inp: array<u32>;',
    `var<workgroup> t: array<u32, ${BARRIER_WG}>;`,
    'var<private> pv: u32;',
    `@compute @workgroup_size(${shape.join(', ')})`,
    'fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wid: vec3<u32>) {',
    ...lines,
    '}',
  ].join('\n');
}
