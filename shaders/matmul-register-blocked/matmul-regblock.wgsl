// Register-blocked matrix multiply C = A·B (row-major; A M×K, B K×N). A 16×16 workgroup computes a
// 64×64 block of C: every invocation owns a 4×4 micro-tile of outputs held in registers. Per step of
// 16 along K the workgroup stages a 64×16 tile of A and a 16×64 tile of B in workgroup memory; then for
// each k every invocation reads 4 values of A and 4 of B and does 16 multiply-adds — 2 shared-memory
// loads per multiply-add become 0.5.

const TK: u32 = 16u;   // K step
const BM: u32 = 64u;   // block rows (= block columns)
const WG: u32 = 16u;   // workgroup side; each invocation covers rows ly + 16·i, columns lx + 16·j

struct Params {
  m: u32,
  n: u32,
  k: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;

var<workgroup> tile_a: array<array<f32, 16>, 64>; // [row in block][k in step]
var<workgroup> tile_b: array<array<f32, 64>, 16>; // [k in step][column in block]

@compute @workgroup_size(16, 16)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) li: u32,
) {
  let row0 = wid.y * BM;
  let col0 = wid.x * BM;
  // acc[i][j] is C[row0 + ly + 16i][col0 + lx + 16j]; strided micro-tiles keep the loads below
  // coalesced and the tile reads conflict-free.
  var acc: array<vec4<f32>, 4>;
  let steps = (params.k + TK - 1u) / TK;
  for (var s = 0u; s < steps; s++) {
    // 256 invocations load 64×16 floats of A and 16×64 of B: 4 each, consecutive invocations taking
    // consecutive addresses.
    for (var e = 0u; e < 4u; e++) {
      let flat = li + e * 256u;
      let ar = flat / TK; // 0..63
      let ak = flat % TK; // 0..15
      let ga_row = row0 + ar;
      let ga_k = s * TK + ak;
      var va = 0.0;
      if (ga_row < params.m && ga_k < params.k) {
        va = a[ga_row * params.k + ga_k];
      }
      tile_a[ar][ak] = va;
      let bk = flat / BM; // 0..15
      let bc = flat % BM; // 0..63
      let gb_k = s * TK + bk;
      let gb_col = col0 + bc;
      var vb = 0.0;
      if (gb_k < params.k && gb_col < params.n) {
        vb = b[gb_k * params.n + gb_col];
      }
      tile_b[bk][bc] = vb;
    }
    workgroupBarrier();

    for (var kk = 0u; kk < TK; kk++) {
      let bv = vec4<f32>(
        tile_b[kk][lid.x],
        tile_b[kk][lid.x + WG],
        tile_b[kk][lid.x + 2u * WG],
        tile_b[kk][lid.x + 3u * WG],
      );
      for (var i = 0u; i < 4u; i++) {
        acc[i] = acc[i] + tile_a[lid.y + i * WG][kk] * bv;
      }
    }
    workgroupBarrier();
  }

  for (var i = 0u; i < 4u; i++) {
    let r = row0 + lid.y + i * WG;
    for (var j = 0u; j < 4u; j++) {
      let col = col0 + lid.x + j * WG;
      if (r < params.m && col < params.n) {
        c[r * params.n + col] = acc[i][j];
      }
    }
  }
}
