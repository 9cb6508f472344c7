/**
 * What translate (compiler/translate.ts) hands the emitter: the checked module, its bindings, the
 * functions and module-scope variables the chosen entry points reach, and those entry points.
 */
import type { FnInfo } from '../front/check/annotations';
import type { Checker } from '../front/check/checker';
import type { GlobalVar, ModuleScope } from '../front/scope';
import type { BindingInfo } from '../reflect';

export type Target = 'cuda' | 'cpu';

export interface EntryToEmit {
  fn: FnInfo;
  /** Slots of the bindings the entry point uses (checked for size before it runs); default: all. */
  usedSlots?: number[];
  /** Names of the bindings the entry point uses (two may share a slot when no entry uses both). */
  usedBindings?: string[];
  workgroupSize: [number, number, number];
  usesBarriers: boolean;
  usesSubgroups: boolean;
}

export interface ModuleToEmit {
  file: string;
  target: Target;
  scope: ModuleScope;
  checker: Checker;
  bindings: BindingInfo[];
  functions: FnInfo[];
  entries: EntryToEmit[];
  /** Module-scope private and workgroup variables the emitted functions use. */
  privates: GlobalVar[];
  workgroups: GlobalVar[];
  usesF16: boolean;
  /** CPU target: barrier entries run as fibers even where loop fission applies (TranslateOptions). */
  cpuFibers?: boolean;
}
