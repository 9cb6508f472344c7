import { describe, expect, it } from 'vitest';
import { decadeLabel, decadeRange, escapeXml, renderLogLogSvg } from './loglog-svg';

const chart = {
  title: 'saxpy: local vs remote',
  xLabel: 'N',
  yLabel: 'time ms',
  series: [
    {
      label: 'local total',
      color: '#0284c7',
      points: [
        [1024, 0.1],
        [4096, 0.4],
        [16384, 1.6],
      ] as [number, number][],
    },
    {
      label: 'remote total',
      color: '#ea580c',
      points: [
        [1024, 0.5],
        [4096, 0.6],
        [16384, 0.8],
      ] as [number, number][],
    },
  ],
  markers: [{ x: 3000, label: 'crossover ≈3,000' }],
};

describe('renderLogLogSvg', () => {
  const svg = renderLogLogSvg(chart);
  it('is one svg document with both series, named', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('data-series="local total"');
    expect(svg).toContain('data-series="remote total"');
    expect(svg.match(/<path d="M/g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(6);
  });
  it('draws both axes with decade labels', () => {
    expect(svg).toContain('class="axis x-axis"');
    expect(svg).toContain('class="axis y-axis"');
    for (const label of ['1k', '10k', '100k', '0.1', '1', '10']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('>N (log)</text>');
    expect(svg).toContain('>time ms (log)</text>');
  });
  it('draws the crossover marker at its x', () => {
    expect(svg).toContain('class="marker crossover" data-x="3000"');
    expect(svg).toContain('crossover ≈3,000');
  });
  it('writes a note instead of a marker when there is none', () => {
    const none = renderLogLogSvg({ ...chart, markers: [], notes: ['no crossover in this range'] });
    expect(none).not.toContain('class="marker crossover"');
    expect(none).toContain('no crossover in this range');
  });
  it('places larger x further right and larger y higher up', () => {
    const cx = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map(
      (m) => [Number(m[1]), Number(m[2])] as const,
    );
    // local series: x grows, y grows → cx increases, cy decreases
    expect(cx[0]![0]).toBeLessThan(cx[1]![0]);
    expect(cx[0]![1]).toBeGreaterThan(cx[1]![1]);
  });
  it('skips non-positive points, which log axes cannot show', () => {
    const s = renderLogLogSvg({
      ...chart,
      series: [
        {
          label: 'a',
          color: 'red',
          points: [
            [0, 1],
            [10, 0],
            [10, 1],
            [100, 2],
          ],
        },
      ],
      markers: [],
    });
    expect(s.match(/<circle /g)).toHaveLength(2);
  });
  it('escapes text', () => {
    expect(renderLogLogSvg({ ...chart, title: '<b>&"' })).toContain('&lt;b&gt;&amp;&quot;');
    expect(escapeXml("a'b")).toBe('a&#39;b');
  });
});

describe('decades', () => {
  it('bounds values by whole decades', () => {
    expect(decadeRange([1024, 16384])).toEqual([1000, 100000]);
    expect(decadeRange([0.5, 0.8])).toEqual([0.1, 1]);
    expect(decadeRange([10, 10])).toEqual([10, 100]);
    expect(decadeRange([])).toEqual([1, 10]);
  });
  it('labels decades briefly', () => {
    expect(decadeLabel(1e3)).toBe('1k');
    expect(decadeLabel(1e7)).toBe('10M');
    expect(decadeLabel(1e9)).toBe('1G');
    expect(decadeLabel(1)).toBe('1');
    expect(decadeLabel(1e-3)).toBe('0.001');
    expect(decadeLabel(1e-4)).toBe('1e-4');
  });
});
