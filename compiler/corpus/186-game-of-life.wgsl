// real project: Conway's game of life on a 16x16 torus, 4 ping-pong passes (swap), 2D dispatch of 2D workgroups; cell states are exact.
override W: u32 = 16u;
override H: u32 = 16u;

@group(0) @binding(0) var<storage, read_write> cells: array<u32>;
@group(0) @binding(1) var<storage, read_write> next: array<u32>;

fn alive(x: i32, y: i32) -> u32 {
  let xx = u32((x + i32(W)) % i32(W));
  let yy = u32((y + i32(H)) % i32(H));
  return cells[yy * W + xx];
}

@compute @workgroup_size(8, 8)
fn step(@builtin(global_invocation_id) g: vec3<u32>) {
  let x = i32(g.x);
  let y = i32(g.y);
  var n = 0u;
  for (var dy = -1; dy <= 1; dy++) {
    for (var dx = -1; dx <= 1; dx++) {
      if (dx != 0 || dy != 0) {
        n += alive(x + dx, y + dy);
      }
    }
  }
  let me = alive(x, y);
  next[g.y * W + g.x] = select(u32(n == 3u), u32(n == 2u || n == 3u), me == 1u);
}
