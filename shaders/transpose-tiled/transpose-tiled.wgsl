// Tiled matrix transpose: a workgroup loads a 16×16 tile with coalesced reads into workgroup memory,
// then writes it transposed with coalesced writes. The tile has 17 columns, not 16: the padding puts
// the elements of a tile column in different memory banks, so reading a column is conflict-free.

const TILE: u32 = 16u;

struct Params {
  width: u32,  // columns of `input` (= rows of `output`)
  height: u32, // rows of `input`
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;

var<workgroup> tile: array<array<f32, 17>, 16>; // [TILE][TILE + 1]

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  // Read: invocation (lx, ly) loads input[by·16 + ly][bx·16 + lx] — lx fastest, so coalesced.
  let in_col = wid.x * TILE + lid.x;
  let in_row = wid.y * TILE + lid.y;
  if (in_col < params.width && in_row < params.height) {
    tile[lid.y][lid.x] = input[in_row * params.width + in_col];
  }
  workgroupBarrier(); // outside the `if`: every invocation reaches it

  // Write: the tile lands at output block (by, bx); invocation (lx, ly) writes output row bx·16 + ly,
  // column by·16 + lx (lx fastest again), taking the element from the tile's column.
  let out_col = wid.y * TILE + lid.x; // a column of output = a row of input
  let out_row = wid.x * TILE + lid.y;
  if (out_col < params.height && out_row < params.width) {
    output[out_row * params.height + out_col] = tile[lid.x][lid.y];
  }
}
