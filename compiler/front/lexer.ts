/**
 * WGSL tokenizer (WGSL spec §3 "Textual structure"). Produces tokens with 1-based line:col positions so
 * every later diagnostic can point at the source. Template-list disambiguation (`<`/`>`) is done by the
 * parser, which knows when a type generator such as `vec3` or `array` precedes a `<`.
 */
import { CompileError, type Pos } from '../diagnostics';

export type TokenKind = 'ident' | 'int' | 'float' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  pos: Pos;
}

/** Longest-first punctuation (WGSL §3.7 "Syntactic tokens"). */
const PUNCTUATION = [
  '<<=',
  '>>=',
  '->',
  '&&',
  '||',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&',
  '|',
  '^',
  '~',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '=',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  ';',
  ':',
  '.',
  '@',
  '_',
];

/** Maximum source size accepted by the translator (characters). */
export const MAX_SOURCE_CHARS = 1 << 20;

/**
 * Reserved words (WGSL section 16.2): "A WGSL module must not contain a reserved word". Tint
 * refuses them, so accepting them here would translate modules the browser rejects.
 */
const RESERVED_WORDS = new Set(
  `NULL Self abstract active alignas alignof as asm asm_fragment async attribute auto await become cast
  catch class co_await co_return co_yield coherent column_major common compile compile_fragment concept
  const_cast consteval constexpr constinit crate debugger decltype delete demote demote_to_helper do
  dynamic_cast enum explicit export extends extern external fallthrough filter final finally friend from
  fxgroup get goto groupshared highp impl implements import inline instanceof interface layout lowp macro
  macro_rules match mediump meta mod module move mut mutable namespace new nil noexcept noinline
  nointerpolation non_coherent noncoherent noperspective null nullptr of operator package packoffset
  partition pass patch pixelfragment precise precision premerge priv protected pub public readonly ref
  regardless register reinterpret_cast require resource restrict self set shared sizeof smooth snorm
  static static_assert static_cast std subroutine super target template this thread_local throw trait try
  type typedef typeid typename typeof union unless unorm unsafe unsized use using varying virtual volatile
  wgsl where with writeonly yield`.split(/\s+/),
);

/**
 * Blankspace (WGSL section 3.2): space, tab, LF, VT, FF, CR, NEL, left-to-right mark, right-to-left
 * mark, line separator, paragraph separator. All but the two marks and space/tab are line breaks,
 * which end a line-ending comment (section 3.3).
 */
const BLANK = new Set([' ', '\t', '\v', '\f', '\r', '\u0085', '\u200e', '\u200f', '\u2028', '\u2029']);

const IDENT_START = /[\p{XID_Start}_]/u;
const IDENT_CONTINUE = /[\p{XID_Continue}]/u;

/** Punctuation by first character, longest first, so a token tries only the few that can match. */
const PUNCT_BY_FIRST = new Map<string, string[]>();
for (const p of PUNCTUATION) PUNCT_BY_FIRST.set(p[0]!, [...(PUNCT_BY_FIRST.get(p[0]!) ?? []), p]);

const isDigit = (code: number) => code >= 48 && code <= 57;
const isAsciiLetter = (code: number) => (code | 0x20) >= 97 && (code | 0x20) <= 122;
/** XID_Start or `_`; ASCII answered without the Unicode regex (its XID_Start is the letters). */
const isIdentStart = (c: string, code: number) =>
  code < 128 ? isAsciiLetter(code) || code === 95 : IDENT_START.test(c);
/** XID_Continue; in ASCII that is letters, digits and `_`. */
const isIdentContinue = (c: string, code: number) =>
  code < 128 ? isAsciiLetter(code) || isDigit(code) || code === 95 : IDENT_CONTINUE.test(c);

// WGSL §3.6 numeric literals: decimal float, hex float, decimal/hex int, with optional suffixes.
const DEC_FLOAT =
  /^(?:(?:[0-9]*\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][+-]?[0-9]+)?[fh]?|[0-9]+[eE][+-]?[0-9]+[fh]?|(?:0|[1-9][0-9]*)[fh])/;
const HEX_FLOAT =
  /^0[xX](?:(?:[0-9a-fA-F]*\.[0-9a-fA-F]+|[0-9a-fA-F]+\.[0-9a-fA-F]*)(?:[pP][+-]?[0-9]+[fh]?)?|[0-9a-fA-F]+[pP][+-]?[0-9]+[fh]?)/;
