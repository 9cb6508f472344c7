/** A realistic shared run for tests, varied by `n` so every record differs. */
import type { ShareInputRaw } from '../record';

export function sampleRun(n = 0, opts: { public?: boolean } = {}): ShareInputRaw {
  const samples = Array.from({ length: 10 }, (_, i) => 0.4 + ((n * 7 + i) % 5) / 100);
  const stats = { samples, median: 0.42, min: 0.4, p90: 0.44, count: samples.length };
  return {
    workload: {
      name: `saxpy-${n}`,
      wgsl: `// run ${n} — ünïcödé\n@group(0) @binding(0) var<storage, read_write> y: array<f32>;\n@compute @workgroup_size(64) fn main() {}`,
      entryPoint: 'main',
      dispatch: [16, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'y',
          kind: 'storage',
          element: 'f32',
          length: 1024,
          init: { fill: -0 },
          output: true,
        },
      ],
      runs: { warmup: 2, samples: 10 },
    },
    local: {
      backend: 'webgpu',
      device: {
        name: 'SwiftShader',
        vendor: 'google',
        architecture: 'swiftshader',
        limits: { maxBufferSize: 268435456, maxBindGroups: 4 },
        features: ['timestamp-query', 'some-private-thing'],
        // Not on the allowlist: must never be stored.
        hostname: 'alice-laptop.local',
      } as never,
      timings: {
        compile: { ms: 12.5 },
        upload: { ms: 0.3 },
        kernel: { ...stats, timer: 'timestamp-query', resolutionMs: 0.1, note: 'quantized' },
        download: { ms: 0.7 },
      },
      outputs: [{ name: 'y', element: 'f32', bytes: 4096, head: 'AACAPwAAAEA=' }],
    },
    remote: {
      backend: 'cpu',
      device: { name: 'CPU emulation', cpuModel: 'Test CPU', cores: 2, emulation: true },
      timings: {
        compile: { ms: 800, cacheHit: false },
        upload: { ms: 0.1 },
        kernel: {
          ...stats,
          median: 1.5 + n,
          timer: 'steady-clock',
          resolutionMs: 0.000001,
          l2Flushed: false,
        },
        download: { ms: 0.2 },
        queue: { ms: 0 },
        transport: { ms: 1.2 },
      },
      outputs: [{ name: 'y', element: 'f32', bytes: 4096, head: 'AACAPwAAAEA=' }],
      warnings: ["a loop hit its iteration guard: the outputs may differ from the browser's"],
      remote: { translate: { ms: 3, cacheHit: true }, serverRoundTripMs: 900, browserRoundTripMs: 950 },
    },
    comparison: [
      {
        name: 'y',
        element: 'f32',
        verdict: n % 2 ? 'mismatch' : 'within-tolerance',
        tolerance: { ulp: 4, abs: 1e-6, rel: 1e-5 },
        count: 1024,
        bytesA: 4096,
        bytesB: 4096,
        differentCount: 2,
        mismatchCount: n % 2,
        maxAbs: Number.POSITIVE_INFINITY,
        maxRel: Number.NaN,
        maxUlp: Number.POSITIVE_INFINITY,
        firstMismatches:
          n % 2
            ? [
                {
                  index: 3,
                  a: Number.NaN,
                  b: 1,
                  abs: Number.POSITIVE_INFINITY,
                  ulp: Number.POSITIVE_INFINITY,
                },
              ]
            : [],
        histogram: [n % 2, 0, 0, 0],
        bucketSize: 256,
      },
    ],
    environment: {
      browser: { family: 'Chrome', version: '140' },
      daemon: { version: '0.1.0', translator: '0.1.0' },
    },
    public: opts.public ?? true,
  };
}
