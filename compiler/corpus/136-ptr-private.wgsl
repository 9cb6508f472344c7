// function calls: ptr<private, T> parameters write the invocation's own private variables; module-scope var<private> with and without initialisers.
var<private> counter: u32;
var<private> seed: u32 = 12345u;
var<private> hist: array<u32, 4>;

fn next(s: ptr<private, u32>) -> u32 {
  *s = *s * 1103515245u + 12345u;
  return *s >> 16u;
}

fn tally(h: ptr<private, array<u32, 4>>, v: u32) {
  (*h)[v % 4u] += 1u;
}

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  seed += i; // every invocation starts from 12345
  for (var k = 0u; k < 10u; k++) {
    tally(&hist, next(&seed));
    counter++;
  }
  out[i * 6u] = seed;
  out[i * 6u + 1u] = counter; // 10: private state is per invocation
  out[i * 6u + 2u] = hist[0];
  out[i * 6u + 3u] = hist[1];
  out[i * 6u + 4u] = hist[2];
  out[i * 6u + 5u] = hist[3];
}
