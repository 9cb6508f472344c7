/**
 * C++ names for WGSL identifiers. Names are kept as written (readable output) unless they collide with a
 * C++ keyword, a name the preludes or the C/CUDA runtime define, a macro of the system headers a
 * generated source includes (header-macros.ts: `M_PI`, `RAND_MAX`, `offsetof`; macros ignore the
 * `wgsl` namespace), or the translator's own `duet_` names; those get a trailing underscore.
 */
import { HEADER_MACROS } from './header-macros';

const CPP_RESERVED = new Set(
  `alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t char32_t class
  compl concept const consteval constexpr constinit const_cast continue co_await co_return co_yield decltype default
  delete do double dynamic_cast else enum explicit export extern false float for friend goto if inline int long
  mutable namespace new noexcept not not_eq nullptr operator or or_eq private protected public register
  reinterpret_cast requires return short signed sizeof static static_assert static_cast struct switch template this
  thread_local throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t while xor
  xor_eq NULL EOF errno assert INFINITY NAN HUGE_VAL major minor unix linux stdin stdout stderr
  ctx p vec mat main wgsl uint4 make_uint4 dim3 threadIdx blockIdx blockDim gridDim warpSize
  int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t size_t uintptr_t
  DuetParams DuetInvocation DuetBody DuetCtx DuetWorkgroup`.split(/\s+/),
);

export function cppName(name: string): string {
  if (name.startsWith('_')) return cppName(`w${name}`);
  if (name.includes('__')) return cppName(name.replace(/__/g, '_U_'));
  if (CPP_RESERVED.has(name) || HEADER_MACROS.has(name) || /^(duet_|Duet|DUET_)/.test(name))
    return `${name}_`;
  return name;
}
