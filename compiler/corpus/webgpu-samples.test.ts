/**
 * webgpu-samples' compute shaders, run as they are on the CPU backend and in headless Chromium's
 * WebGPU from the same workloads (exploits/difffuzz/oracle.ts), every output compared as `duet run`
 * compares them (core/compare.ts: exact for integers, normalized texels within one step, linear
 * filtering's tolerance when a sampler filters, a binding's own float tolerance). The WGSL is read at
 * test time from a read-only copy of github.com/webgpu/webgpu-samples (DUET_WEBGPU_SAMPLES, default
 * /work/.mirror/webgpu+webgpu-samples/repo, a git directory read with `git show HEAD:<path>`), never
 * copied into this repository; without it the tests are skipped and say why. bitonicSort's kernel is
 * made by the sample's own bitonicCompute.ts, transpiled and evaluated here. The workloads are Duet's
 * own, sized like the samples' passes: imageBlur's two directions, particles' probability map (both
 * entry points) and simulation, cornell's tonemapper (with common.wgsl appended and its output format
 * filled in, as the sample's JavaScript does), its radiosity's `radiosity` (photons) and
 * `accumulation_to_lightmap`, its raytracer in a scene of Duet's own, primitivePicking's pick,
 * bitonicSort's whole sort and atomicToZero, computeBoids' step, gameOfLife's generations and
 * deferredRendering's light update.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareOutputs } from '../../core/compare';
import type { SideResult } from '../../core/result';
import { type Pass, parseWorkload, type WorkloadInput } from '../../core/workload';
import { Oracle } from '../../exploits/difffuzz/oracle';

const MIRROR = process.env.DUET_WEBGPU_SAMPLES ?? '/work/.mirror/webgpu+webgpu-samples/repo';
const present = existsSync(MIRROR);
if (!present)
  process.stdout.write(
    `webgpu-samples: skipped, no copy of github.com/webgpu/webgpu-samples at ${MIRROR} (set DUET_WEBGPU_SAMPLES to a clone's git directory)\n`,
  );

/** A file of the samples at the copy's HEAD. */
const sample = (path: string): string =>
  execFileSync(
    'git',
    ['--git-dir', existsSync(`${MIRROR}/.git`) ? `${MIRROR}/.git` : MIRROR, 'show', `HEAD:${path}`],
    {
      encoding: 'utf8',
    },
  );

const u32Bits = (xs: number[]) => Array.from(new Uint32Array(new Float32Array(xs).buffer));

const W = 200;
const H = 60;
/** imageBlur's constants: 128-texel tiles, a 15-tap filter, so 114 results per tile. */
const BLOCK = 128 - (15 - 1);

