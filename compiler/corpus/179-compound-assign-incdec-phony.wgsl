// compound assignment (+= -= *= /= %= &= |= ^= <<= >>=) on scalars, vector lanes, array elements and struct members; ++/--; phony assignment _ = e evaluates e for its side effects.
struct C {
  n: i32,
  v: vec2<u32>,
}

var<private> calls: u32;

fn effect() -> u32 {
  calls += 1u;
  return calls;
}

@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  var x = a[i];
  x += 7u;
  x *= 3u;
  x -= 1u;
  x /= 2u;
  x %= 1000u;
  x <<= 2u;
  x |= 1u;
  x ^= 0xf0u;
  x &= 0xfffu;
  x >>= 1u;
  var c = C(-5, vec2(i, 2u));
  c.n *= -3;
  c.n--;
  c.v.y += 10u;
  c.v.x++;
  var arr = array<u32, 3>(1u, 2u, 3u);
  arr[i % 3u] *= 5u;
  arr[1]--;
  _ = effect();
  _ = effect() + effect();
  _ = a[i];
  out[i * 5u] = x;
  out[i * 5u + 1u] = bitcast<u32>(c.n);
  out[i * 5u + 2u] = c.v.x * 100u + c.v.y;
  out[i * 5u + 3u] = arr[0] * 100u + arr[1] * 10u + arr[2];
  out[i * 5u + 4u] = calls;
}
