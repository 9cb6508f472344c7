// Tiled matrix multiply C = A·B (row-major; A M×K, B K×N). A 16×16 workgroup computes a 16×16 block
// of C. It walks K in steps of 16: each step, every invocation loads one element of A's tile and one of
// B's tile into workgroup memory, the workgroup waits, and every invocation then does 16 multiply-adds
// from the fast shared tiles. Each global element is loaded once per tile instead of once per use.

const TILE: u32 = 16u;

struct Params {
  m: u32,
  n: u32,
  k: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;

var<workgroup> tile_a: array<array<f32, 16>, 16>; // [row in block][k in step]
var<workgroup> tile_b: array<array<f32, 16>, 16>; // [k in step][column in block]

@compute @workgroup_size(16, 16)
fn main(
  @builtin(global_invocation_id) gid: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
) {
  let col = gid.x;
  let row = gid.y;
  var sum = 0.0;
  let steps = (params.k + TILE - 1u) / TILE;
  for (var s = 0u; s < steps; s++) {
    // Cooperative load; zeros outside the matrices so the inner loop needs no guards.
    let ka = s * TILE + lid.x;
    var va = 0.0;
    if (row < params.m && ka < params.k) {
      va = a[row * params.k + ka];
    }
    tile_a[lid.y][lid.x] = va;
    let kb = s * TILE + lid.y;
    var vb = 0.0;
    if (kb < params.k && col < params.n) {
      vb = b[kb * params.n + col];
    }
    tile_b[lid.y][lid.x] = vb;
    workgroupBarrier(); // the tiles are complete

    for (var i = 0u; i < TILE; i++) {
      sum = sum + tile_a[lid.y][i] * tile_b[i][lid.x];
    }
    workgroupBarrier(); // everyone is done reading before the next step overwrites the tiles
  }
  if (row < params.m && col < params.n) {
    c[row * params.n + col] = sum;
  }
}
