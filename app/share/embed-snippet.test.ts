import { describe, expect, it } from 'vitest';
import { embedSnippet } from './embed-snippet';

describe('embedSnippet', () => {
  it('frames /embed/<id> on the given origin', () => {
    const s = embedSnippet('https://duet.example', 'AbCdEfGhIjKlMnOpQrStUv', 'saxpy');
    expect(s).toContain('src="https://duet.example/embed/AbCdEfGhIjKlMnOpQrStUv"');
    expect(s).toContain('title="Duet: saxpy"');
    expect(s.startsWith('<iframe ')).toBe(true);
  });

  it('escapes the kernel name so it cannot break out of the attribute', () => {
    const s = embedSnippet('https://duet.example', 'AbCdEfGhIjKlMnOpQrStUv', '"><script>alert(1)</script>');
    expect(s).not.toContain('<script>');
    expect(s).toContain('title="Duet: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});
