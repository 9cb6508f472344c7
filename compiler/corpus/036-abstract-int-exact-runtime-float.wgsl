// AbstractInt const-expressions exact in 64 bits ((3037000499 * 3037000499) % 4294967291, 2^53 sums, | ^ & past 2^32), run-time AbstractFloat expressions concretized to f32 then converted with saturation (select, a const array indexed at run time, a switch selector, beside a u32), and a var<private> typed from its initializer.
const A = array(2.5, -3.75, 1e10);
const BIG = 9223372036854775807;
var<private> counter = 4294967296 / 4294967296 + 9;

@group(0) @binding(0) var<storage, read> sel: array<u32>;
@group(0) @binding(1) var<storage, read_write> exact: array<u32>;
@group(0) @binding(2) var<storage, read_write> conv: array<i32>;

@compute @workgroup_size(2)
fn main(@builtin(local_invocation_index) k: u32) {
  let c = sel[k] == 1u;
  let i = sel[k + 2u];
  exact[k * 6u] = u32((3037000499 * 3037000499) % 4294967291);
  exact[k * 6u + 1u] = u32((9007199254740991 + 2) - 9007199254740991);
  exact[k * 6u + 2u] = u32((4294967296 | 5) / 4294967296);
  exact[k * 6u + 3u] = u32(((1 << 62) & (BIG - 1)) >> 60);
  exact[k * 6u + 4u] = u32(A[i]) + sel[k];
  counter += 1;
  exact[k * 6u + 5u] = u32(counter);
  conv[k * 4u] = i32(select(2.5, -3.75, c));
  conv[k * 4u + 1u] = i32(A[i]);
  switch i32(select(2.5, -3.75, c)) {
    case -3: { conv[k * 4u + 2u] = 30; }
    case 2: { conv[k * 4u + 2u] = 20; }
    default: { conv[k * 4u + 2u] = -1; }
  }
  conv[k * 4u + 3u] = i32(vec2<u32>(vec2(A[i], A[1u - (i & 1u)])).y);
}
