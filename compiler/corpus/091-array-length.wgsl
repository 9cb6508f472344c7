// array builtin arrayLength on a runtime-sized array binding and on a runtime array that is the last member of a struct, computed from the binding size (stride and offset taken into account).
struct Item {
  p: vec3<f32>,
  w: f32,
}

struct Tail {
  head: vec4<u32>,
  n: u32,
  items: array<Item>, // offset 32, stride 16
}

@group(0) @binding(0) var<storage, read> plain: array<u32>;
@group(0) @binding(1) var<storage, read> tail: Tail;
@group(0) @binding(2) var<storage, read_write> vecs: array<vec3<f32>>;
@group(0) @binding(3) var<storage, read_write> out: array<u32, 4>;

@compute @workgroup_size(1)
fn main() {
  out[0] = arrayLength(&plain);
  out[1] = arrayLength(&tail.items);
  out[2] = arrayLength(&vecs);
  let p = &plain;
  out[3] = arrayLength(p) + (*p)[arrayLength(p) - 1u];
  vecs[arrayLength(&vecs) - 1u] = vec3(1.0, 2.0, 3.0);
}
