/**
 * Reads Prometheus text exposition (https://prometheus.io/docs/instrumenting/exposition_formats/)
 * into sample → value, for tests that scrape /metrics. A sample's key is its name and its labels in
 * name order, e.g. `duet_daemon_runs_total{backend="cpu",outcome="ok"}`, so a test does not depend
 * on the order a registry writes labels in. Label values here never hold `,` or `"`.
 */
export function parsePrometheusText(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels = (m[2] ? m[2].split(',') : []).sort().join(',');
    samples.set(labels ? `${m[1]}{${labels}}` : m[1]!, Number(m[3]));
  }
  return samples;
}

/** How much each sample grew from `before` to `after` (absent before = 0), zero changes left out. */
export function sampleDeltas(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const d = new Map<string, number>();
  for (const [k, v] of after) {
    const change = v - (before.get(k) ?? 0);
    if (change !== 0) d.set(k, change);
  }
  return d;
}
