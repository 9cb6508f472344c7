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

export class ResponseFrameSink implements FrameSink {
  private gone = false;
  private ended = false;
  private listeners: (() => void)[] = [];

  constructor(private readonly res: ServerResponse) {
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

  async frame(header: FrameHeader, payloads: Uint8Array[] = []): Promise<void> {
    for (const part of encodeFrame(header, payloads)) {
      if (this.closed) return;
      if (!this.res.write(part)) await this.drained();
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.closed) this.res.end();
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}
