import { describe, expect, it } from 'vitest';
import { workloadSchema } from '../../core/workload';
import { base64ToBytes, bytesToBase64 } from './base64';
import { describeDevice } from './device';
import { formatMessages, WebGpuError } from './errors';
import { enabledExtensions, featuresToRequest, requiredFeatures, textureFeatures } from './features';
import { checkDeviceLimits, limitsToRequest, pickLimits, workloadLimits } from './limits';
import { planBindings } from './plan';
import { chooseTimer, looksQuantized, MAX_QUERIES, passDurationsMs } from './timing';

describe('features', () => {
  it('finds enable directives, several per line, and ignores commented ones', () => {
    const src =
      '// enable subgroups;\n/* enable /* nested */ f16; */\nenable f16 , subgroups;\nenable  chromium_experimental_x;';
    expect(enabledExtensions(src)).toEqual(['f16', 'subgroups', 'chromium_experimental_x']);
    expect(enabledExtensions('fn enabled() {}')).toEqual([]);
  });

  it('maps extensions to device features and adds timestamp-query when offered', () => {
    const all = new Set(['shader-f16', 'subgroups', 'timestamp-query']);
    expect(featuresToRequest('enable f16;\nenable subgroups;', all)).toEqual([
      'shader-f16',
      'subgroups',
      'timestamp-query',
    ]);
    expect(featuresToRequest('fn f() {}', new Set())).toEqual([]);
  });

  it('throws kind "feature" naming the missing feature', () => {
    const err = (() => {
      try {
        requiredFeatures('enable f16;', new Set(['subgroups']));
      } catch (e) {
        return e as WebGpuError;
      }
    })();
    expect(err).toBeInstanceOf(WebGpuError);
    expect(err!.kind).toBe('feature');
    expect(err!.message).toContain("'shader-f16'");
  });
});

describe('limits', () => {
  const w = workloadSchema.parse({
    name: 't',
    wgsl: 'x',
    passes: [
      { entryPoint: 'a', dispatch: [70000, 1, 1] },
      { entryPoint: 'b', dispatch: [1, 2, 3] },
    ],
    bindings: [
      { group: 0, binding: 0, name: 'u', kind: 'uniform', element: 'bytes', length: 20 },
      {
        group: 2,
        binding: 5,
        name: 'big',
        kind: 'storage',
        element: 'f32',
        length: 300_000_000,
        output: true,
      },
      { group: 0, binding: 1, name: 's', kind: 'storage-read', element: 'u32', length: 3 },
    ],
  });
  const plan = planBindings(w, () => new Uint8Array(0));
  const adapter = {
    maxBufferSize: 2 ** 31,
    maxStorageBufferBindingSize: 2 ** 31,
    maxUniformBufferBindingSize: 65536,
    maxStorageBuffersPerShaderStage: 8,
    maxUniformBuffersPerShaderStage: 12,
    maxBindGroups: 4,
    maxBindingsPerBindGroup: 1000,
    maxComputeWorkgroupsPerDimension: 65535,
    maxComputeWorkgroupStorageSize: 32768,
    maxComputeInvocationsPerWorkgroup: 1024,
  };

  it('derives buffer, binding and dispatch needs from the workload', () => {
    expect(workloadLimits(w, plan)).toEqual({
      maxBufferSize: 1_200_000_000,
      maxStorageBufferBindingSize: 1_200_000_000,
      maxUniformBufferBindingSize: 32,
      maxStorageBuffersPerShaderStage: 2,
      maxUniformBuffersPerShaderStage: 1,
      maxBindGroups: 3,
      maxBindingsPerBindGroup: 6,
      maxComputeWorkgroupsPerDimension: 70000,
    });
  });

  it('throws kind "limit" when the adapter cannot meet a need, naming the limit', () => {
    expect(() => limitsToRequest(w, plan, adapter)).toThrow(
      /maxComputeWorkgroupsPerDimension = 70000.*at most 65535/,
    );
    expect(() => checkDeviceLimits(w, plan, adapter)).toThrow(WebGpuError);
  });

  it('requests the needs plus the adapter maximum of shader-dependent limits', () => {
    const roomy = { ...adapter, maxComputeWorkgroupsPerDimension: 100000 };
    const r = limitsToRequest(w, plan, roomy);
    expect(r.maxComputeWorkgroupsPerDimension).toBe(70000);
    expect(r.maxComputeWorkgroupStorageSize).toBe(32768);
    expect(r.maxComputeInvocationsPerWorkgroup).toBe(1024);
    expect(r).not.toHaveProperty('maxComputeWorkgroupSizeX'); // unknown to this "adapter": not requested
  });

  it('reads limits through getters, as GPUSupportedLimits exposes them', () => {
    class Limits {
      get maxBindGroups() {
        return 4;
      }
    }
    expect(pickLimits(new Limits(), ['maxBindGroups', 'maxNothing'])).toEqual({ maxBindGroups: 4 });
  });
});

