/**
 * `duet run --backend webgpu`: runs a workload with the browser runner (app/gpu/runner.ts) inside
 * headless Chromium, so the CLI measures exactly what the page measures.
 *
 * Chromium is never downloaded: Debian's /usr/bin/chromium runs real WebGPU, on the GPU when there
 * is one and on SwiftShader (Vulkan on the CPU) otherwise. WebGPU exists only in secure contexts,
 * and http://127.0.0.1 is one (W3C Secure Contexts §3.2), so a throwaway loopback server is enough.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { base64ToBytes } from '../app/gpu/base64';
import type { EncodedOutputs, SerializedOutcome } from '../app/gpu/browser-entry';
import { WebGpuError } from '../app/gpu/errors';
import type { PhaseEvent } from '../app/gpu/runner';
import { namedRecord } from '../core/named';
import type { SideResult } from '../core/result';
import type { Workload } from '../core/workload';

export interface ChromiumOptions {
  headless?: boolean;
  chromiumPath?: string;
  /** Browser console lines, for debugging (Dawn prints WGSL errors and warnings there too). */
  onConsole?(line: string): void;
}

export interface ChromiumRunOptions {
  signal?: AbortSignal;
  onPhase?(event: PhaseEvent): void;
  /** See RunOptions.onFinalOutputs (app/gpu/runner.ts): outputs after the last timed sample. */
  onFinalOutputs?(outputs: Record<string, Uint8Array>): void;
}

/** One browser for many runs (`duet bench`): each run gets a fresh page and a fresh GPU device. */
export interface ChromiumRunner {
  run(workload: Workload, options?: ChromiumRunOptions): Promise<SideResult>;
  close(): Promise<void>;
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Exactly these flags: WebGPU on, and nothing that phones home or updates during a run. */
export function chromiumArgs(isRoot = process.getuid?.() === 0): string[] {
  const args = [
    '--enable-unsafe-webgpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  // Chromium refuses to start its sandbox as root (containers, CI); it needs --no-sandbox there.
  if (isRoot) args.push('--no-sandbox');
  return args;
}

let bundle: Promise<string> | undefined;

/** The runner bundled for the browser as one IIFE; built once per process. */
export function runnerBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('../app/gpu/browser-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  bundle.catch(() => {
    bundle = undefined; // a failed build is retried next time
  });
  return bundle;
}

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>duet webgpu runner</title><script src="/runner.js"></script>';

async function serve(script: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/runner.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

function decodeOutputs(encoded: EncodedOutputs): Record<string, Uint8Array> {
  return namedRecord(encoded.map(([name, text]) => [name, base64ToBytes(text)] as const));
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The run was cancelled', 'AbortError');
}

export async function openChromiumRunner(options: ChromiumOptions = {}): Promise<ChromiumRunner> {
  const executablePath = options.chromiumPath ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new WebGpuError(
      'unavailable',
      `no Chromium at ${executablePath}: install it with \`apt-get install chromium\` (Duet never downloads browsers)`,
    );
  }
  const script = await runnerBundle();
  const { server, url } = await serve(script);
  const browser = await chromium
    .launch({ executablePath, headless: options.headless ?? true, args: chromiumArgs() })
    .catch((e: Error) => {
      server.close();
      throw new WebGpuError('unavailable', `cannot start Chromium (${executablePath}): ${e.message}`);
    });

  async function run(workload: Workload, runOptions: ChromiumRunOptions = {}): Promise<SideResult> {
    const { signal } = runOptions;
    signal?.throwIfAborted();
    const page = await browser.newPage();
    // Closing the page is the cancellation: the pending evaluate rejects at once, and the page's
    // GPU device goes with it.
    const onAbort = () => void page.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // Aborted while the page was opening: the listener came too late to close it.
      signal?.throwIfAborted();
      if (options.onConsole) page.on('console', (m) => options.onConsole!(`${m.type()}: ${m.text()}`));
      if (runOptions.onPhase)
        await page.exposeFunction('__duetPhase', (e: PhaseEvent) => runOptions.onPhase!(e));
      await page.goto(url);
      // The workload crosses as JSON text: Playwright's own serialization would rebuild its records
      // (uniform fields by member name, per-pass fields by binding name) with `o[key] = value`,
      // losing a key such as `__proto__`.
      const arg: [string, boolean] = [JSON.stringify(workload), !!runOptions.onFinalOutputs];
      const outcome: SerializedOutcome = await page.evaluate(
        ([w, f]) => globalThis.duet.run(w, { finalOutputs: f }),
        arg,
      );
      // Cancelled while the last samples finished (the page closes only once the phase callback
      // has crossed back to Node): the caller asked not to wait for this result, so it gets none.
      if (signal?.aborted) throw abortError(signal);
      if (!outcome.ok) {
        const { kind, message, messages, name } = outcome.error;
        if (kind) throw new WebGpuError(kind, message, messages);
        if (name === 'AbortError') throw new DOMException(message, 'AbortError');
        throw new Error(`WebGPU run failed in Chromium: ${name}: ${message}`);
      }
      if (outcome.finalOutputs) runOptions.onFinalOutputs?.(decodeOutputs(outcome.finalOutputs));
      return { ...outcome.result, outputs: decodeOutputs(outcome.result.outputs) };
    } catch (e) {
      if (signal?.aborted) throw abortError(signal);
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await page.close().catch(() => {});
    }
  }

  return {
    run,
    async close() {
      await browser.close().catch(() => {});
      server.close();
    },
  };
}

/** One run in a browser of its own: launch, run, close. */
export async function runInChromium(
  workload: Workload,
  options: ChromiumOptions & ChromiumRunOptions = {},
): Promise<SideResult> {
  options.signal?.throwIfAborted();
  const runner = await openChromiumRunner(options);
  try {
    return await runner.run(workload, options);
  } finally {
    await runner.close();
  }
}
