// function-scope var without initialiser declared inside a loop body is a new zero-valued variable on every iteration (WGSL: each execution of the declaration creates the variable).
@group(0) @binding(0) var<storage, read> n: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  var sum_implicit = 0u;
  var sum_explicit = 0u;
  var arr_sum = 0u;
  for (var k = 0u; k < n[i]; k++) {
    var x: u32; // must be 0 at the top of every iteration
    var y: u32 = 0u;
    var a: array<u32, 2>;
    x += k + 1u;
    y += k + 1u;
    a[k % 2u] += k + 1u;
    sum_implicit += x;
    sum_explicit += y;
    arr_sum += a[0] + a[1];
  }
  out[i * 3u] = sum_implicit;
  out[i * 3u + 1u] = sum_explicit;
  out[i * 3u + 2u] = arr_sum;
}
