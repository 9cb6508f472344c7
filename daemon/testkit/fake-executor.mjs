#!/usr/bin/env node
/**
 * A stand-in executor for the supervisor's failure-path tests only (the real path always uses the
 * C++ executor). FAKE_EXECUTOR_MODE picks the misbehaviour:
 *   crash  — writes a complaint to stderr and exits 1 before saying anything
 *   fatal  — sends {type:"fatal"} and exits 1
 *   silent — never says ready
 *   hang   — says ready, accepts runs, reports "running", then never answers (ignores cancel too)
 *   garbage — says ready, then answers a run with bytes that are not a frame
 *   forgetful — says ready, answers every run named by sourceHash alone with `need-source` (as if
 *             its module cache had been emptied) and every run with its source with a result
 *   cut-result — says ready, answers a run with a result announcing 4 MiB per output, writes
 *             1.5 MiB of it and dies (an executor lost while handing a large result over)
 *   big-result — says ready, answers a run with a "running" phase and a whole 2 MiB-per-output
 *             result (every byte 7) in one write, so the daemon reads the phase's end and the
 *             result's start in one chunk
 *   escape — as hang, but first starts a process of its own, in a session of its own, that holds
 *             the executor's stdout for 5 s: killing the executor's group leaves the pipe open, so
 *             the daemon does not see the executor gone at once
 *   watchdog — as hang, but the executor's own watchdog gives up on the run: 100 ms past the
 *             run's timeLimitMs it sends a fatal time-limit error naming no run, and exits 4
 * FAKE_EXECUTOR_STARTS, when set, is a file that gets one line appended per start.
 * FAKE_EXECUTOR_RUNS, when set, is a file that gets one line per run frame: "<id> source|hash".
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

const mode = process.env.FAKE_EXECUTOR_MODE ?? 'hang';
if (process.env.FAKE_EXECUTOR_STARTS) appendFileSync(process.env.FAKE_EXECUTOR_STARTS, `${process.pid}\n`);

function send(header) {
  const json = Buffer.from(JSON.stringify({ ...header, payloads: [] }));
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(json.length, 0);
  process.stdout.write(Buffer.concat([prefix, json]));
}

if (mode === 'crash') {
  process.stderr.write('fake-executor: cannot open the device (simulated crash)\n');
  process.exit(1);
}
if (mode === 'fatal') {
  send({ type: 'fatal', message: 'no CUDA device (simulated)' });
  process.exitCode = 1;
} else if (mode === 'silent') {
  setInterval(() => {}, 1 << 30);
} else {
  send({
    type: 'ready',
    backend: 'cpu',
    device: { name: 'fake executor', emulation: true },
    version: 'fake',
  });
  let buf = Buffer.alloc(0);
  process.stdin.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (buf.length < 4) return;
      const h = buf.readUInt32LE(0);
      if (buf.length < 4 + h) return;
      const header = JSON.parse(buf.subarray(4, 4 + h).toString());
      const need = (header.payloads ?? []).reduce((a, b) => a + b, 0);
      if (buf.length < 4 + h + need) return;
      buf = buf.subarray(4 + h + need);
      if (header.type === 'run' && process.env.FAKE_EXECUTOR_RUNS) {
        appendFileSync(
          process.env.FAKE_EXECUTOR_RUNS,
          `${header.id} ${'source' in header ? 'source' : 'hash'}\n`,
        );
      }
      if (header.type === 'run' && mode === 'forgetful') {
        send({ type: 'phase', id: header.id, phase: 'compiling' });
        if (!('source' in header))
          send({ type: 'error', id: header.id, code: 'need-source', message: 'no module' });
        else send({ type: 'result', id: header.id, outputs: [], timings: {} });
      } else if (header.type === 'run' && mode === 'big-result') {
        const slots = header.outputs ?? [];
        const size = 2 << 20;
        const frame = (h, payload) => {
          const json = Buffer.from(JSON.stringify(h));
          const prefix = Buffer.alloc(4);
          prefix.writeUInt32LE(json.length, 0);
          return [prefix, json, ...payload];
        };
        const phase = { type: 'phase', id: header.id, phase: 'running', sample: 1, of: 1, payloads: [] };
        const result = {
          type: 'result',
          id: header.id,
          timings: {},
          outputs: slots.map((slot) => ({ slot, bytes: size })),
          payloads: slots.map(() => size),
        };
        process.stdout.write(
          Buffer.concat([
            ...frame(phase, []),
            ...frame(
              result,
              slots.map(() => Buffer.alloc(size, 7)),
            ),
          ]),
        );
      } else if (header.type === 'run' && mode === 'cut-result') {
        const slots = header.outputs ?? [];
        const size = 4 << 20;
        const json = Buffer.from(
          JSON.stringify({
            type: 'result',
            id: header.id,
            timings: {},
            outputs: slots.map((slot) => ({ slot, bytes: size })),
            payloads: slots.map(() => size),
          }),
        );
        const prefix = Buffer.alloc(4);
        prefix.writeUInt32LE(json.length, 0);
        process.stdout.write(Buffer.concat([prefix, json, Buffer.alloc(3 << 19, 7)]), () => process.exit(1));
      } else if (header.type === 'run' && mode === 'escape') {
        spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], {
          detached: true,
          stdio: ['ignore', 'inherit', 'ignore'],
        }).unref();
        send({ type: 'phase', id: header.id, phase: 'compiling' });
        send({ type: 'phase', id: header.id, phase: 'running', sample: 1, of: 1 });
      } else if (header.type === 'run' && mode === 'watchdog') {
        send({ type: 'phase', id: header.id, phase: 'compiling' });
        send({ type: 'phase', id: header.id, phase: 'running', sample: 1, of: 1 });
        setTimeout(() => {
          const message = 'time limit exceeded; the kernel did not stop at the abort flag';
          send({ type: 'error', code: 'time-limit', fatal: true, message });
          process.stdout.write('', () => process.exit(4));
        }, header.timeLimitMs + 100);
      } else if (header.type === 'run' && mode === 'garbage') {
        process.stdout.write(Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]));
      } else if (header.type === 'run') {
        send({ type: 'phase', id: header.id, phase: 'compiling' });
        send({ type: 'phase', id: header.id, phase: 'running', sample: 1, of: 1 });
      }
    }
  });
  setInterval(() => {}, 1 << 30);
}
