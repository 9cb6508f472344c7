// Conway's Game of Life on a W×H torus (edges wrap), one invocation per cell. A cell is 1 (alive)
// or 0. Next generation: a live cell with 2 or 3 live neighbours survives, a dead cell with exactly 3
// becomes alive, every other cell is dead. Each pass reads `current` and writes `next`; the workload
// swaps the two buffers between passes (ping-pong), so several generations run within one sample.

struct Params {
  width: u32,
  height: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> current: array<u32>;
@group(0) @binding(2) var<storage, read_write> next: array<u32>;

fn cell(x: i32, y: i32) -> u32 {
  let w = i32(params.width);
  let h = i32(params.height);
  let wx = (x + w) % w; // wrap around: x is in −1 … w
  let wy = (y + h) % h;
  return current[u32(wy) * params.width + u32(wx)];
}

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let x = i32(gid.x);
  let y = i32(gid.y);
  var neighbours = 0u;
  for (var dy = -1; dy <= 1; dy++) {
    for (var dx = -1; dx <= 1; dx++) {
      if (dx != 0 || dy != 0) {
        neighbours += cell(x + dx, y + dy);
      }
    }
  }
  let alive = current[gid.y * params.width + gid.x] == 1u;
  let lives = neighbours == 3u || (alive && neighbours == 2u);
  next[gid.y * params.width + gid.x] = select(0u, 1u, lives);
}
