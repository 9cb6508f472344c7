import { describe, expect, it } from 'vitest';
import { MAX_NAME, parseAnswer, parseHello } from './handshake';

describe('the pairing handshake', () => {
  it('reads a pair and a resume hello', () => {
    expect(parseHello('{"type":"pair","code":"ABCDE-FGHJK","name":"gpu-box (cuda)"}')).toEqual({
      type: 'pair',
      code: 'ABCDE-FGHJK',
      name: 'gpu-box (cuda)',
    });
    expect(parseHello('{"type":"resume","id":"p1","secret":"s3cret","name":"n"}')).toMatchObject({
      type: 'resume',
      id: 'p1',
    });
  });

  it('takes no control characters into a name (it is logged and shown), and bounds its length', () => {
    const h = parseHello(
      JSON.stringify({ type: 'pair', code: 'C', name: 'host\n2026-01-01 paired a new daemon\u202e' }),
    );
    expect(h?.name).toBe('host 2026-01-01 paired a new daemon');
    expect(parseHello(JSON.stringify({ type: 'pair', code: 'C', name: 'x'.repeat(500) }))?.name.length).toBe(
      MAX_NAME,
    );
    expect(parseHello(JSON.stringify({ type: 'pair', code: 'C' }))?.name).toBe('a paired daemon');
  });

  it('refuses what is not a hello', () => {
    for (const text of ['', 'null', '[]', '{"type":"pair"}', '{"type":"resume","id":"x"}', '{"type":"x"}'])
      expect(parseHello(text), text).toBeNull();
    expect(parseHello(JSON.stringify({ type: 'pair', code: 'C'.repeat(33), name: 'n' }))).toBeNull();
  });

  it('reads the web server answers and nothing else', () => {
    expect(parseAnswer('{"type":"paired","id":"p","secret":"s"}')).toEqual({
      type: 'paired',
      id: 'p',
      secret: 's',
    });
    expect(parseAnswer('{"type":"refused","reason":"code","message":"m"}')).toMatchObject({ reason: 'code' });
    expect(parseAnswer('{"type":"paired","id":"p"}')).toBeNull();
    expect(parseAnswer('not json')).toBeNull();
  });
});
