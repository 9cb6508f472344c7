/**
 * Reading what nvcc says about a CUDA kernel: the resource lines of `ptxas -v` (`nvcc -Xptxas -v`) and
 * the instructions of a PTX file, with its hot loop found from the control-flow graph. Used by
 * bench/cuda-quality.bench.ts.
 */

/** One entry function's resources as `ptxas -v` reports them. */
export interface PtxasStats {
  registers: number;
  spillStores: number;
  spillLoads: number;
  /** Per-thread local memory for the stack frame, bytes. */
  stack: number;
  /** Static shared memory of the block, bytes (`N bytes smem`, absent when none). */
  sharedBytes: number;
}

/**
 * The stats of every entry function in `ptxas -v` output, by name. ptxas prints per function:
 *   ptxas info    : Compiling entry function 'k' for 'sm_90'
 *   ptxas info    : Function properties for k
 *       0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
 *   ptxas info    : Used 14 registers, used 1 barriers, 1024 bytes smem
 * Device functions that were not inlined get "Function properties" too; only entries are returned.
 */
export function parsePtxasInfo(log: string): Map<string, PtxasStats> {
  const out = new Map<string, PtxasStats>();
  let entry: PtxasStats | null = null;
  let props: string | null = null;
  for (const line of log.split('\n')) {
    const compiling = /Compiling entry function '([^']+)'/.exec(line);
    if (compiling) {
      entry = { registers: 0, spillStores: 0, spillLoads: 0, stack: 0, sharedBytes: 0 };
      out.set(compiling[1] as string, entry);
      continue;
    }
    const fn = /Function properties for (\S+)/.exec(line);
    if (fn) {
      props = fn[1] as string;
      continue;
    }
    const frame = /(\d+) bytes stack frame, (\d+) bytes spill stores, (\d+) bytes spill loads/.exec(line);
    if (frame && entry && props !== null && out.get(props) === entry) {
      entry.stack = Number(frame[1]);
      entry.spillStores = Number(frame[2]);
      entry.spillLoads = Number(frame[3]);
      continue;
    }
    const used = /Used (\d+) registers/.exec(line);
    if (used && entry) {
      entry.registers = Number(used[1]);
      entry.sharedBytes = Number(/(\d+) bytes smem/.exec(line)?.[1] ?? 0);
      entry = null;
    }
  }
  if (out.size === 0) throw new Error(`no entry function in ptxas output:\n${log.slice(0, 400)}`);
  return out;
}

/** The hot loop of one PTX entry function. */
export interface PtxLoop {
  /** The label of the loop's header block. */
  header: string;
  /** Loops around it (0: outermost). */
  depth: number;
  /** Instructions in the loop, nested loops included. */
  instructions: number;
}

export interface PtxShape {
  /** Instructions of the whole entry function. */
  instructions: number;
  /** Its hot loop; null for a function without loops. */
  hotLoop: PtxLoop | null;
}

interface Block {
  label: string;
  instructions: number;
  succ: number[];
}

/** A PTX instruction line: ends in `;`, is not a directive (`.reg`, `.shared`, …) or a comment. */
function isInstruction(l: string): boolean {
  return l.endsWith(';') && !l.startsWith('.') && !l.startsWith('//');
}

/** The basic blocks of the body of `.entry name` (the first entry when no name is given). */
function blocksOf(ptx: string, name?: string): Block[] {
  const lines = ptx.split('\n').map((l) => l.trim());
  let i = lines.findIndex((l) => /\.entry\s+(\S+)\(/.test(l) && (!name || l.includes(`.entry ${name}(`)));
  if (i < 0) throw new Error(`no .entry ${name ?? ''} in the PTX`);
  while (i < lines.length && lines[i] !== '{') i++;
  const blocks: Block[] = [];
  const branches: { from: number; to: string; fallsThrough: boolean }[] = [];
  let cur: Block = { label: '(entry)', instructions: 0, succ: [] };
  let depth = 0;
  const start = () => {
    blocks.push(cur);
    return blocks.length - 1;
  };
  let idx = start();
  for (i++; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l === '{') depth++;
    if (l === '}') {
      if (depth === 0) break;
      depth--;
    }
    const label = /^(\$?[\w$]+):$/.exec(l);
    if (label) {
      const next: Block = { label: label[1] as string, instructions: 0, succ: [] };
      cur.succ.push(blocks.length); // fall-through (from a block after `bra.uni` it is unreachable)
      cur = next;
      idx = start();
      continue;
    }
    if (!isInstruction(l)) continue;
    cur.instructions++;
    const bra = /^(@!?%\w+\s+)?bra(?:\.uni)?\s+([\w$]+);$/.exec(l);
    const ret = /^(@!?%\w+\s+)?(ret|exit|trap);$/.exec(l);
    if (bra || ret) {
      const conditional = Boolean((bra ?? ret)?.[1]);
      if (bra) branches.push({ from: idx, to: bra[2] as string, fallsThrough: conditional });
      // The instructions after a branch start a new block (reached by fall-through only if it was conditional).
      const next: Block = { label: `(after ${cur.label})`, instructions: 0, succ: [] };
      if (conditional) cur.succ.push(blocks.length);
      cur = next;
      idx = start();
    }
  }
  const byLabel = new Map(blocks.map((b, k) => [b.label, k]));
  for (const b of branches) {
    const to = byLabel.get(b.to);
    if (to === undefined) throw new Error(`branch to unknown label ${b.to}`);
    (blocks[b.from] as Block).succ.push(to);
  }
  return blocks;
}

