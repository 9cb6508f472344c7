/**
 * duet run <workload.json> [--backend cpu|cuda|webgpu] [--daemon URL --token T] [--out DIR] [--json]
 *
 * cpu/cuda: on the daemon given by --daemon, or on an embedded one started on loopback for this
 * run only. webgpu: in headless Chromium (cli/webgpu.ts). Exit 0 on success, 1 when the run fails,
 * 2 for usage errors and invalid workloads.
 */

import { DaemonError } from '#daemon-client';
import { WebGpuError } from '../../app/gpu/errors';
import type { SideResult } from '../../core/result';
import { describeIssues, type Workload } from '../../core/workload';
import { loadWorkloadFile } from '../../core/workload-file';
import { ConfigError, loadLimitsFile } from '../../daemon/config';
import { oneOf, parseCommandArgs, UsageError } from '../args';
import { formatSummary, resultJson, writeOutputs } from '../run-report';
import { openSideRunner } from '../side-runner';
import { terminalSafe } from '../terminal-safe';

const HELP = `usage: duet run <workload.json> [--backend cpu|cuda|webgpu] [--daemon URL --token T] [--out DIR] [--json]

  --backend cpu|cuda|webgpu  where to run (default: the daemon's device; embedded daemons pick cuda
                             when there is a GPU, else cpu)
  --daemon URL               a running daemon (token from --token or DUET_TOKEN)
  --out DIR                  write DIR/<binding>.bin (raw little-endian bytes) per output and DIR/result.json
  --json                     print the result as JSON (outputs base64) instead of a summary
  --config limits.json       limits for the embedded daemon
A workload may name "wgslFile": "path" (relative to the JSON file) instead of "wgsl".`;

const BACKENDS = ['cpu', 'cuda', 'webgpu'] as const;

export async function runCommand(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof parseRunArgs>;
  try {
    opts = parseRunArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`duet run: ${e.message}\n\n${HELP}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const loaded = loadWorkloadFile(opts.file);
  if (!loaded.ok) {
    process.stderr.write(`${terminalSafe(describeIssues(loaded.issues))}\n`);
    return 2;
  }
  const w = loaded.workload;
  const progress = progressPrinter(opts.json);
  let result: SideResult;
  try {
    const limits = opts.config ? loadLimitsFile(opts.config) : undefined;
    const runner = await openSideRunner({
      backend: opts.backend,
      daemon: opts.daemon,
      token: opts.token,
      limits,
    });
    try {
      result = await runner.run(w, progress);
    } finally {
      await runner.close();
    }
  } catch (e) {
    progress(null);
    return reportFailure(e, loaded.wgslPath, w);
  }
  progress(null);
  if (opts.out) writeOutputs(opts.out, w, result);
  if (opts.json) process.stdout.write(`${JSON.stringify(resultJson(w, result, 'base64'), null, 2)}\n`);
  else
    process.stdout.write(
      `${terminalSafe(formatSummary(w, result))}\n${opts.out ? `  wrote ${opts.out}/\n` : ''}`,
    );
  return 0;
}

function parseRunArgs(argv: string[]) {
  const { values, positionals } = parseCommandArgs(argv, {
    backend: { type: 'string' },
    daemon: { type: 'string' },
    token: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { help: true as const, file: '', json: false };
  if (positionals.length !== 1) throw new UsageError('give exactly one workload.json');
  const backend = oneOf(values.backend, BACKENDS, '--backend');
  if (values.daemon && backend === 'webgpu')
    throw new UsageError('--daemon is for cpu/cuda; webgpu runs in a local browser');
  if (values.token && !values.daemon) throw new UsageError('--token goes with --daemon URL');
  return {
    help: false as const,
    file: positionals[0]!,
    backend,
    daemon: values.daemon,
    token: values.token ?? process.env.DUET_TOKEN,
    out: values.out,
    json: values.json ?? false,
    config: values.config,
  };
}

export function reportFailure(e: unknown, wgslPath: string | undefined, w: Workload): number {
  const out = (s: string) => process.stderr.write(`${terminalSafe(s)}\n`);
  if (e instanceof UsageError || e instanceof ConfigError) {
    out(`duet run: ${e.message}`);
    return 2;
  }
  if (e instanceof DaemonError) {
    if (e.kind === 'invalid') {
      out(e.issues?.length ? describeIssues(e.issues) : e.message);
      return 2;
    }
    if (e.kind === 'translate' && e.diagnostics?.length) {
      // The daemon names the source after the workload; show the file the user actually edits.
      for (const d of e.diagnostics) {
        const renamed = wgslPath && d.file === `${w.name}.wgsl`;
        const file = renamed ? wgslPath : d.file;
        // Notes (`\nFILE:line:col: note: …`, uniformity's "reached from here") name the file too.
        const message = renamed ? d.message.split(`\n${d.file}:`).join(`\n${wgslPath}:`) : d.message;
        out(`${file}:${d.line}:${d.col}: ${d.severity}: ${message}`);
      }
      return 1;
    }
    out(`duet run: ${e.message}`);
    if (e.log) out(e.log);
    if (e.hint && !e.message.includes(e.hint)) out(`hint: ${e.hint}`);
    return 1;
  }
  if (e instanceof WebGpuError && e.kind === 'compile' && e.messages?.length) {
    // The browser's compiler says line:col only; name the file the user edits, as for the daemon.
    const file = wgslPath ?? `${w.name}.wgsl`;
    for (const m of e.messages.filter((x) => x.type !== 'info')) {
      out(`${file}:${m.lineNum}:${m.linePos}: ${m.type}: ${m.message}`);
    }
    return 1;
  }
  out(`duet run: ${(e as Error)?.message ?? String(e)}`);
  return 1;
}

/** One updating status line on a terminal's stderr; nothing when piped or with --json. */
export function progressPrinter(quiet: boolean): (line: string | null) => void {
  const tty = !quiet && process.stderr.isTTY;
  return (line) => {
    if (!tty) return;
    process.stderr.write(line === null ? '\r\x1b[2K' : `\r\x1b[2K… ${line}`);
  };
}
