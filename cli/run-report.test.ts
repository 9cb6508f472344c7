import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DaemonError } from '#daemon-client';
import { WebGpuError } from '../app/gpu/errors';
import { type SideResult, stats } from '../core/result';
import { parseWorkload } from '../core/workload';
import { resolveLibraryPreset } from '../shaders/index';
import { reportFailure } from './commands/run';
import { formatSummary, outputFileNames, resultJson, writeOutputs } from './run-report';
import { terminalSafe } from './terminal-safe';

const workload = resolveLibraryPreset('saxpy', { N: 64 });
const parsed = parseWorkload(workload);
if (!parsed.ok) throw new Error('saxpy preset does not parse');
const w = parsed.workload;

function cudaResult(extra: Partial<SideResult> = {}, l2Flushed?: boolean): SideResult {
  return {
    backend: 'cuda',
    device: { name: 'NVIDIA H100' },
    timings: {
      compile: { ms: 1, cacheHit: true },
      upload: { ms: 0.1 },
      kernel: {
        ...stats([0.01, 0.02]),
        timer: 'cuda-events',
        resolutionMs: 0.0005,
        ...(l2Flushed === undefined ? {} : { l2Flushed }),
      },
      download: { ms: 0.1 },
    },
    outputs: { y: new Uint8Array(256) },
    ...extra,
  };
}

describe('duet run report', () => {
  it("says whether L2 was flushed when the backend tells, and prints the executor's warnings", () => {
    const text = formatSummary(w, cudaResult({ warnings: ['a loop hit its iteration guard'] }, true));
    expect(text).toMatch(/^ {2}L2 {8}flushed before every sample$/m);
    expect(text).toMatch(/^ {2}warning: a loop hit its iteration guard$/m);
    expect(formatSummary(w, cudaResult({}, false))).toMatch(/^ {2}L2 {8}not flushed/m);
    const plain = formatSummary(w, cudaResult());
    expect(plain).not.toMatch(/L2|warning/);
  });

  it('keeps warnings in the JSON result', () => {
    expect(resultJson(w, cudaResult({ warnings: ['x'] }), 'base64').warnings).toEqual(['x']);
    expect(resultJson(w, cudaResult(), 'base64')).not.toHaveProperty('warnings');
  });

  it('--out keeps every file inside its folder, whatever the bindings are called', () => {
    const root = mkdtempSync(join(tmpdir(), 'duet-out-'));
    try {
      const dir = join(root, 'a', 'out');
      const names = ['y', '../../escaped', '/etc/passwd', 'Y', 'result', '..', 'two words'];
      const outputs = Object.fromEntries(names.map((n, i) => [n, new Uint8Array([i])]));
      writeOutputs(dir, w, cudaResult({ outputs }));
      expect(readdirSync(root)).toEqual(['a']);
      expect(readdirSync(join(root, 'a'))).toEqual(['out']);
      const files = readdirSync(dir);
      expect(files).toHaveLength(names.length + 1); // one per output, and result.json
      const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
      names.forEach((n, i) => {
        const file = result.outputs[n].file as string;
        expect(files).toContain(file);
        expect(readFileSync(join(dir, file))).toEqual(Buffer.from([i]));
      });
      expect(result.outputs.y.file).toBe('y.bin');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('names output files uniquely without regard to case', () => {
    for (const names of [
      ['y', 'Y', 'output-0-_.bin', '.'],
      ['A-2', 'a', 'A'], // A's fallback A-2 is taken already
      ['a', 'A', 'a-1', 'A-1'],
    ]) {
      const files = [...outputFileNames(names).values()];
      expect(new Set(files.map((f) => f.toLowerCase())).size, names.join(' ')).toBe(names.length);
    }
  });
});

/** What `run` writes to stderr, line by line. */
function stderrOf(run: () => void): string[] {
  const lines: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => {
    lines.push(s);
    return true;
  }) as typeof process.stderr.write;
  try {
    run();
  } finally {
    process.stderr.write = write;
  }
  return lines;
}

describe('duet run failures', () => {
  it("names the user's WGSL file in the daemon's diagnostics and their notes", () => {
    const lines = stderrOf(() => {
      const file = `${w.name}.wgsl`;
      const e = new DaemonError('translate', 'does not translate', {
        diagnostics: [
          {
            file,
            line: 5,
            col: 3,
            severity: 'error',
            message: `workgroupBarrier must only be called from uniform control flow\n${file}:4:7: note: control flow depends on a non-uniform value`,
          },
        ],
      });
      expect(reportFailure(e, 'kernels/k.wgsl', w)).toBe(1);
    });
    expect(lines).toEqual([
      'kernels/k.wgsl:5:3: error: workgroupBarrier must only be called from uniform control flow\nkernels/k.wgsl:4:7: note: control flow depends on a non-uniform value\n',
    ]);
  });

  it("names the WGSL file in the browser compiler's line:col messages", () => {
    const lines = stderrOf(() => {
      const e = new WebGpuError('compile', 'WGSL does not compile', [
        { type: 'error', message: "unresolved value 'q'", lineNum: 4, linePos: 7, offset: 0, length: 1 },
        { type: 'info', message: 'see here', lineNum: 1, linePos: 1, offset: 0, length: 1 },
      ]);
      expect(reportFailure(e, 'kernels/k.wgsl', w)).toBe(1);
      expect(reportFailure(e, undefined, w)).toBe(1);
    });
    expect(lines).toEqual([
      "kernels/k.wgsl:4:7: error: unresolved value 'q'\n",
      `${w.name}.wgsl:4:7: error: unresolved value 'q'\n`,
    ]);
  });
});

describe('terminal output', () => {
  it('writes control characters from a workload as \\xNN, keeping newlines and tabs', () => {
    expect(terminalSafe('name\x1b]0;pwned\x07\x9b2J\tok\n')).toBe('name\\x1b]0;pwned\\x07\\x9b2J\tok\n');
  });

  it('prints and describes a storage texture output by its size, format and first texels', () => {
    const tex = parseWorkload({
      name: 'copy',
      wgsl: 'x',
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'dst',
          kind: 'storage-texture',
          format: 'rgba8unorm',
          size: [2, 2],
          access: 'write',
          output: true,
        },
      ],
    });
    if (!tex.ok) throw new Error('texture workload does not parse');
    const texels = new Uint8Array([255, 0, 51, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const r = cudaResult({ outputs: { dst: texels } });
    expect(formatSummary(tex.workload, r)).toContain(
      '  output dst: 2×2 rgba8unorm texels (16 bytes): (1, 0, 0.2, 1), (0, 0, 0, 0), (0, 0, 0, 0), …',
    );
    expect(resultJson(tex.workload, r, 'base64').outputs).toEqual({
      dst: {
        format: 'rgba8unorm',
        size: [2, 2],
        dimension: '2d',
        bytes: 16,
        base64: Buffer.from(texels).toString('base64'),
      },
    });
  });
});
