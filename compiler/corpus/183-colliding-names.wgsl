// Names that met in C++ before the name registry (issue 19): an inner `var a` beside an outer `var a_1` before and after calls, `let a = a + 1u` after calls, module names equal to generated ones or equal after escaping.
struct T { r: u32, o: u32, lane: u32, T: u32 }

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

var<private> lane: u32 = 3u;
var<private> wg: u32 = 4u;
var<private> _x: u32 = 5u;
var<private> w_x: u32 = 6u;
var<private> a__b: u32 = 7u;
var<private> a_U_b: u32 = 8u;
var<private> p: u32 = 9u;
var<private> p_: u32 = 10u;

fn duet_t0(ctx: u32) -> u32 { return ctx + 1u; }

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  var a_1: array<u32, 100>;
  for (var k = 0u; k < 100u; k++) { a_1[k] = k * 3u + i; }
  {
    var a: array<u32, 8>;
    a[i] = 40u;
    out[i * 16u] = a[i];
  }
  {
    var a: array<u32, 8>; // the second `a`: once the C++ `a_1`, hiding the outer array
    a[i] = 50u;
    out[i * 16u + 1u] = a_1[90u + i] + a[i]; // in bounds for both arrays
    a_1[95u] = 7u;
  }
  let t = duet_t0(i);
  {
    var a: array<u32, 8>;
    var a_1_1: array<u32, 8>;
    a[i] = 60u;
    a_1_1[i] = 70u;
    out[i * 16u + 2u] = a_1[95u] + a[i] + a_1_1[i] + t;
  }
  let b: u32 = 10u + i;
  let c = duet_t0(b);
  {
    let b: u32 = b + c; // reads the outer b (WGSL section 5)
    out[i * 16u + 3u] = b;
  }
  let s = T(lane, wg, _x, w_x);
  out[i * 16u + 4u] = s.r + s.o + s.lane + s.T;
  out[i * 16u + 5u] = a__b * 100u + a_U_b;
  out[i * 16u + 6u] = p * 100u + p_;
}
