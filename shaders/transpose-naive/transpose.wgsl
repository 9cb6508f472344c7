// Naive matrix transpose: out (W×H) = transpose(in (H×W)), both row-major. Each invocation copies
// one element. Reads are coalesced (neighbouring invocations read neighbouring addresses); writes are
// strided by H floats, so every invocation of a warp writes to a different memory segment.

struct Params {
  width: u32,  // columns of `input` (= rows of `output`)
  height: u32, // rows of `input`
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x;
  let row = gid.y;
  if (col < params.width && row < params.height) {
    output[col * params.height + row] = input[row * params.width + col];
  }
}
