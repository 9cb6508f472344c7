// abstract literals: integer division of abstract ints stays integral (1/3 == 0), abstract floats are exact until concretised, hex and exponent literals, u32 max literal.
@group(0) @binding(0) var<storage, read_write> f: array<f32, 8>;
@group(0) @binding(1) var<storage, read_write> u: array<u32, 8>;

@compute @workgroup_size(1)
fn main() {
  f[0] = 1 / 3; // abstract-int division: 0
  f[1] = 1.0 / 3.0;
  f[2] = 0x1p-3; // hex float 0.125
  f[3] = 2e10 / 1e10;
  f[4] = 16777217.0; // rounds to 16777216 when concretised
  f[5] = (1.0 + 1e-10) * 3.0 - 3.0; // computed exactly before concretising? abstract is f64-ish
  f[6] = -0x1.8p1;
  f[7] = 7 % 4 * 1.5;
  u[0] = 4294967295;
  u[1] = 0xFFFFFFFFu >> 4u;
  u[2] = 1 << 31;
  u[3] = 0x7fffffff + 1;
  u[4] = u32(-1 + 2);
  u[5] = 100000 * 40000; // 4e9 fits in u32
  u[6] = u32(3.75);
  u[7] = (1 << 16) * (1 << 15);
}
