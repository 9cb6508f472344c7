// control flow: loop { … continuing { … break if cond; } } runs the continuing block after every iteration including ones left by continue, and break if ends the loop at the bottom.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let n = a[i];
  var k = 0u;
  var acc = 0u;
  var conts = 0u;
  loop {
    if (k % 2u == 0u) {
      continue; // still runs the continuing block
    }
    acc += k * k;
    if (acc > 500u) {
      break; // skips the continuing block
    }

    continuing {
      conts += 1u;
      k += 1u;
      break if k >= n;
    }
  }
  out[i * 3u] = acc;
  out[i * 3u + 1u] = k;
  out[i * 3u + 2u] = conts;
}