function blur(flip: 0 | 1): WorkloadInput {
  return {
    name: `imageBlur-${flip ? 'vertical' : 'horizontal'}`,
    wgsl: sample('sample/imageBlur/blur.wgsl'),
    entryPoint: 'main',
    dispatch: flip
      ? [Math.ceil(H / BLOCK), Math.ceil(W / 4), 1]
      : [Math.ceil(W / BLOCK), Math.ceil(H / 4), 1],
    bindings: [
      { group: 0, binding: 0, name: 'samp', kind: 'sampler', sampler: { filter: 'linear' } },
      { group: 0, binding: 1, name: 'params', kind: 'uniform', fields: { filterDim: 15, blockDim: BLOCK } },
      {
        group: 1,
        binding: 1,
        name: 'inputTex',
        kind: 'texture',
        format: 'rgba8unorm',
        size: [W, H],
        init: { random: { seed: 11, min: 0, max: 255 } },
      },
      {
        group: 1,
        binding: 2,
        name: 'outputTex',
        kind: 'storage-texture',
        format: 'rgba8unorm',
        size: [W, H],
        access: 'write',
        output: true,
      },
      { group: 1, binding: 3, name: 'flip', kind: 'uniform', fields: { value: flip } },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

const PW = 128;
const PH = 64;

function probabilityMap(entry: 'import_level' | 'export_level'): WorkloadInput {
  const level = entry === 'import_level' ? [PW, PH] : [PW / 2, PH / 2];
  const tex =
    entry === 'import_level'
      ? {
          name: 'tex_in',
          kind: 'texture',
          format: 'rgba8unorm',
          size: [PW, PH],
          init: { random: { seed: 5, min: 0, max: 255 } },
        }
      : {
          name: 'tex_out',
          kind: 'storage-texture',
          format: 'rgba8unorm',
          size: level,
          access: 'write',
          output: true,
        };
  return {
    name: `particles-probabilityMap-${entry}`,
    wgsl: sample('sample/particles/probabilityMap.wgsl'),
    entryPoint: entry,
    dispatch: [Math.ceil(level[0]! / 64), level[1]!, 1],
    bindings: [
      { group: 0, binding: 0, name: 'ubo', kind: 'uniform', fields: { width: PW } },
      {
        group: 0,
        binding: 1,
        name: 'buf_in',
        kind: 'storage-read',
        element: 'f32',
        length: PW * PH,
        init: { random: { seed: 6, min: 0, max: 1 } },
      },
      {
        group: 0,
        binding: 2,
        name: 'buf_out',
        kind: 'storage',
        element: 'f32',
        length: PW * PH,
        init: 'zeros',
        output: true,
      },
      { group: 0, binding: 3, ...tex },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

function tonemapper(): WorkloadInput {
  const wgsl =
    sample('sample/cornell/tonemapper.wgsl').replace('{OUTPUT_FORMAT}', 'rgba8unorm') +
    sample('sample/cornell/common.wgsl');
  return {
    name: 'cornell-tonemapper',
    wgsl,
    entryPoint: 'main',
    overrides: { WorkgroupSizeX: 16, WorkgroupSizeY: 16 },
    dispatch: [96 / 16, 64 / 16, 1],
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'input',
        kind: 'texture',
        format: 'rgba16float',
        size: [96, 64],
        init: { random: { seed: 9, min: 0, max: 6 } },
      },
      {
        group: 0,
        binding: 1,
        name: 'output',
        kind: 'storage-texture',
        format: 'rgba8unorm',
        size: [96, 64],
        access: 'write',
        output: true,
      },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

function pick(): WorkloadInput {
  // Frame: two mat4x4f (32 words), pickCoord (2), pickedPrimitive, padding to 16 bytes.
  const frame = [...Array(32).fill(0), ...u32Bits([13.7, 9.2]), 0xdead, 0];
  return {
    name: 'primitivePicking-pick',
    wgsl: sample('sample/primitivePicking/computePickPrimitive.wgsl'),
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'frame',
        kind: 'storage',
        element: 'u32',
        length: 36,
        init: { data: frame },
        output: true,
      },
      {
        group: 0,
        binding: 1,
        name: 'primitiveTex',
        kind: 'texture',
        format: 'r32uint',
        size: [32, 16],
        init: { random: { seed: 4, min: 0, max: 100000 } },
      },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

/** particles' particle.wgsl `simulate`: respawns walk a mip chain of probabilities with textureLoad. */
function particleSimulate(): WorkloadInput {
  const n = 256;
  return {
    name: 'particles-simulate',
    wgsl: sample('sample/particles/particle.wgsl'),
    entryPoint: 'simulate',
    dispatch: [n / 64, 1, 1],
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'sim_params',
        kind: 'uniform',
        fields: { deltaTime: 0.04, brightnessFactor: 2, seed: [0x9e3779b9, 12345, 777, 0xdeadbeef] },
      },
      // Particle: position, lifetime, color, velocity (+ padding): 12 f32; lifetimes in [-1, 1].
      {
        group: 0,
        binding: 1,
        name: 'data',
        kind: 'storage',
        element: 'f32',
        length: n * 12,
        init: { random: { seed: 21, min: -1, max: 1 } },
        output: true,
      },
      {
        group: 0,
        binding: 2,
        name: 'texture',
        kind: 'texture',
        format: 'rgba8unorm',
        size: [64, 32],
        mipLevels: 7,
        init: { random: { seed: 22, min: 0, max: 255 } },
      },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

type V3 = [number, number, number];
const dot3 = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * A quad as common.wgsl's `Quad` holds it (16 f32), from its centre and half-extent vectors, the way
 * the sample's scene.ts lays it out: the plane through the centre, and the planes whose distances
 * give u and v in [-1, 1] across the quad.
 */
function quadWords(center: V3, right: V3, up: V3, color: V3, emissive = 0): number[] {
  const cross: V3 = [
    right[1] * up[2] - right[2] * up[1],
    right[2] * up[0] - right[0] * up[2],
    right[0] * up[1] - right[1] * up[0],
  ];
  const len = Math.sqrt(dot3(cross, cross));
  const normal = cross.map((c) => c / len) as V3;
  const inv = (v: V3) => v.map((c) => c / dot3(v, v)) as V3;
  const plane = (v: V3) => [...v, -dot3(v, center)];
  return [...plane(normal), ...plane(inv(right)), ...plane(inv(up)), ...color, emissive];
}

/** The raytracer's closed box, as common.wgsl's `quads` hold it: five grey walls, a green and a red one, and the ceiling light. */
function closedBox(): number[] {
  const g: V3 = [0.5, 0.5, 0.5];
  return [
    quadWords([5, 5, 0], [0, 0, 5], [0, 5, 0], [0, 0.5, 0]),
    quadWords([0, 10, 0], [5, 0, 0], [0, 0, 5], g),
    quadWords([0, 5, -5], [5, 0, 0], [0, 5, 0], g),
    quadWords([-5, 5, 0], [0, 0, -5], [0, 5, 0], [0.5, 0, 0]),
    quadWords([0, 0, 0], [5, 0, 0], [0, 0, -5], g),
    quadWords([0, 5, 5], [-5, 0, 0], [0, 5, 0], g),
    quadWords([0, 9.95, 0], [1, 0, 0], [0, 0, 1], [5, 5, 5], 1),
  ].flat();
}

/**
 * cornell's raytracer.wgsl (+ common.wgsl) in a closed 10×10×10 box lit from the ceiling (Duet's own
 * scene, not the sample's): orthographic rays from z = 4 towards the back wall, so every primary and
 * reflection ray hits a wall and samples that wall's lightmap layer.
 */
function raytracer(): WorkloadInput {
  const quads = closedBox();
  const [w, h] = [64, 48];
  return {
    name: 'cornell-raytracer',
    wgsl: sample('sample/cornell/raytracer.wgsl') + sample('sample/cornell/common.wgsl'),
    entryPoint: 'main',
    overrides: { WorkgroupSizeX: 8, WorkgroupSizeY: 8 },
    dispatch: [w / 8, h / 8, 1],
    bindings: [
      ...commonGroup0(quads, {
        mvp: [
          [1, 0, 0, 0],
          [0, 1, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 1],
        ],
        // ndc (x, y, z) → world (4x, 5 + 4y, 4 - 8z): near plane z = 4, far plane z = -4.
        inv_mvp: [
          [4, 0, 0, 0],
          [0, 4, 0, 0],
          [0, 0, -8, 0],
          [0, 5, 4, 1],
        ],
        seed: [0x12345, 0x6789a, 0xbcdef],
      }),
      {
        group: 1,
        binding: 0,
        name: 'lightmap',
        kind: 'texture',
        format: 'rgba16float',
        size: [16, 16, 7],
        init: { random: { seed: 31, min: 0, max: 1 } },
      },
      { group: 1, binding: 1, name: 'smpl', kind: 'sampler', sampler: { filter: 'linear' } },
      {
        group: 1,
        binding: 2,
        name: 'framebuffer',
        kind: 'storage-texture',
        format: 'rgba16float',
        size: [w, h],
        access: 'write',
        output: true,
      },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

/** cornell's common.wgsl bind group 0: its uniforms (`fields`) and the scene's quads. */
function commonGroup0(quads: number[], fields: Record<string, unknown>): WorkloadInput['bindings'] {
  return [
    { group: 0, binding: 0, name: 'common_uniforms', kind: 'uniform', fields },
    {
      group: 0,
      binding: 1,
      name: 'quads',
      kind: 'storage-read',
      element: 'f32',
      length: quads.length,
      init: { data: quads },
    },
  ] as WorkloadInput['bindings'];
}

/** cornell's radiosity.wgsl + common.wgsl at `entryPoint`, with the overrides the sample's radiosity.ts gives. */
function radiosityModule(entryPoint: string) {
  return {
    wgsl: sample('sample/cornell/radiosity.wgsl') + sample('sample/cornell/common.wgsl'),
    entryPoint,
    overrides: {
      PhotonsPerWorkgroup: 256,
      PhotonEnergy: 100000,
      AccumulationToLightmapWorkgroupSizeX: 16,
      AccumulationToLightmapWorkgroupSizeY: 16,
    },
  };
}

/** radiosity.wgsl's bind group 1 for a w × h lightmap of n quads: accumulation, lightmap, uniforms. */
function radiosityGroup1(
  [w, h, n]: [number, number, number],
  accumulation: { init: unknown; output: boolean },
  lightmap: { output: boolean; lightCenterY: number },
): WorkloadInput['bindings'] {
  return [
    {
      group: 1,
      binding: 0,
      name: 'accumulation',
      kind: 'storage',
      element: 'u32',
      length: w * h * n * 3,
      ...accumulation,
    },
    {
      group: 1,
      binding: 1,
      name: 'lightmap',
      kind: 'storage-texture',
      format: 'rgba16float',
      size: [w, h, n],
      access: 'write',
      ...(lightmap.output ? { output: true } : {}),
    },
    {
      group: 1,
      binding: 2,
      name: 'uniforms',
      kind: 'uniform',
      fields: {
        accumulation_to_lightmap_scale: 1 / 300000,
        accumulation_buffer_scale: 0.75,
        light_width: 1,
        light_height: 1,
        light_center: [0, lightmap.lightCenterY, 0],
      },
    },
  ] as WorkloadInput['bindings'];
}

/** cornell's radiosity.wgsl `accumulation_to_lightmap` (+ common.wgsl): atomics to a storage texture array. */
function accumulationToLightmap(): WorkloadInput {
  const [w, h, quads] = [32, 32, 3];
  return {
    name: 'cornell-accumulation-to-lightmap',
    ...radiosityModule('accumulation_to_lightmap'),
    dispatch: [w / 16, h / 16, quads],
    bindings: radiosityGroup1(
      [w, h, quads],
      { init: { random: { seed: 12, min: 0, max: 3000000 } }, output: true },
      {
        output: true,
        lightCenterY: 9.5,
      },
    ),
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

/**
 * cornell's radiosity.wgsl `radiosity` (+ common.wgsl): 512 photons from the ceiling light of the
 * raytracer's closed box, 5 bounces each, atomicAdd of rounded energies into a 16×16 lightmap per quad.
 * The energies depend only on the quads hit (PhotonEnergy × colours × 0.5ⁿ) and u32 addition commutes,
 * so each quad's total is exact whatever order the invocations run in; which texel a hit lands in
 * follows the photon's path through sin, cos, acos, pow and normalize, whose results may differ by a
 * few ULPs between implementations (WGSL §15.3.2), so a few hits land in another texel of the quad.
 */
function radiosity(): WorkloadInput {
  const quads = closedBox();
  const [w, h, n] = [16, 16, quads.length / 16];
  return {
    name: 'cornell-radiosity',
    ...radiosityModule('radiosity'),
    dispatch: [2, 1, 1],
    bindings: [
      ...commonGroup0(quads, {
        mvp: Array(4).fill([0, 0, 0, 0]),
        inv_mvp: Array(4).fill([0, 0, 0, 0]),
        seed: [0x2468a, 0x13579, 0xfedcb],
      }),
      ...radiosityGroup1([w, h, n], { init: 'zeros', output: true }, { output: false, lightCenterY: 9.95 }),
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

/** bitonicSort's atomicToZero.wgsl: the swap counter, loaded and subtracted from itself. */
function atomicToZero(): WorkloadInput {
  return {
    name: 'bitonicSort-atomicToZero',
    wgsl: sample('sample/bitonicSort/atomicToZero.wgsl'),
    entryPoint: 'atomicToZero',
    dispatch: [1, 1, 1],
    bindings: [
      {
        group: 0,
        binding: 3,
        name: 'counter',
        kind: 'storage',
        element: 'u32',
        length: 1,
        init: { data: [123457] },
        output: true,
      },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

/**
 * bitonicSort's kernel, made as the sample makes it: `NaiveBitonicCompute(workgroupSize)` of
 * bitonicCompute.ts, transpiled and evaluated in an empty context (the file has no imports; it only
 * returns a template string).
 */
function bitonicKernel(workgroupSize: number): string {
  const js = ts.transpileModule(sample('sample/bitonicSort/bitonicCompute.ts'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  const exports: Record<string, unknown> = {};
  runInNewContext(js, { exports });
  const make = exports.NaiveBitonicCompute;
  if (typeof make !== 'function') throw new Error('bitonicCompute.ts exports no NaiveBitonicCompute');
  return make(workgroupSize) as string;
}

/**
 * bitonicSort's whole sort of 64 elements in one workgroup of 32 (so every step is a local flip or
 * disperse, which writes all of output_data): the sample's step sequence, flip of span 2, 4, … 64
 * each followed by disperses of half the span down to 2, with output copied to input between steps
 * (here a swap: the local steps rewrite all of output_data; none after the last step, so output_data
 * ends sorted). `counter` counts the swaps, a sum that
 * does not depend on the order of the atomicAdds.
 */
function bitonicSort(): WorkloadInput {
  const passes: Pass[] = [];
  const step = (algo: number, blockHeight: number) =>
    passes.push({
      entryPoint: 'computeMain',
      dispatch: [1, 1, 1],
      fields: { uniforms: { width: 8, height: 8, algo, blockHeight } },
      swap: ['input_data', 'output_data'],
    });
  for (let span = 2; span <= 64; span *= 2) {
    step(1, span); // ALGO_LOCAL_FLIP
    for (let d = span / 2; d >= 2; d /= 2) step(2, d); // ALGO_LOCAL_DISPERSE
  }
  // The last step's output_data holds the sorted elements.
  delete passes.at(-1)!.swap;
  return {
    name: 'bitonicSort-computeMain',
    wgsl: bitonicKernel(32),
    passes,
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'input_data',
        kind: 'storage-read',
        element: 'u32',
        length: 64,
        init: { random: { seed: 87, min: 0, max: 1000 } },
      },
      {
        group: 0,
        binding: 1,
        name: 'output_data',
        kind: 'storage',
        element: 'u32',
        length: 64,
        init: 'zeros',
        output: true,
      },
      {
        group: 0,
        binding: 2,
        name: 'uniforms',
        kind: 'uniform',
        fields: { width: 8, height: 8, algo: 0, blockHeight: 0 },
      },
      {
        group: 0,
        binding: 3,
        name: 'counter',
        kind: 'storage',
        element: 'u32',
        length: 1,
        init: 'zeros',
        output: true,
      },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

/** The sort's output is in order, and the counter saw swaps. */
function sortedWithSwaps(cpu: Record<string, Uint8Array>): void {
  const words = (b: Uint8Array) => Array.from(new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4));
  const out = words(cpu.output_data!);
  expect(out).toEqual([...out].sort((a, b) => a - b));
  expect(words(cpu.counter!)[0]).toBeGreaterThan(0);
}

/** computeBoids' updateSprites.wgsl: one step of 64 boids, corpus 185's parameters and tolerance. */
function boids(): WorkloadInput {
  return {
    name: 'computeBoids-updateSprites',
    wgsl: sample('sample/computeBoids/updateSprites.wgsl'),
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'params',
        kind: 'uniform',
        fields: {
          deltaT: 0.04,
          rule1Distance: 0.1,
          rule2Distance: 0.025,
          rule3Distance: 0.025,
          rule1Scale: 0.02,
          rule2Scale: 0.05,
          rule3Scale: 0.005,
        },
      },
      {
        group: 0,
        binding: 1,
        name: 'particlesA',
        kind: 'storage-read',
        element: 'f32',
        length: 256,
        init: { random: { seed: 185, min: -0.3, max: 0.3 } },
      },
      {
        group: 0,
        binding: 2,
        name: 'particlesB',
        kind: 'storage',
        element: 'f32',
        length: 256,
        init: 'zeros',
        output: true,
        // normalize, length and distance may differ by a few ULPs between implementations (WGSL §15.3.2).
        tolerance: { ulp: 64, abs: 0.00001 },
      },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

/** gameOfLife's compute.wgsl: three generations of a 16×16 board (blockSize 8), ping-ponged as the sample does. */
function gameOfLife(): WorkloadInput {
  const pass = (swap: boolean) => ({
    entryPoint: 'main',
    dispatch: [2, 2, 1] as [number, number, number],
    ...(swap ? { swap: ['current', 'next'] as [string, string] } : {}),
  });
  return {
    name: 'gameOfLife-compute',
    wgsl: sample('sample/gameOfLife/compute.wgsl'),
    passes: [pass(true), pass(true), pass(false)],
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'size',
        kind: 'storage-read',
        element: 'u32',
        length: 2,
        init: { data: [16, 16] },
      },
      {
        group: 0,
        binding: 1,
        name: 'current',
        kind: 'storage-read',
        element: 'u32',
        length: 256,
        init: { random: { seed: 186, min: 0, max: 1 } },
      },
      {
        group: 0,
        binding: 2,
        name: 'next',
        kind: 'storage',
        element: 'u32',
        length: 256,
        init: 'zeros',
        output: true,
      },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

/** deferredRendering's lightUpdate.wgsl: 100 lights of which 90 move, three frames (corpus 194's inputs). */
function lightUpdate(): WorkloadInput {
  const pass = { entryPoint: 'main', dispatch: [2, 1, 1] as [number, number, number] };
  return {
    name: 'deferredRendering-lightUpdate',
    wgsl: sample('sample/deferredRendering/lightUpdate.wgsl'),
    passes: [pass, pass, pass],
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'lightsBuffer',
        kind: 'storage',
        element: 'f32',
        length: 800,
        init: { random: { seed: 194, min: -2, max: 2 } },
        output: true,
      },
      { group: 0, binding: 1, name: 'config', kind: 'uniform', fields: { numLights: 90 } },
      {
        group: 0,
        binding: 2,
        name: 'lightExtent',
        kind: 'uniform',
        fields: { min: [-3, -1, -3, 0], max: [3, 2, 3, 0] },
      },
    ],
    runs: { warmup: 0, samples: 1 },
  } as WorkloadInput;
}

/**
 * Name, workload, the outputs the kernel must leave all zeros (every other output must not be), and
 * what else the CPU backend's outputs must show.
 */
const CASES: [string, () => WorkloadInput, string[]?, ((cpu: Record<string, Uint8Array>) => void)?][] = [
  ['imageBlur blur.wgsl, horizontal pass', () => blur(0)],
  ['imageBlur blur.wgsl, vertical (flipped) pass', () => blur(1)],
  ['particles probabilityMap.wgsl import_level', () => probabilityMap('import_level')],
  ['particles probabilityMap.wgsl export_level', () => probabilityMap('export_level')],
  ['particles particle.wgsl simulate', particleSimulate],
  ['cornell tonemapper.wgsl (+ common.wgsl)', tonemapper],
  ['cornell radiosity.wgsl accumulation_to_lightmap (+ common.wgsl)', accumulationToLightmap],
  ['cornell raytracer.wgsl (+ common.wgsl), a closed box', raytracer],
  ['primitivePicking computePickPrimitive.wgsl', pick],
  ['bitonicSort atomicToZero.wgsl', atomicToZero, ['counter']],
  ['bitonicSort bitonicCompute.ts NaiveBitonicCompute(32), the whole sort', bitonicSort, [], sortedWithSwaps],
  ['computeBoids updateSprites.wgsl', boids],
  ['gameOfLife compute.wgsl', gameOfLife],
  ['deferredRendering lightUpdate.wgsl', lightUpdate],
];

let oracle: Oracle | undefined;
beforeAll(async () => {
  if (present) oracle = await Oracle.open();
});
afterAll(async () => {
  await oracle?.close();
});

describe.skipIf(!present)('webgpu-samples compute shaders: CPU backend vs Chrome', () => {
  it.each(CASES)("%s gives Chrome's outputs", { timeout: 300_000 }, async (_, make, zeroed = [], check) => {
    const input = make();
    const parsed = parseWorkload(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const o = await oracle!.outputs(input);
    if (typeof o.webgpu === 'string' || typeof o.cpu === 'string')
      throw new Error(
        `webgpu: ${typeof o.webgpu === 'string' ? o.webgpu : 'ran'}; cpu: ${typeof o.cpu === 'string' ? o.cpu : 'ran'}`,
      );
    const side = (outputs: Record<string, Uint8Array>) => ({ outputs }) as SideResult;
    const results = compareOutputs(parsed.workload, side(o.webgpu), side(o.cpu));
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      // Something was written: the outputs are not the zeros they started as (or, for a kernel
      // that zeroes, no longer the non-zero values they started as).
      expect(
        o.cpu[r.name]!.some((x) => x !== 0),
        `${r.name} is ${zeroed.includes(r.name) ? 'not ' : ''}all zeros`,
      ).toBe(!zeroed.includes(r.name));
      expect(
        `${r.name}: ${r.verdict}`,
        `${r.mismatchCount} of ${r.count} beyond ${JSON.stringify(r.tolerance)}: ${JSON.stringify(r.firstMismatches.slice(0, 3))}`,
      ).toMatch(/: (match|within-tolerance)$/);
    }
    check?.(o.cpu);
  });

  // Not in CASES: its texels are compared as explained at radiosity(), not element by element.
  it("cornell radiosity.wgsl radiosity (+ common.wgsl): each quad's energy equals Chrome's", {
    timeout: 300_000,
  }, async () => {
    const input = radiosity();
    const o = await oracle!.outputs(input);
    if (typeof o.webgpu === 'string' || typeof o.cpu === 'string')
      throw new Error(
        `webgpu: ${typeof o.webgpu === 'string' ? o.webgpu : 'ran'}; cpu: ${typeof o.cpu === 'string' ? o.cpu : 'ran'}`,
      );
    const words = (b: Uint8Array) => new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    const [chrome, cpu] = [words(o.webgpu.accumulation!), words(o.cpu.accumulation!)];
    // Per quad and channel: the sum of its 16×16 texels.
    const totals = (a: Uint32Array) =>
      Array.from({ length: a.length / (16 * 16) }, (_, qc) => {
        const [q, c] = [Math.floor(qc / 3), qc % 3];
        let sum = 0;
        for (let t = 0; t < 16 * 16; t++) sum += a[(q * 16 * 16 + t) * 3 + c]!;
        return sum;
      });
    expect(totals(cpu)).toEqual(totals(chrome));
    expect(totals(cpu).some((x) => x > 0)).toBe(true);
    // The texels themselves: all but the few that a diverging photon path moved agree.
    const differing = cpu.filter((x, i) => x !== chrome[i]).length;
    expect(differing, `${differing} of ${cpu.length} words differ`).toBeLessThan(cpu.length / 20);
  });
});
