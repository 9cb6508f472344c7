// control flow: variables declared (with an initialiser) inside a loop body are re-initialised each iteration; the continuing block sees body declarations; nested loop shadowing.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let n = a[i];
  var total = 0u;
  var k = 0u;
  loop {
    var fresh = k; // a new variable every iteration (the implicit-zero form is kernel 143)
    let step = fresh + 1u;
    total += fresh * 3u;

    continuing {
      k += step; // the continuing block may use the body's declarations
      break if k >= n;
    }
  }
  var z = 0u;
  for (var j = 0u; j < 3u; j++) {
    var j2 = j * 2u;
    for (var j = 0u; j < 2u; j++) { // shadows the outer j
      j2 += j;
    }
    z += j2;
  }
  out[i] = total * 100u + z;
}
