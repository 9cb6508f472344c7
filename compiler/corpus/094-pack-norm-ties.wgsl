// pack4x8snorm/unorm and pack2x16snorm/unorm of exact ties, as const-expressions (Chrome's constant evaluator follows the spec's floor(0.5 + scale * clamp(e)): -0.5 packs to -63, not round-to-even's -64; SwiftShader's run-time path rounds ties to even, so the inputs here are constants).
const P8S = pack4x8snorm(vec4(-0.5, 0.5, -1.25, 0.25));
const P16S = pack2x16snorm(vec2(-0.5, 0.5));
const P8U = pack4x8unorm(vec4(0.5, -0.25, 1.25, 0.1));
const P16U = pack2x16unorm(vec2(0.5, 0.25));

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(1)
fn main() {
  out[0] = P8S;
  out[1] = P16S;
  out[2] = P8U;
  out[3] = P16U;
}
