// left-to-right evaluation: side-effecting calls in binary operands, function arguments, constructor arguments, array index vs value, and compound assignment happen in source order.
var<private> log: u32;
var<private> n: u32;

fn tick(v: u32) -> u32 {
  n += 1u;
  log = log * 10u + v;
  return v;
}

fn three(a: u32, b: u32, c: u32) -> u32 {
  return a * 100u + b * 10u + c;
}

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(1)
fn main() {
  var arr: array<u32, 8>;
  log = 0u;
  let x = tick(1u) - tick(2u) * tick(3u); // calls in order 1, 2, 3
  out[0] = log;
  out[1] = x;
  log = 0u;
  out[2] = three(tick(4u), tick(5u), tick(6u));
  out[3] = log;
  log = 0u;
  let v = vec3(tick(7u), tick(8u), tick(9u));
  out[4] = log;
  out[5] = v.x * 100u + v.y * 10u + v.z;
  log = 0u;
  arr[tick(2u)] = tick(5u); // index before value
  out[6] = log;
  out[7] = arr[2];
  log = 0u;
  arr[tick(3u)] += tick(4u) * tick(1u);
  out[8] = log;
  out[9] = arr[3];
  log = 0u;
  let b = ((tick(1u) > 0u) && (tick(2u) > 5u)) || (tick(3u) == 3u);
  out[10] = log * 10u + u32(b);
  out[11] = n;
}