const HEX_INT = /^0[xX][0-9a-fA-F]+[iu]?/;
const DEC_INT = /^(?:0|[1-9][0-9]*)[iu]?/;

export function tokenize(source: string): Token[] {
  if (source.length > MAX_SOURCE_CHARS) {
    throw new CompileError(
      { line: 1, col: 1, offset: 0 },
      `source is ${source.length} characters; the limit is ${MAX_SOURCE_CHARS}`,
    );
  }
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): Pos => ({ line, col: i - lineStart + 1, offset: i });
  const newline = () => {
    line++;
    lineStart = i + 1;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      newline();
      i++;
      continue;
    }
    if (BLANK.has(c)) {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && !isLineBreak(source.charCodeAt(i))) i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const start = pos();
      let depth = 1;
      i += 2;
      while (i < source.length && depth > 0) {
        if (source[i] === '/' && source[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (source[i] === '*' && source[i + 1] === '/') {
          depth--;
          i += 2;
        } else {
          if (source[i] === '\n') newline();
          i++;
        }
      }
      if (depth > 0) throw new CompileError(start, 'unterminated block comment');
      continue;
    }
    const start = pos();
    const code = source.charCodeAt(i);
    if (isDigit(code) || (c === '.' && isDigit(source.charCodeAt(i + 1)))) {
      const rest = source.slice(i, i + 128);
      const match = matchNumber(rest);
      if (!match) throw new CompileError(start, `invalid number '${c}'`);
      const { kind, text } = match;
      const after = source[i + text.length] ?? '';
      if (/[0-9a-zA-Z_]/.test(after)) {
        throw new CompileError(start, `invalid numeric literal '${text}${after}'`);
      }
      tokens.push({ kind, text, pos: start });
      i += text.length;
      continue;
    }
    if (
      isIdentStart(c, code) &&
      !(c === '_' && !isIdentContinue(source[i + 1] ?? ' ', source.charCodeAt(i + 1)))
    ) {
      let j = i + 1;
      while (j < source.length && isIdentContinue(source[j]!, source.charCodeAt(j))) j++;
      const text = source.slice(i, j);
      if (text.startsWith('__'))
        throw new CompileError(start, `identifiers must not start with '__': '${text}'`);
      if (RESERVED_WORDS.has(text))
        throw new CompileError(start, `'${text}' is a reserved word in WGSL and cannot be used as a name`);
      tokens.push({ kind: 'ident', text, pos: start });
      i = j;
      continue;
    }
    const p = punctuationAt(source, i);
    if (!p) {
      // Whole code points (an emoji is two UTF-16 units), and their number: a byte-order mark or a
      // control character prints as nothing.
      const cp = source.codePointAt(i)!;
      const name = cp > 0x7e || cp < 0x20 ? ` (U+${cp.toString(16).toUpperCase().padStart(4, '0')})` : '';
      throw new CompileError(start, `unexpected character '${String.fromCodePoint(cp)}'${name}`);
    }
    tokens.push({ kind: 'punct', text: p, pos: start });
    i += p.length;
  }
  tokens.push({ kind: 'eof', text: '<end of file>', pos: pos() });
  return tokens;
}

function punctuationAt(source: string, i: number): string | undefined {
  for (const q of PUNCT_BY_FIRST.get(source[i]!) ?? []) if (source.startsWith(q, i)) return q;
  return undefined;
}

/** LF, VT, FF, CR, NEL, line and paragraph separators (WGSL section 3.2). */
function isLineBreak(code: number): boolean {
  return (code >= 10 && code <= 13) || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/** Tried in this order: a hex float before a hex int, a decimal float before a decimal int. */
const NUMBER_FORMS: [RegExp, TokenKind][] = [
  [HEX_FLOAT, 'float'],
  [HEX_INT, 'int'],
  [DEC_FLOAT, 'float'],
  [DEC_INT, 'int'],
];

function matchNumber(rest: string): { kind: TokenKind; text: string } | null {
  for (const [re, kind] of NUMBER_FORMS) {
    const m = re.exec(rest);
    if (m) return { kind, text: m[0] };
  }
  return null;
}
