/**
 * Makes cube textures filter seamlessly in compute passes on SwiftShader (Chrome's WebGPU without a
 * GPU). Vulkan requires seamless cube filtering ("Cube Map Edge Handling": a linear lookup past a face
 * edge reads the adjacent face). SwiftShader implements it with a one-texel border around each face,
 * copied from the neighbouring faces when a cube view is prepared for sampling, and it prepares views
 * only for draws (vk::DescriptorSet::PrepareForSampling in Renderer::draw; its compute path does not),
 * so a compute pass alone samples zeros past every edge. One draw binding each cube texture, queued
 * after its texels, prepares it: measured 2026-12-06 in Chrome's SwiftShader, a gather and a linear
 * sample at a 4×4 cube's edge and corner read 0 before such a draw and the adjacent faces' texels
 * after, as Duet's CPU and CUDA backends do. On a GPU the draw costs one clipped point and changes
 * nothing. The draw reads nothing: the pipeline layout names the texture, which is what SwiftShader
 * walks; the point lies outside the viewport.
 */
import type { TexturePlan } from './plan';

const PRIME_WGSL = `
@vertex fn vs() -> @builtin(position) vec4f { return vec4f(2.0, 2.0, 0.0, 1.0); }
@fragment fn fs() -> @location(0) vec4f { return vec4f(0.0); }`;

/** The sample type a view of `t` binds as: any float or depth format as unfilterable-float (WebGPU §26.1.2). */
function sampleType(t: TexturePlan): GPUTextureSampleType {
  const kind = t.shape.format.sampled;
  return kind === 'i32' ? 'sint' : kind === 'u32' ? 'uint' : 'unfilterable-float';
}

const isCube = (t: TexturePlan) => t.shape.dimension === 'cube' || t.shape.dimension === 'cube-array';

/** Queues one draw per cube texture of `textures` (after every earlier queue write of their texels). */
export function prepareCubeBorders(
  device: GPUDevice,
  textures: { plan: TexturePlan; texture: GPUTexture }[],
): void {
  const cubes = textures.filter((t) => isCube(t.plan));
  if (!cubes.length) return;
  const module = device.createShaderModule({ label: 'cube borders', code: PRIME_WGSL });
  const target = device.createTexture({
    label: 'cube borders (target)',
    size: [1, 1],
    format: 'rgba8unorm',
    usage: GPUTextureUsage.RENDER_ATTACHMENT,
  });
  const encoder = device.createCommandEncoder({ label: 'cube borders' });
  const pass = encoder.beginRenderPass({
    colorAttachments: [{ view: target.createView(), loadOp: 'clear', storeOp: 'discard' }],
  });
  for (const { plan, texture } of cubes) {
    const viewDimension = plan.shape.dimension as 'cube' | 'cube-array';
    const layout = device.createBindGroupLayout({
      label: `${plan.name} (cube borders)`,
      entries: [
        {
          binding: 0,
          visibility: GPUShaderStage.FRAGMENT,
          texture: { sampleType: sampleType(plan), viewDimension },
        },
      ],
    });
    const pipeline = device.createRenderPipeline({
      label: `${plan.name} (cube borders)`,
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      vertex: { module, entryPoint: 'vs' },
      fragment: { module, entryPoint: 'fs', targets: [{ format: 'rgba8unorm' }] },
      primitive: { topology: 'point-list' },
    });
    pass.setPipeline(pipeline);
    pass.setBindGroup(
      0,
      device.createBindGroup({
        layout,
        entries: [{ binding: 0, resource: texture.createView({ dimension: viewDimension }) }],
      }),
    );
    pass.draw(1);
  }
  pass.end();
  device.queue.submit([encoder.finish()]);
  target.destroy();
}
