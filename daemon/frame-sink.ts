/**
 * Writes Duet frames to a streamed HTTP response. Each part (length prefix, header, every payload)
 * goes to the socket as it is, and the writer waits for 'drain' when the socket is behind, so a
 * result of hundreds of MiB is never copied into one buffer nor queued in memory twice.
 */
import type { ServerResponse } from 'node:http';
import { encodeFrame, type FrameHeader } from '../core/frame';

export interface FrameSink {
  /** Resolves once the frame is handed to the socket (or at once when the caller is gone). */
  frame(header: FrameHeader, payloads?: Uint8Array[]): Promise<void>;
  end(): void;
  readonly closed: boolean;
  /** Called once if the caller goes away before end(). */
  onClose(fn: () => void): void;
}

/** How long a caller may leave a frame unread before the daemon gives up on it. */
export const STALLED_READER_MS = 120_000;

export class ResponseFrameSink implements FrameSink {
  private gone = false;
  private ended = false;
  private listeners: (() => void)[] = [];
  /** Frames are written one after another: parts of two frames must never interleave. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly res: ServerResponse,
    private readonly stalledMs = STALLED_READER_MS,
  ) {
    res.on('close', () => {
      if (this.ended && res.writableFinished) return;
      this.gone = true;
      for (const fn of this.listeners.splice(0)) fn();
    });
  }

  get closed(): boolean {
    return this.gone || this.res.destroyed;
  }

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.listeners.push(fn);
  }

  frame(header: FrameHeader, payloads: Uint8Array[] = []): Promise<void> {
    this.chain = this.chain.then(() => this.write(header, payloads));
    return this.chain;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    // After the frames already handed over, in order.
    void this.chain.then(() => {
      if (!this.closed) this.res.end();
    });
  }

  private async write(header: FrameHeader, payloads: Uint8Array[]): Promise<void> {
    for (const part of encodeFrame(header, payloads)) {
      if (this.closed) return;
      if (!this.res.write(part)) await this.drained();
    }
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      // A caller that stops reading must not hold the result (and its memory) forever.
      const timer = setTimeout(() => {
        this.res.destroy(new Error('the caller stopped reading'));
        done();
      }, this.stalledMs);
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}
