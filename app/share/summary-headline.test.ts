import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../server/share/record';
import { summaryHeadline } from './summary-headline';

const base: RunSummary = {
  id: 'abc',
  createdAt: '2026-01-01T00:00:00.000Z',
  name: 'saxpy',
  verdict: 'agree',
  local: { backend: 'webgpu', device: 'Browser GPU', kernelMs: 2 },
  remote: { backend: 'cuda', device: 'H100', kernelMs: 1 },
};

describe('summaryHeadline', () => {
  it('shows the stored warm headline, not the kernel ratio', () => {
    expect(summaryHeadline({ ...base, headline: { faster: 'remote', ratio: 3.44 } })).toEqual({
      text: 'Remote 3.4× faster, warm',
      warm: true,
    });
    expect(summaryHeadline({ ...base, headline: { faster: 'local', ratio: 12 } }).text).toBe(
      'Browser 12× faster, warm',
    );
  });

  it('falls back to the kernel ratio, labelled, for a summary saved before headlines', () => {
    expect(summaryHeadline(base)).toEqual({ text: 'kernel alone: remote ÷ browser ×0.500', warm: false });
    expect(summaryHeadline({ ...base, local: { ...base.local, kernelMs: 0 } }).text).toBe('—');
  });
});
