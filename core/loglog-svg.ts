/**
 * A small log-log chart written as SVG text: decade axes with labels, one polyline (or dots) per
 * series, a legend, and vertical markers (the crossover). Pure and dependency-free, so the CLI
 * (`duet bench --chart`) and the page's roofline draw with the same code.
 */

export interface SvgSeries {
  label: string;
  color: string;
  points: readonly (readonly [number, number])[];
  /** 'line' joins the points (and dots them); 'points' draws dots only. */
  mode?: 'line' | 'points';
  dashed?: boolean;
}

export interface SvgMarker {
  x: number;
  label: string;
  color?: string;
}

export interface LogLogChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly SvgSeries[];
  markers?: readonly SvgMarker[];
  /** Lines under the plot (e.g. "no crossover in this range"), one per entry. */
  notes?: readonly string[];
  width?: number;
  height?: number;
}

const PAD = { left: 72, right: 200, top: 40, bottom: 48 };

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** 1e-3 → "0.001", 1e-4 → "1e-4", 1e6 → "1M": short decade labels. */
export function decadeLabel(v: number): string {
  const e = Math.round(Math.log10(v));
  if (e >= 9) return `${10 ** (e - 9)}G`;
  if (e >= 6) return `${10 ** (e - 6)}M`;
  if (e >= 3) return `${10 ** (e - 3)}k`;
  if (e >= 0) return String(10 ** e);
  if (e >= -3) return (10 ** e).toFixed(-e);
  return `1e${e}`;
}

/** Decade bounds [10^a, 10^b] that hold every value (one decade when all are equal). */
export function decadeRange(values: readonly number[]): [number, number] {
  const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
  if (logs.length === 0) return [1, 10];
  let lo = Math.floor(Math.min(...logs));
  let hi = Math.ceil(Math.max(...logs));
  if (hi === lo) hi = lo + 1;
  if (hi - lo > 30) lo = hi - 30;
  return [10 ** lo, 10 ** hi];
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

export function renderLogLogSvg(chart: LogLogChart): string {
  const width = chart.width ?? 820;
  const notes = chart.notes ?? [];
  const height = chart.height ?? 460;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom - 16 * notes.length;
  const pts = chart.series.flatMap((s) => s.points.filter(([x, y]) => x > 0 && y > 0));
  const [x0, x1] = decadeRange([...pts.map((p) => p[0]), ...(chart.markers ?? []).map((m) => m.x)]);
  const [y0, y1] = decadeRange(pts.map((p) => p[1]));
  const sx = (x: number) => PAD.left + ((Math.log10(x) - Math.log10(x0)) / Math.log10(x1 / x0)) * plotW;
  const sy = (y: number) =>
    PAD.top + plotH - ((Math.log10(y) - Math.log10(y0)) / Math.log10(y1 / y0)) * plotH;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text class="title" x="${PAD.left}" y="24" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
  );

  // Axes: a tick and grid line per decade.
  const xTicks: string[] = [];
  for (let e = Math.log10(x0); e <= Math.log10(x1) + 1e-9; e++) {
    const x = sx(10 ** e);
    xTicks.push(
      `<line x1="${fmt(x)}" y1="${PAD.top}" x2="${fmt(x)}" y2="${PAD.top + plotH}" stroke="#e4e4e7"/>`,
      `<text x="${fmt(x)}" y="${PAD.top + plotH + 18}" text-anchor="middle">${decadeLabel(10 ** e)}</text>`,
    );
  }
  const yTicks: string[] = [];
  for (let e = Math.log10(y0); e <= Math.log10(y1) + 1e-9; e++) {
    const y = sy(10 ** e);
    yTicks.push(
      `<line x1="${PAD.left}" y1="${fmt(y)}" x2="${PAD.left + plotW}" y2="${fmt(y)}" stroke="#e4e4e7"/>`,
      `<text x="${PAD.left - 8}" y="${fmt(y + 4)}" text-anchor="end">${decadeLabel(10 ** e)}</text>`,
    );
  }
  out.push(
    `<g class="axis x-axis">${xTicks.join('')}<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#52525b"/>`,
    `<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH + 36}" text-anchor="middle">${escapeXml(chart.xLabel)} (log)</text></g>`,
    `<g class="axis y-axis">${yTicks.join('')}<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" stroke="#52525b"/>`,
    `<text transform="translate(18 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)} (log)</text></g>`,
  );

  chart.series.forEach((s, i) => {
    const ps = s.points.filter(([x, y]) => x > 0 && y > 0);
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    const parts: string[] = [];
    if ((s.mode ?? 'line') === 'line' && ps.length > 1) {
      const d = ps.map(([x, y], k) => `${k ? 'L' : 'M'}${fmt(sx(x))} ${fmt(sy(y))}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    }
    for (const [x, y] of ps)
      parts.push(`<circle cx="${fmt(sx(x))}" cy="${fmt(sy(y))}" r="3" fill="${s.color}"/>`);
    const ly = PAD.top + 8 + i * 18;
    parts.push(
      `<line x1="${width - PAD.right + 16}" y1="${ly}" x2="${width - PAD.right + 40}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text x="${width - PAD.right + 46}" y="${ly + 4}">${escapeXml(s.label)}</text>`,
    );
    out.push(`<g class="series" data-series="${escapeXml(s.label)}">${parts.join('')}</g>`);
  });

  for (const m of chart.markers ?? []) {
    if (!(m.x > 0)) continue;
    const x = fmt(sx(m.x));
    const color = m.color ?? '#dc2626';
    out.push(
      `<g class="marker crossover" data-x="${m.x}"><line x1="${x}" y1="${PAD.top}" x2="${x}" y2="${PAD.top + plotH}" stroke="${color}" stroke-width="1.5" stroke-dasharray="3 3"/>`,
      `<text x="${x}" y="${PAD.top - 6}" text-anchor="middle" fill="${color}">${escapeXml(m.label)}</text></g>`,
    );
  }
  notes.forEach((note, k) => {
    const y = height - 8 - 16 * (notes.length - 1 - k);
    out.push(`<text class="note" x="${PAD.left}" y="${y}" fill="#52525b">${escapeXml(note)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