/** pred[b]: the blocks reachable from the entry that branch or fall through to b. */
function predecessors(blocks: Block[]): number[][] {
  const reached = new Set([0]);
  const work = [0];
  while (work.length) {
    for (const s of (blocks[work.pop() as number] as Block).succ) {
      if (!reached.has(s)) work.push(s);
      reached.add(s);
    }
  }
  const pred: number[][] = blocks.map(() => []);
  blocks.forEach((b, k) => {
    if (reached.has(k)) for (const s of b.succ) (pred[s] as number[]).push(k);
  });
  return pred;
}

/** dom[b] = the blocks that dominate b (iterative data-flow; the entry block is 0). */
function dominators(blocks: Block[], pred: number[][]): Set<number>[] {
  const n = blocks.length;
  const all = new Set(blocks.map((_, k) => k));
  const dom: Set<number>[] = blocks.map((_, k) => (k === 0 ? new Set([0]) : new Set(all)));
  for (let changed = true; changed; ) {
    changed = false;
    for (let b = 1; b < n; b++) {
      // The blocks that dominate every predecessor, and b itself.
      const [first, ...rest] = (pred[b] as number[]).map((p) => dom[p] as Set<number>);
      const next = new Set<number>([...(first ?? [])].filter((x) => rest.every((d) => d.has(x))));
      next.add(b);
      if (next.size !== (dom[b] as Set<number>).size) {
        dom[b] = next;
        changed = true;
      }
    }
  }
  return dom;
}

/**
 * The instruction count of an entry function and of its hot loop. Loops are the natural loops of the
 * control-flow graph (a back edge n → h where h dominates n, and every block that reaches n without
 * passing h), loops with one header merged; what nvcc unrolled fully is no loop. The hot loop is the
 * innermost of the most deeply nested loops (a loop holding no other), the largest of those on a tie —
 * so a short set-up loop (clearing workgroup memory) is not taken for the kernel's work.
 */
export function ptxShape(ptx: string, entry?: string): PtxShape {
  const blocks = blocksOf(ptx, entry);
  const pred = predecessors(blocks);
  const dom = dominators(blocks, pred);
  const loops = new Map<number, Set<number>>();
  blocks.forEach((b, n) => {
    for (const h of b.succ) {
      if (!(dom[n] as Set<number>).has(h)) continue;
      const body = loops.get(h) ?? new Set([h]);
      const work = [n];
      while (work.length) {
        const x = work.pop() as number;
        if (body.has(x)) continue;
        body.add(x);
        work.push(...(pred[x] as number[]));
      }
      loops.set(h, body);
    }
  });
  const instructions = blocks.reduce((s, b) => s + b.instructions, 0);
  let hot: PtxLoop | null = null;
  for (const [h, body] of loops) {
    const inner = [...loops.keys()].some((h2) => h2 !== h && body.has(h2));
    if (inner) continue;
    const depth = [...loops].filter(([h2, b2]) => h2 !== h && b2.has(h)).length;
    const count = [...body].reduce((s, k) => s + (blocks[k] as Block).instructions, 0);
    if (!hot || depth > hot.depth || (depth === hot.depth && count > hot.instructions))
      hot = { header: (blocks[h] as Block).label, depth, instructions: count };
  }
  return { instructions, hotLoop: hot };
}
