/**
 * A small WGSL highlighter for CodeMirror 6 (StreamLanguage): keywords, types, builtins, attributes,
 * numbers with suffixes, nested block comments. Highlighting only; the translator and the browser's
 * WGSL compiler report real errors.
 */
import { StreamLanguage, type StreamParser } from '@codemirror/language';

const KEYWORDS = new Set([
  'alias',
  'break',
  'case',
  'const',
  'const_assert',
  'continue',
  'continuing',
  'default',
  'diagnostic',
  'discard',
  'else',
  'enable',
  'fn',
  'for',
  'if',
  'let',
  'loop',
  'override',
  'requires',
  'return',
  'struct',
  'switch',
  'var',
  'while',
  'true',
  'false',
]);

const TYPES = new Set([
  'bool',
  'f16',
  'f32',
  'i32',
  'u32',
  'vec2',
  'vec3',
  'vec4',
  'mat2x2',
  'mat2x3',
  'mat2x4',
  'mat3x2',
  'mat3x3',
  'mat3x4',
  'mat4x2',
  'mat4x3',
  'mat4x4',
  'array',
  'atomic',
  'ptr',
  'sampler',
  'texture_2d',
  'texture_storage_2d',
  'vec2f',
  'vec3f',
  'vec4f',
  'vec2i',
  'vec3i',
  'vec4i',
  'vec2u',
  'vec3u',
  'vec4u',
  'vec2h',
  'vec3h',
  'vec4h',
  'mat2x2f',
  'mat3x3f',
  'mat4x4f',
  'mat2x2h',
  'mat3x3h',
  'mat4x4h',
]);

/** Address spaces and access modes inside `var<…>` / `ptr<…>`. */
const QUALIFIERS = new Set([
  'function',
  'private',
  'workgroup',
  'uniform',
  'storage',
  'read',
  'write',
  'read_write',
]);

const BUILTINS = new Set([
  'abs',
  'acos',
  'all',
  'any',
  'arrayLength',
  'asin',
  'atan',
  'atan2',
  'atomicAdd',
  'atomicAnd',
  'atomicCompareExchangeWeak',
  'atomicExchange',
  'atomicLoad',
  'atomicMax',
  'atomicMin',
  'atomicOr',
  'atomicStore',
  'atomicSub',
  'atomicXor',
  'bitcast',
  'ceil',
  'clamp',
  'cos',
  'cosh',
  'countLeadingZeros',
  'countOneBits',
  'countTrailingZeros',
  'cross',
  'degrees',
  'determinant',
  'distance',
  'dot',
  'exp',
  'exp2',
  'extractBits',
  'faceForward',
  'firstLeadingBit',
  'firstTrailingBit',
  'floor',
  'fma',
  'fract',
  'frexp',
  'insertBits',
  'inverseSqrt',
  'ldexp',
  'length',
  'log',
  'log2',
  'max',
  'min',
  'mix',
  'modf',
  'normalize',
  'pack2x16float',
  'pow',
  'quantizeToF16',
  'radians',
  'reflect',
  'refract',
  'reverseBits',
  'round',
  'saturate',
  'select',
  'sign',
  'sin',
  'sinh',
  'smoothstep',
  'sqrt',
  'step',
  'storageBarrier',
  'subgroupAdd',
  'subgroupBroadcast',
  'subgroupMax',
  'subgroupMin',
  'subgroupShuffle',
  'tan',
  'tanh',
  'transpose',
  'trunc',
  'unpack2x16float',
  'workgroupBarrier',
  'workgroupUniformLoad',
]);

interface WgslState {
  /** Depth of nested block comments; 0 outside comments. */
  commentDepth: number;
}

function readBlockComment(stream: Parameters<StreamParser<WgslState>['token']>[0], state: WgslState): string {
  while (!stream.eol()) {
    if (stream.match('/*')) state.commentDepth++;
    else if (stream.match('*/')) state.commentDepth--;
    else stream.next();
    if (state.commentDepth === 0) break;
  }
  return 'blockComment';
}

const NUMBER =
  /^(0[xX][0-9a-fA-F]+(\.[0-9a-fA-F]*)?([pP][+-]?\d+)?|\d+\.\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)[iufh]?/;

export const wgslParser: StreamParser<WgslState> = {
  name: 'wgsl',
  startState: () => ({ commentDepth: 0 }),
  token(stream, state) {
    if (state.commentDepth > 0) return readBlockComment(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'lineComment';
    }
    if (stream.match('/*')) {
      state.commentDepth = 1;
      return readBlockComment(stream, state);
    }
    if (stream.match(/^@[A-Za-z_]\w*/)) return 'meta';
    if (stream.match(NUMBER)) return 'number';
    if (stream.match(/^[A-Za-z_]\w*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return word === 'true' || word === 'false' ? 'bool' : 'keyword';
      if (TYPES.has(word)) return 'typeName';
      if (QUALIFIERS.has(word)) return 'modifier';
      if (BUILTINS.has(word)) return 'variableName.standard';
      if (stream.match(/^\s*\(/, false)) return 'variableName.function';
      return 'variableName';
    }
    if (stream.match(/^(->|&&|\|\||<<=?|>>=?|[-+*/%&|^!=<>]=?|~)/)) return 'operator';
    if (stream.match(/^[{}()[\];,.:]/)) return 'punctuation';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
};

export const wgslLanguage = StreamLanguage.define(wgslParser);
