// control flow: continue inside a switch inside a loop continues the loop (and runs its continuing block), while break inside the switch only leaves the switch.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let n = a[i];
  var log = 0u;
  var cont = 0u;
  var k = 0u;
  loop {
    if (k >= n) {
      break;
    }
    switch (k % 4u) {
      case 0u: {
        continue; // to the continuing block, skipping "log += …" below
      }
      case 1u: {
        break; // leaves the switch only
      }
      default: {
        log += 100u;
      }
    }
    log += 1u;

    continuing {
      cont += 1u;
      k += 1u;
    }
  }
  var f = 0u;
  for (var j = 0u; j < n; j++) {
    switch (j) {
      case 3u, 5u: {
        continue;
      }
      default: {}
    }
    f += j;
  }
  out[i * 3u] = log;
  out[i * 3u + 1u] = cont;
  out[i * 3u + 2u] = f;
}
