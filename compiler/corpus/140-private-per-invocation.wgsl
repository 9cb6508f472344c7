// module-scope var<private> is per invocation: each invocation sees its own initial value and its writes are invisible to the others, across workgroups too.
var<private> mine: u32 = 7u;
var<private> scratch: array<u32, 8>;
var<private> v3: vec3<f32>;

fn touch(k: u32) {
  mine = mine * 3u + k;
  scratch[k % 8u] = mine;
  v3 += vec3(1.0, f32(k), 0.5);
}

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(4, 2, 1)
fn main(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) n: vec3<u32>) {
  let id = g.y * (4u * n.x) + g.x;
  for (var k = 0u; k <= id % 5u; k++) {
    touch(id + k);
  }
  var s = 0u;
  for (var k = 0u; k < 8u; k++) {
    s += scratch[k];
  }
  out[id * 3u] = mine;
  out[id * 3u + 1u] = s;
  out[id * 3u + 2u] = u32(v3.x * 10.0 + v3.y + v3.z);
}
