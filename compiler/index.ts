/**
 * The WGSL → CUDA C++ / CPU C++ translator (contract §2). Isomorphic: no Node APIs, so the page can bundle it.
 */
export { type Diagnostic, formatDiagnostic } from './diagnostics';
export {
  type HostScalar,
  layoutOf,
  type MemberLayout,
  PackError,
  packUniform,
  type TypeLayout,
} from './layout';
export {
  type BindingInfo,
  type BindingKind,
  type EntryPointInfo,
  type ReflectOptions,
  type ReflectResult,
  reflect,
} from './reflect';
export { type KernelInfo, type TranslateOptions, type TranslateResult, translate } from './translate';
