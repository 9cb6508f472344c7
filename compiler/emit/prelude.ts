/**
 * The common prelude of one generated source: of compiler/preludes/common.h, the part before its first
 * section, the `always` sections (the value types and the containers that bound every access), every
 * section defining a name the rest of the source uses, the sections those need, and the closing part,
 * in the header's order. The names are read from the text the emitter produced (module, entry points,
 * target runtime, subgroup operations), so a helper the emitter starts to call brings its section
 * without a list to keep; a section left out by mistake can only make the source fail to compile
 * (compiler/preludes/sections.test.ts). The same module always gives the same text, which the
 * translation cache hashes.
 */
import { COMMON } from '../preludes/common';
import { type PreludeSection, parseSections, preludeNamesIn } from '../preludes/sections';

const PRELUDE = parseSections('compiler/preludes/common.h', COMMON);
const DEFINED_IN = new Map<string, PreludeSection>();
for (const s of PRELUDE.sections) for (const n of s.defines) DEFINED_IN.set(n, s);

/** The sections a source using `names` needs, in the header's order. */
export function commonSectionsFor(names: Iterable<string>): PreludeSection[] {
  const want = new Set(PRELUDE.sections.filter((s) => s.always));
  for (const n of names) {
    const s = DEFINED_IN.get(n);
    if (s) want.add(s);
  }
  const byName = new Map(PRELUDE.sections.map((s) => [s.name, s]));
  const todo = [...want];
  for (let s = todo.pop(); s; s = todo.pop())
    for (const n of s.needs) {
      const d = byName.get(n)!;
      if (!want.has(d)) {
        want.add(d);
        todo.push(d);
      }
    }
  return PRELUDE.sections.filter((s) => want.has(s));
}

const namesOf = new Map<string, Set<string>>();
/** Prelude names in a fixed text (a runtime), read once. */
function cachedNames(text: string): Set<string> {
  const known = namesOf.get(text);
  if (known) return known;
  const n = preludeNamesIn(text);
  namesOf.set(text, n);
  return n;
}

/**
 * The common prelude for a source whose other parts are `fixed` (prelude texts: runtime, subgroup
 * operations) and `emitted` (the module and its entry points).
 */
export function commonPrelude(fixed: string[], emitted: string[], usesF16: boolean): string {
  const names = new Set<string>();
  for (const t of fixed) for (const n of cachedNames(t)) names.add(n);
  for (const t of emitted) for (const n of preludeNamesIn(t)) names.add(n);
  const parts = [usesF16 ? PRELUDE.head : PRELUDE.headWithoutF16];
  for (const s of commonSectionsFor(names)) parts.push(usesF16 ? s.text : s.textWithoutF16);
  parts.push(PRELUDE.tail);
  return parts.join('\n');
}