describe('timing', () => {
  it('turns begin/end nanosecond pairs into milliseconds per pass', () => {
    expect(passDurationsMs(new BigUint64Array([1_000_000n, 3_500_000n, 4_000_000n, 4_100_000n]), 2)).toEqual([
      2.5, 0.1,
    ]);
    expect(passDurationsMs(new BigUint64Array([5n, 3n]), 1)).toEqual([0]); // reset counter: unknown, not negative
  });

  it('recognises 100 µs quantized timestamps', () => {
    expect(looksQuantized(new BigUint64Array([100_000n, 300_000n]))).toBe(true);
    expect(looksQuantized(new BigUint64Array([100_000n, 312_345n]))).toBe(false);
  });

  it('uses timestamps only when offered and the query set can hold every pass', () => {
    expect(chooseTimer(true, 1)).toBe('timestamp-query');
    expect(chooseTimer(false, 1)).toBe('wall-submit');
    expect(chooseTimer(true, MAX_QUERIES / 2 + 1)).toBe('wall-submit');
  });
});

describe('device description', () => {
  it('names the adapter from description, else vendor and architecture, and flags SwiftShader', () => {
    const d = describeDevice(
      { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
      { maxBindGroups: 4 },
      new Set(['subgroups', 'texture-compression-bc']),
    );
    expect(d).toMatchObject({
      name: 'google swiftshader',
      vendor: 'google',
      emulation: true,
      features: ['subgroups'],
      limits: { maxBindGroups: 4 },
    });
    expect(
      describeDevice({ vendor: 'nvidia', description: 'NVIDIA GeForce RTX 4090' }, {}, new Set()).name,
    ).toBe('NVIDIA GeForce RTX 4090');
    expect(describeDevice(undefined, {}, new Set()).name).toBe('WebGPU adapter');
  });
});

describe('errors and base64', () => {
  it('formats compile messages as line:col: type: message and serialises to plain data', () => {
    const m = { type: 'error' as const, message: 'bad', lineNum: 3, linePos: 7, offset: 20, length: 1 };
    expect(formatMessages([m])).toBe('3:7: error: bad');
    const e = new WebGpuError('compile', 'x', [m]);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ kind: 'compile', message: 'x', messages: [m] });
  });

  it('round-trips bytes through base64, across the chunk boundary', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) & 0xff);
    const text = bytesToBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(text)).toEqual(bytes);
  });
});

describe('textures in the plan and the limits', () => {
  const w = workloadSchema.parse({
    name: 't',
    wgsl: 'x',
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'src',
        kind: 'texture',
        format: 'rgba8unorm',
        size: [300, 20],
        mipLevels: 2,
        init: { fill: 7 },
      },
      {
        group: 1,
        binding: 3,
        name: 'smp',
        kind: 'sampler',
        sampler: { filter: 'linear', addressMode: { u: 'repeat' } },
      },
      {
        group: 0,
        binding: 1,
        name: 'dst',
        kind: 'storage-texture',
        format: 'r32float',
        size: [4, 4, 6],
        access: 'read-write',
        output: true,
      },
    ],
  });
  const plan = planBindings(w, () => new Uint8Array(0));

  it('plans texels without the header, samplers resolved, and written textures restored', () => {
    expect(plan.buffers).toEqual([]);
    const [src, dst] = plan.textures;
    // Level 0 (300×20) and level 1 (150×10), 4 bytes a texel, every component 7.
    expect(src!.texels.byteLength).toBe((300 * 20 + 150 * 10) * 4);
    expect(src!.texels.every((v) => v === 7)).toBe(true);
    expect(src).toMatchObject({ writable: false, storageBound: false });
    expect(dst).toMatchObject({
      index: 2,
      kind: 'storage-texture',
      access: 'read-write',
      output: true,
      writable: true,
    });
    expect(dst!.shape).toMatchObject({ dimension: '2d-array', depthOrLayers: 6 });
    expect(plan.samplers[0]).toMatchObject({
      index: 1,
      group: 1,
      binding: 3,
      state: { magFilter: 'linear', addressModeU: 'repeat', addressModeV: 'clamp-to-edge' },
    });
  });

  it('asks for the texture and sampler limits the workload needs', () => {
    expect(workloadLimits(w, plan)).toMatchObject({
      maxBindGroups: 2,
      maxBindingsPerBindGroup: 4,
      maxSampledTexturesPerShaderStage: 1,
      maxStorageTexturesPerShaderStage: 1,
      maxSamplersPerShaderStage: 1,
      maxTextureDimension2D: 300,
      maxTextureArrayLayers: 6,
    });
  });
});

describe('textureFeatures', () => {
  const withStorage = (format: string) =>
    planBindings(
      workloadSchema.parse({
        name: 't',
        wgsl: 'x',
        entryPoint: 'main',
        dispatch: [1, 1, 1],
        bindings: [
          {
            group: 0,
            binding: 0,
            name: 'dst',
            kind: 'storage-texture',
            format,
            size: [2, 2],
            access: 'write',
            output: true,
          },
        ],
      }),
      () => new Uint8Array(0),
    );

  it('asks for bgra8unorm-storage for a bgra8unorm storage texture, and names it when missing', () => {
    expect(textureFeatures(withStorage('bgra8unorm'), new Set(['bgra8unorm-storage']))).toEqual([
      'bgra8unorm-storage',
    ]);
    expect(() => textureFeatures(withStorage('bgra8unorm'), new Set())).toThrow(
      /"dst".*'bgra8unorm-storage'/,
    );
    expect(textureFeatures(withStorage('rgba8unorm'), new Set())).toEqual([]);
  });
});
