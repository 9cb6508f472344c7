// const-expressions: const scalars, vectors and arrays evaluated at shader-creation time (sqrt, clamp, select, array indexing) and dynamic indexing of a const array.
const N = 4;
const HALF = 0.5;
const TABLE = array<u32, 6>(3u, 1u, 4u, 1u, 5u, 9u);
const ROOT = sqrt(16.0);
const V = vec3<f32>(1.0, 2.0, 3.0) * HALF + vec3(ROOT);
const CL = clamp(-7, -2, 5);
const SEL = select(10u, 20u, N > 3);
const BITS = countOneBits(0xF0F0u) + reverseBits(1u);

@group(0) @binding(0) var<storage, read> idx: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read_write> uo: array<u32>;

@compute @workgroup_size(6)
fn main(@builtin(local_invocation_index) i: u32) {
  let t = TABLE[idx[i]]; // dynamic index into a const array
  uo[i] = t * SEL + u32(N) + BITS;
  out[i] = V[i % 3u] + f32(CL) + f32(TABLE[2]);
}
