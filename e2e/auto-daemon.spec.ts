/**
 * "Auto — least loaded": with two daemons the picker offers auto (and starts on it); a run sent
 * through auto says which daemon the web server picked. Daemon 0 is kept busy with a long run of its
 * own, so auto must pick daemon 1 — the page cannot pass by naming the first daemon.
 * With one daemon (the configured stack) there is nothing to choose and no auto option.
 */
import { expect, test } from '@playwright/test';
import { type Stack, startStack } from '../testkit/stack';
import { openPlayground, runBothSides, screenshot, selectPreset } from './testkit/helpers';
import { submitRun } from './testkit/run-stream';

test.describe.configure({ mode: 'serial' });

let stack: Stack | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  stack = await startStack({ daemons: [{}, {}] });
});

test.afterAll(async () => {
  await stack?.stop();
});

/** One invocation looping ~4·10⁹ times: it keeps daemon 0 busy until cancelled (or its time limit). */
const BUSY_WORKLOAD = {
  name: 'busy',
  wgsl: [
    'struct P { n: u32 }',
    '@group(0) @binding(0) var<uniform> p: P;',
    '@group(0) @binding(1) var<storage, read_write> y: array<f32>;',
    '@compute @workgroup_size(1) fn main() {',
    '  var x = y[0];',
    '  for (var i = 0u; i < p.n; i++) { for (var j = 0u; j < p.n; j++) { x = x * 1.0000001 + 0.5; } }',
    '  y[0] = x;',
    '}',
  ].join('\n'),
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [
    { group: 0, binding: 0, name: 'p', kind: 'uniform', fields: { n: 65536 } },
    { group: 0, binding: 1, name: 'y', kind: 'storage', element: 'f32', length: 1, output: true },
  ],
  runs: { warmup: 0, samples: 1 },
};

interface ListedDaemon {
  index: number;
  state: string;
  info?: { queue: { length: number; running: number } };
}

async function loadOf(baseURL: string, index: number): Promise<number> {
  const res = await fetch(`${baseURL}/api/trpc/daemons.list`);
  const body = (await res.json()) as { result: { data: ListedDaemon[] } };
  const q = body.result.data.find((d) => d.index === index)?.info?.queue;
  return q ? q.length + q.running : 0;
}

test('two daemons: auto is offered and chosen; a run through auto names the daemon that ran it', async ({
  page,
}) => {
  const { baseURL, daemonUrls } = stack!;
  await openPlayground(page, `${baseURL}/`);
  const select = page.getByTestId('daemon-select');
  await expect(select.locator('option:not([data-testid="daemon-pair-option"])')).toHaveCount(3);
  await expect(page.getByTestId('daemon-auto-option')).toHaveText('Auto — least loaded (2 of 2 ready)');
  await expect(select).toHaveValue('auto');
  await expect(page.getByTestId('daemon-state')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('auto-daemons').getByTestId('auto-daemon')).toHaveCount(2);
  // An explicit choice sticks, and auto can be chosen back.
  await select.selectOption('1');
  await expect(select).toHaveValue('1');
  await select.selectOption('auto');
  await expect(select).toHaveValue('auto');
  await selectPreset(page, 'saxpy');

  // Keep daemon 0 busy: a run sent to it by index, left running in the background.
  const busy = new AbortController();
  const busyRun = submitRun(baseURL, { workload: BUSY_WORKLOAD, daemon: 0 }, { signal: busy.signal }).catch(
    () => null,
  );
  try {
    await expect.poll(() => loadOf(baseURL, 0), { timeout: 30_000 }).toBeGreaterThan(0);

    await runBothSides(page);
    await expect(page.getByTestId('remote-status')).toHaveText('done');
    await expect(page.getByTestId('side-remote').getByTestId('device-daemon')).toHaveText(
      `Auto → daemon #1 (${daemonUrls[1]})`,
    );
    await screenshot(page, 'auto-daemon');
  } finally {
    busy.abort();
    await busyRun;
  }
});

test('one daemon: no auto option', async ({ page }) => {
  await openPlayground(page, '/');
  const select = page.getByTestId('daemon-select');
  await expect(select.locator('option:not([data-testid="daemon-pair-option"])')).toHaveCount(1);
  await expect(page.getByTestId('daemon-auto-option')).toHaveCount(0);
  await expect(select).toHaveValue('0');
});
