// type aliases (alias) for scalars, vectors, arrays and structs, used in declarations, constructors, function signatures and bindings.
alias Float = f32;
alias V3 = vec3<Float>;
alias Row = array<Float, 3>;
struct Body {
  p: V3,
  m: Float,
}
alias B = Body;
alias Bodies = array<B>;

fn weigh(b: B) -> Float {
  return b.m * length(b.p);
}

@group(0) @binding(0) var<storage, read> bodies: Bodies;
@group(0) @binding(1) var<storage, read_write> out: array<Float>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  let b: B = bodies[i];
  let r = Row(b.p.x, b.p.y, b.p.z);
  let v = V3(r[2], r[1], r[0]);
  out[i * 2u] = weigh(B(v, b.m * 2.0));
  out[i * 2u + 1u] = Float(i) + r[0];
}
