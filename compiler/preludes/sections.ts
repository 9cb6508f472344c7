/**
 * The sections of a prelude header (compiler/preludes/common.h, cpu_runtime.h): the text before the first
 * `/* @section NAME [always] [needs A B] *\/` line, each section up to the next marker, and the text after
 * `/* @end-sections *\/`. For each section, the names it defines (types, functions, macros, with every
 * overload) and the names of other sections it uses, read from the text itself, so a section added to
 * the header needs no second list here. compiler/emit/prelude.ts picks the sections a module uses.
 */

export interface PreludeSection {
  name: string;
  /** 1-based line of its marker in the header. */
  line: number;
  /** Always part of a generated source (the value types and the containers that bound every access). */
  always: boolean;
  /** The sections it says it uses, as written after `needs`. */
  needs: string[];
  text: string;
  /** `text` as the preprocessor sees it without DUET_USES_F16 (its f16 overloads and typedefs gone). */
  textWithoutF16: string;
  /** Prelude names (duet_*, Duet*, DUET_*, vec, mat) the section declares or defines. */
  defines: Set<string>;
  /** Prelude names the section's code (not its comments) mentions. */
  uses: Set<string>;
}

export interface SectionedPrelude {
  file: string;
  head: string;
  headWithoutF16: string;
  headUses: Set<string>;
  sections: PreludeSection[];
  tail: string;
}

const MARKER = /^\/\* @section ([a-z][a-z0-9-]*)( always)?((?: needs(?: [a-z][a-z0-9-]*)+)?) \*\/$/;
const END = '/* @end-sections */';

/** Splits a header at its section markers; a malformed marker or an unknown `needs` is an error at its line. */
export function parseSections(file: string, text: string): SectionedPrelude {
  const lines = text.split('\n');
  const sections: PreludeSection[] = [];
  let head: string | null = null;
  let tail: string | null = null;
  let open = null as { name: string; line: number; always: boolean; needs: string[] } | null;
  let from = 0;
  const close = (to: number) => {
    const body = lines.slice(from, to).join('\n');
    if (open === null) head = body;
    else {
      sections.push({
        name: open.name,
        line: open.line,
        always: open.always,
        needs: open.needs,
        text: body,
        textWithoutF16: withoutF16(body),
        defines: definedNames(body),
        uses: preludeNamesIn(body),
      });
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === END) {
      if (tail !== null) throw new Error(`${file}:${i + 1}: a second ${END}`);
      close(i);
      tail = lines.slice(i + 1).join('\n');
      break;
    }
    if (!l.startsWith('/* @section')) continue;
    const m = MARKER.exec(l);
    if (!m)
      throw new Error(
        `${file}:${i + 1}: malformed section marker (want /* @section name [always] [needs a b] */)`,
      );
    if (sections.some((s) => s.name === m[1]) || open?.name === m[1])
      throw new Error(`${file}:${i + 1}: section '${m[1]}' appears twice`);
    close(i);
    const needs = m[3] ? m[3].trim().split(' ').slice(1) : [];
    for (const n of needs)
      if (!sections.some((s) => s.name === n) && open?.name !== n)
        throw new Error(`${file}:${i + 1}: section '${m[1]}' needs '${n}', which is not an earlier section`);
    // The marker stays in the text: a reader of a generated source sees which sections it holds.
    open = { name: m[1]!, line: i + 1, always: m[2] !== undefined, needs };
    from = i;
  }
  if (tail === null) throw new Error(`${file}: no ${END} line`);
  if (head === null) throw new Error(`${file}: no section marker`);
  return { file, head, headWithoutF16: withoutF16(head), headUses: preludeNamesIn(head), sections, tail };
}

/** The text without C and C++ comments (names in comments are not uses). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');
}

/** Prelude names: those a generated source can only have from a prelude (compiler/namer.ts keeps WGSL names off them). */
const PRELUDE_NAME = /\b(?:duet_\w+|Duet\w+|DUET_\w+|vec|mat)\b/g;

/** Every prelude name that occurs in `text` outside comments. */
export function preludeNamesIn(text: string): Set<string> {
  return new Set(withoutComments(text).match(PRELUDE_NAME) ?? []);
}

/**
 * The prelude names a section declares or defines: `#define X`, `struct X` (and its specialisations),
 * `typedef ... X;`, an enumerator, a function `DUET_FN|DUET_MFN|static|extern ... X(`, a `static`
 * variable, and the overloads the lifting macros add (`DUET_MATH1(X, ...)`, `DUET_LIFT2(X)` ...).
 */
export function definedNames(text: string): Set<string> {
  const code = withoutComments(text);
  const out = new Set<string>();
  const add = (re: RegExp, within = code) => {
    for (const m of within.matchAll(re)) if (/^(?:duet_|Duet|DUET_|vec$|mat$)/.test(m[1]!)) out.add(m[1]!);
  };
  add(/#\s*define\s+(\w+)/g);
  add(/\bstruct\s+(\w+)/g);
  add(/\btypedef\b[^;]*?\b(\w+)\s*;/g);
  add(/\b(?:DUET_FN|DUET_MFN|static|extern)\b[^;{]*?\b(duet_\w+)\s*\(/g);
  add(/\bstatic\b[^;{}()]*?\b(duet_\w+)\s*[=;]/g);
  for (const e of code.matchAll(/\benum\b[^{;]*\{([^}]*)\}/g)) add(/\b(\w+)\s*(?:=[^,]*)?(?:,|$)/g, e[1]!);
  add(/\b(?:DUET_MATH1|DUET_LIFT[123]|DUET_F16_[123])\((duet_\w+)/g);
  return out;
}

/**
 * `text` as the preprocessor leaves it when DUET_USES_F16 is not defined: each `#ifdef DUET_USES_F16`
 * group keeps its `#else` part only, each `#ifndef DUET_USES_F16` group its first part; other
 * conditionals stay as written. Nothing else is touched, so the compiler sees what it saw before.
 */
export function withoutF16(text: string): string {
  const out: string[] = [];
  // One entry per open conditional: null when it is not about DUET_USES_F16, else whether its current
  // branch is kept.
  const stack: Array<{ keep: boolean } | null> = [];
  const kept = () => stack.every((s) => s === null || s.keep);
  for (const line of text.split('\n')) {
    const d = /^\s*#\s*(ifdef|ifndef|if|else|elif|endif)\b\s*(\S*)/.exec(line);
    if (d) {
      const [, what, arg] = d;
      if ((what === 'ifdef' || what === 'ifndef') && arg === 'DUET_USES_F16') {
        stack.push({ keep: what === 'ifndef' });
        continue;
      }
      if (what === 'if' || what === 'ifdef' || what === 'ifndef') stack.push(null);
      else if (what === 'else' && stack.length && stack[stack.length - 1]) {
        const top = stack[stack.length - 1]!;
        top.keep = !top.keep;
        continue;
      } else if (what === 'elif' && stack.length && stack[stack.length - 1])
        throw new Error(`#elif in a DUET_USES_F16 group is not supported: ${line}`);
      else if (what === 'endif') {
        const top = stack.pop();
        if (top) continue;
      }
    }
    if (kept()) out.push(line);
  }
  return out.join('\n');
}
