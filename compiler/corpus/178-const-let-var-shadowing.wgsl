// const, let and var declarations in nested scopes, shadowing of module-scope names by locals, and let bindings of pointers.
const LIMIT = 10u;
var<private> shade: u32 = 1u;

fn helper(x: u32) -> u32 {
  let LIMIT = x * 2u; // shadows the module-scope const
  return LIMIT + 1u;
}

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  const C = 4u;
  let a = i + C;
  var b = a;
  {
    let a = 100u; // shadows the outer let
    b += a;
    var shade = 50u; // shadows the private var
    shade += 1u;
    b += shade;
  }
  let p = &b;
  *p += LIMIT;
  shade += i;
  out[i * 3u] = b;
  out[i * 3u + 1u] = helper(a);
  out[i * 3u + 2u] = shade;
}
