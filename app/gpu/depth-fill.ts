/**
 * Fills depth32float textures in the browser. WebGPU copies no buffer into depth32float (WebGPU §26.1.2
 * "Depth-stencil formats": its depth aspect is not a copy destination from a buffer or writeTexture), so
 * the texels are written the way a renderer writes depth: one draw per mip level and layer of a
 * full-screen triangle whose fragment shader reads the texel's depth from a storage buffer and returns
 * it as @builtin(frag_depth) (WGSL §13.3.1.1), depth test "always". Every depth is in [0, 1] (the
 * workload's validation, core/texture-binding.ts), inside the viewport's depth range, so the clamp the
 * rasterizer applies leaves it as given and depth32float stores the f32 exactly.
 */

import type { TexturePlan } from './plan';
import { levelUploads } from './textures';

const FILL_WGSL = `
struct Level { first: u32, width: u32 }
@group(0) @binding(0) var<storage, read> depths: array<f32>;
@group(0) @binding(1) var<uniform> level: Level;
@vertex fn vs(@builtin(vertex_index) i: u32) -> @builtin(position) vec4f {
  // (-1, -1), (3, -1), (-1, 3): one triangle covering the whole viewport.
  return vec4f(f32((i << 1u) & 2u) * 2.0 - 1.0, f32(i & 2u) * 2.0 - 1.0, 0.0, 1.0);
}
@fragment fn fs(@builtin(position) p: vec4f) -> @builtin(frag_depth) f32 {
  // Framebuffer and texel coordinates share their origin, the top-left texel (WebGPU §3.3).
  return depths[level.first + u32(p.y) * level.width + u32(p.x)];
}`;

/**
 * Uniform and storage binding offsets must be multiples of minUniformBufferOffsetAlignment and
 * minStorageBufferOffsetAlignment (256 by default, WebGPU §3.6.2).
 */
const UNIFORM_STRIDE = 256;
const STORAGE_ALIGNMENT = 256;

const pipelines = new WeakMap<GPUDevice, GPURenderPipeline>();

function fillPipeline(device: GPUDevice): GPURenderPipeline {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    const module = device.createShaderModule({ label: 'depth32float fill', code: FILL_WGSL });
    pipeline = device.createRenderPipeline({
      label: 'depth32float fill',
      layout: 'auto',
      vertex: { module, entryPoint: 'vs' },
      fragment: { module, entryPoint: 'fs', targets: [] },
      primitive: { topology: 'triangle-list' },
      depthStencil: { format: 'depth32float', depthWriteEnabled: true, depthCompare: 'always' },
    });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

/** One draw: a level and layer of the texture, and where its texels start in the slot's texels (in f32s). */
export interface DepthDraw {
  mipLevel: number;
  layer: number;
  width: number;
  height: number;
  offset: number;
}

/** The draws that fill every level and layer of a depth32float texture. */
export function depthDraws(t: Pick<TexturePlan, 'shape'>): DepthDraw[] {
  return levelUploads(t.shape).flatMap((up) => {
    const [width, height, layers] = up.size;
    return Array.from({ length: layers }, (_, layer) => ({
      mipLevel: up.mipLevel,
      layer,
      width,
      height,
      offset: (up.offset + layer * width * height * 4) / 4,
    }));
  });
}

/** Queues the draws that give `texture` the depths of `t.texels` (after any earlier queue writes). */
export function fillDepthTexture(device: GPUDevice, t: TexturePlan, texture: GPUTexture): void {
  const pipeline = fillPipeline(device);
  const draws = depthDraws(t);
  const depths = device.createBuffer({
    label: `${t.name} (depths)`,
    size: Math.max(4, t.texels.byteLength),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(depths, 0, t.texels);
  const levels = device.createBuffer({
    label: `${t.name} (levels)`,
    size: draws.length * UNIFORM_STRIDE,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  // Each draw binds only its level and layer (from the aligned offset below it), so a texture larger
  // than maxStorageBufferBindingSize (128 MiB by default) fills as long as one layer fits.
  const ranges = draws.map((d) => {
    const start = d.offset * 4;
    const at = Math.floor(start / STORAGE_ALIGNMENT) * STORAGE_ALIGNMENT;
    return { at, size: start - at + d.width * d.height * 4, first: (start - at) / 4 };
  });
  const words = new Uint32Array((draws.length * UNIFORM_STRIDE) / 4);
  draws.forEach((d, i) => {
    words[(i * UNIFORM_STRIDE) / 4] = ranges[i]!.first;
    words[(i * UNIFORM_STRIDE) / 4 + 1] = d.width;
  });
  device.queue.writeBuffer(levels, 0, words);
  const encoder = device.createCommandEncoder({ label: `${t.name} (depth fill)` });
  draws.forEach((d, i) => {
    const pass = encoder.beginRenderPass({
      label: `${t.name} level ${d.mipLevel} layer ${d.layer}`,
      colorAttachments: [],
      depthStencilAttachment: {
        view: texture.createView({
          dimension: '2d',
          baseMipLevel: d.mipLevel,
          mipLevelCount: 1,
          baseArrayLayer: d.layer,
          arrayLayerCount: 1,
        }),
        depthClearValue: 0,
        depthLoadOp: 'clear',
        depthStoreOp: 'store',
      },
    });
    pass.setPipeline(pipeline);
    pass.setBindGroup(
      0,
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: depths, offset: ranges[i]!.at, size: ranges[i]!.size } },
          { binding: 1, resource: { buffer: levels, offset: i * UNIFORM_STRIDE, size: 8 } },
        ],
      }),
    );
    pass.draw(3);
    pass.end();
  });
  device.queue.submit([encoder.finish()]);
  // Destroyed once the submitted draws are done with them (WebGPU §5.1.4 destroy()).
  depths.destroy();
  levels.destroy();
}
