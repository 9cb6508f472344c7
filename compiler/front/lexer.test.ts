import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer';

const texts = (source: string) => tokenize(source).map((t) => `${t.kind}:${t.text}`);

describe('tokenize (WGSL §3)', () => {
  it('takes the longest punctuation at each place (§3.7)', () => {
    expect(texts('a<<=b>>=c->d&&e||f<=g>>h!=i')).toEqual([
      'ident:a',
      'punct:<<=',
      'ident:b',
      'punct:>>=',
      'ident:c',
      'punct:->',
      'ident:d',
      'punct:&&',
      'ident:e',
      'punct:||',
      'ident:f',
      'punct:<=',
      'ident:g',
      'punct:>>',
      'ident:h',
      'punct:!=',
      'ident:i',
      'eof:<end of file>',
    ]);
    expect(texts('x--;y++;z%=2;w^=v')).toEqual([
      'ident:x',
      'punct:--',
      'punct:;',
      'ident:y',
      'punct:++',
      'punct:;',
      'ident:z',
      'punct:%=',
      'int:2',
      'punct:;',
      'ident:w',
      'punct:^=',
      'ident:v',
      'eof:<end of file>',
    ]);
  });

  it('reads ASCII and Unicode identifiers (XID_Start XID_Continue*, §3.5), `_` alone as punctuation', () => {
    expect(texts('_ _a a_1 Z9 主 Δx é\u0301 x\u0301y')).toEqual([
      'punct:_',
      'ident:_a',
      'ident:a_1',
      'ident:Z9',
      'ident:主',
      'ident:Δx',
      'ident:é\u0301',
      'ident:x\u0301y',
      'eof:<end of file>',
    ]);
  });

  it('ends a line comment at every line break of §3.2, and counts lines at LF only', () => {
    const toks = tokenize('a // c\u2028b // d\rc // e\u0085d\n/* x\n y */ e');
    expect(toks.map((t) => t.text)).toEqual(['a', 'b', 'c', 'd', 'e', '<end of file>']);
    expect(toks.map((t) => t.pos.line)).toEqual([1, 1, 1, 1, 3, 3]);
  });

  it('reads numbers, and refuses a character no token starts with', () => {
    expect(texts('0x1p4f 1.5e3 .5 7u 0i 12')).toEqual([
      'float:0x1p4f',
      'float:1.5e3',
      'float:.5',
      'int:7u',
      'int:0i',
      'int:12',
      'eof:<end of file>',
    ]);
    expect(() => tokenize('a $ b')).toThrow("unexpected character '$'");
    expect(() => tokenize('a · b')).toThrow("unexpected character '·' (U+00B7)");
  });
});
