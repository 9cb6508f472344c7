/**
 * One executor child process: frames out on its stdin, frames in from its stdout, stderr kept as a
 * short tail for error messages. The child gets its own process group (detached) so that killing
 * the group also takes down anything it started (g++, nvcc), with nothing left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import {
  type ChunkedFrame,
  ChunkedFrameDecoder,
  encodeFrameForStream,
  type FrameHeader,
} from '../core/frame';
import { foreignBinaryReason } from './executor/binary-platform.mjs';

export interface ExecutorCommand {
  /** Program to start, and its arguments. */
  file: string;
  args: string[];
}

const STDERR_TAIL_BYTES = 4096;

export interface ExecutorProcessEvents {
  /** A frame from the executor; its payloads (outputs) are kept as the chunks they arrived in. */
  frame: [ChunkedFrame];
  /** A frame's header, as soon as it is read (its payloads may still be arriving). */
  head: [FrameHeader];
  /** The next piece of the arriving frame's payloads (the same views `frame` will hold). */
  bytes: [Uint8Array];
  /** The child is gone: exit code or signal, and why when we know (protocol error, spawn error). */
  exit: [{ code: number | null; signal: NodeJS.Signals | null; reason?: string }];
  log: [string];
}

export class ExecutorProcess extends EventEmitter<ExecutorProcessEvents> {
  private readonly child: ChildProcess;
  /**
   * What one stdout chunk held, in stream order. Emitted once the chunk is decoded, outside the
   * decoder's try: a listener's failure is not the executor breaking the protocol, and a frame
   * that ends in the chunk where a large result begins is seen before the result's header (a
   * "running" phase must not reach the caller after the result it precedes).
   */
  private decoded: (() => void)[] = [];
  private readonly decoder = new ChunkedFrameDecoder({
    header: (h) => this.decoded.push(() => this.emit('head', h)),
    bytes: (piece) => this.decoded.push(() => this.emit('bytes', piece)),
    frame: (f) => this.decoded.push(() => this.emit('frame', f)),
  });
  private stderr = '';
  private exited = false;
  private protocolError: string | undefined;

  constructor(command: ExecutorCommand, env: NodeJS.ProcessEnv = process.env) {
    super();
    this.child = spawn(command.file, command.args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env });
    this.child.stdout!.on('data', (chunk: Buffer) => this.onStdout(chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => this.onStderr(chunk));
    // Writes to a dead child fail with EPIPE; the exit handler reports the death.
    this.child.stdin!.on('error', () => {});
    // A binary built for another OS or CPU fails with ENOEXEC, or (execvp(3) handing it to /bin/sh
    // as a script) exits 126/127 with the shell's complaint: say which machine it was built for.
    this.child.on('error', (e) =>
      this.finish(
        null,
        null,
        foreignBinaryReason(command.file) ?? `cannot start ${command.file}: ${e.message}`,
      ),
    );
    // 'close' rather than 'exit': it comes after stdout has been read to the end, so a final
    // frame (an error with fatal: true) is never lost.
    this.child.on('close', (code, signal) =>
      this.finish(
        code,
        signal,
        code === 126 || code === 127 ? (foreignBinaryReason(command.file) ?? undefined) : undefined,
      ),
    );
    // What the executor started (its compiler helper, g++) holds its stdout and stderr too: 'close'
    // waits for all of it, so an executor killed mid-compile left its run waiting until the compiler
    // finished (30 s in exploits/faults.test.ts). Once the executor is gone, so goes its group.
    this.child.on('exit', () => this.killGroup());
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Last lines the executor wrote to stderr (for error messages). */
  get stderrTail(): string {
    return this.stderr.trim();
  }

  /** Writes one frame, waiting for the pipe to drain so large inputs never pile up in memory. */
  async send(header: FrameHeader, payloads: Uint8Array[] = []): Promise<void> {
    const stdin = this.child.stdin!;
    for (const part of encodeFrameForStream(header, payloads)) {
      if (this.exited) throw new Error('the executor has exited');
      if (!stdin.write(part)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stdin.off('drain', done);
            this.off('exit', done);
            resolve();
          };
          stdin.on('drain', done);
          this.on('exit', done);
        });
      }
    }
  }

  /** SIGKILL to the whole process group; harmless when it is already gone. */
  kill(): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exited) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        this.child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }

  private onStdout(chunk: Buffer): void {
    if (this.protocolError) return;
    try {
      this.decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    } catch (e) {
      // A garbled stream cannot be resynchronised: drop this executor, the supervisor restarts it.
      this.decoded = [];
      this.protocolError = `the executor broke the frame protocol: ${(e as Error).message}`;
      this.kill();
      return;
    }
    const events = this.decoded;
    this.decoded = [];
    for (const emit of events) emit();
  }

  private onStderr(chunk: Buffer): void {
    const text = chunk.toString('utf8');
    this.stderr = (this.stderr + text).slice(-STDERR_TAIL_BYTES);
    for (const line of text.split('\n')) if (line.trim()) this.emit('log', line);
  }

  private finish(code: number | null, signal: NodeJS.Signals | null, reason?: string): void {
    if (this.exited) return;
    this.exited = true;
    this.killGroup();
    this.emit('exit', { code, signal, reason: reason ?? this.protocolError });
  }

  /**
   * Whatever the executor had started (a C++ compiler, say) must not outlive it: an executor that
   * died by itself (crash, kill -9 from outside) leaves its process group behind otherwise.
   */
  private killGroup(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is empty: nothing was left behind.
    }
  }
}

/** "exited with code 1" / "was killed by SIGKILL", or the reason when we know one. */
export function describeExit(e: {
  code: number | null;
  signal: NodeJS.Signals | null;
  reason?: string;
}): string {
  return e.reason ?? (e.signal ? `was killed by ${e.signal}` : `exited with code ${e.code}`);
}

/** "; its last output: …" from the stderr tail, or nothing. */
export function lastOutput(stderr: string): string {
  const lines = stderr.split('\n').slice(-5).join('\n').trim();
  return lines ? `; its last output: ${lines}` : '';
}
