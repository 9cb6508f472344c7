/**
 * The prelude texts of one generated source. Of each sectioned header (compiler/preludes/common.h, and
 * cpu_runtime.h for the CPU backend): the part before its first section, the `always` sections, every
 * section defining a name the rest of the source uses, the sections those need, and the closing part,
 * in the header's order. The names are read from the text the emitter produced (module and entry
 * points) and from the prelude texts chosen after it, so a helper the emitter starts to call brings its
 * section without a list to keep; a section left out by mistake can only make the source fail to
 * compile (compiler/preludes/sections.test.ts). The same module always gives the same text, which the
 * translation cache hashes.
 */
import { COMMON } from '../preludes/common';
import { CPU_RUNTIME } from '../preludes/cpu_runtime';
import { CUDA_RUNTIME } from '../preludes/cuda_runtime';
import {
  type PreludeSection,
  parseSections,
  preludeNamesIn,
  type SectionedPrelude,
} from '../preludes/sections';
import { SUBGROUPS } from '../preludes/subgroups';

const COMMON_H = parseSections('compiler/preludes/common.h', COMMON);
const CPU_RUNTIME_H = parseSections('compiler/preludes/cpu_runtime.h', CPU_RUNTIME);
const SUBGROUP_NAMES = preludeNamesIn(SUBGROUPS);
const CUDA_RUNTIME_NAMES = preludeNamesIn(CUDA_RUNTIME);

/** Per header, made once: the section defining each name, and each section by its name. */
const indexes = new Map<
  SectionedPrelude,
  { definer: Map<string, PreludeSection>; byName: Map<string, PreludeSection> }
>();
function indexOf(p: SectionedPrelude) {
  const known = indexes.get(p);
  if (known) return known;
  const definer = new Map<string, PreludeSection>();
  for (const s of p.sections) for (const n of s.defines) definer.set(n, s);
  const made = { definer, byName: new Map(p.sections.map((s) => [s.name, s])) };
  indexes.set(p, made);
  return made;
}

/** The sections of `p` a source using `names` needs, in the header's order. */
export function sectionsFor(p: SectionedPrelude, names: Iterable<string>): PreludeSection[] {
  const want = new Set(p.sections.filter((s) => s.always));
  const { definer, byName } = indexOf(p);
  for (const n of names) {
    const s = definer.get(n);
    if (s) want.add(s);
  }
  const todo = [...want];
  for (let s = todo.pop(); s; s = todo.pop())
    for (const n of s.needs) {
      const d = byName.get(n)!;
      if (!want.has(d)) {
        want.add(d);
        todo.push(d);
      }
    }
  return p.sections.filter((s) => want.has(s));
}

/** The common prelude's sections a source using `names` needs. */
export const commonSectionsFor = (names: Iterable<string>) => sectionsFor(COMMON_H, names);

interface Selected {
  text: string;
  uses: Set<string>;
}

/**
 * Texts already assembled, by header, f16 and chosen sections: few kernels differ in which sections they
 * need, and joining a header's text again (tens of KB) was a visible part of translating a small one.
 */
const assembled = new Map<string, Selected>();
const ASSEMBLED_MAX = 256;

/** The part of `p` a source using `names` needs, and the prelude names that part uses in turn. */
function select(p: SectionedPrelude, names: Set<string>, usesF16: boolean): Selected {
  const chosen = sectionsFor(p, names);
  const key = `${p.file} ${usesF16} ${chosen.map((s) => s.name).join(' ')}`;
  const known = assembled.get(key);
  if (known) return known;
  if (assembled.size >= ASSEMBLED_MAX) assembled.clear();
  const made = assemble(p, chosen, usesF16);
  assembled.set(key, made);
  return made;
}

function assemble(p: SectionedPrelude, chosen: PreludeSection[], usesF16: boolean): Selected {
  const uses = new Set(p.headUses);
  for (const s of chosen) for (const n of s.uses) uses.add(n);
  const text = [
    usesF16 ? p.head : p.headWithoutF16,
    ...chosen.map((s) => (usesF16 ? s.text : s.textWithoutF16)),
    p.tail,
  ].join('\n');
  return { text, uses };
}

/**
 * The preludes of a source whose module and entry points are `emitted`: common prelude, target runtime,
 * then the subgroup operations when an entry uses them (contract section 3).
 */
export function preludesFor(
  target: 'cuda' | 'cpu',
  emitted: string[],
  o: { usesF16: boolean; usesSubgroups: boolean },
): string[] {
  const names = new Set<string>();
  for (const t of emitted) for (const n of preludeNamesIn(t)) names.add(n);
  if (o.usesSubgroups) for (const n of SUBGROUP_NAMES) names.add(n);
  let runtime = CUDA_RUNTIME;
  if (target === 'cuda') for (const n of CUDA_RUNTIME_NAMES) names.add(n);
  else {
    const cpu = select(CPU_RUNTIME_H, names, o.usesF16);
    runtime = cpu.text;
    for (const n of cpu.uses) names.add(n);
  }
  const common = select(COMMON_H, names, o.usesF16).text;
  return [common, runtime, ...(o.usesSubgroups ? [SUBGROUPS] : [])];
}
