/**
 * Writes Duet frames to a streamed HTTP response. Small frames are coalesced and batched (see
 * batchThisTurn); a large frame's payloads (or their chunks) go to the socket as they are, never
 * copied into one buffer, and the next frame waits for 'drain' when the socket is behind.
 */
import type { ServerResponse } from 'node:http';
import { encodeFrameForStream, encodeFrameHead, type FrameHeader, type OutgoingPayload } from '../core/frame';
import { HEARTBEAT_MS } from '../core/protocol';

/** A frame whose payload bytes are handed over as they arrive (FrameSink.streamFrame). */
export interface StreamedFrame {
  /** The payloads' next bytes, in order; the sink keeps a reference (no copy). */
  push(piece: Uint8Array): void;
  /** Every announced byte has been pushed. */
  end(): void;
  /**
   * The bytes will not all come. The frame cannot be completed or followed by an error frame (its
   * length is announced), so the response is cut off; the caller reports the broken stream.
   */
  fail(why: string): void;
}

export interface FrameSink {
  /** Resolves once the frame is handed to the socket (or at once when the caller is gone). */
  frame(header: FrameHeader, payloads?: readonly OutgoingPayload[]): Promise<void>;
  /**
   * A frame whose payloads (of the given sizes) are still arriving: its header goes out in turn
   * after the frames before it, then each piece as it is pushed.
   */
  streamFrame(header: FrameHeader, sizes: readonly number[]): StreamedFrame;
  end(): void;
  readonly closed: boolean;
  /** Called once if the caller goes away before end(). */
  onClose(fn: () => void): void;
}

/** Longest a frame waits to share a write with the frames after it (see batchThisTurn). */
export const PROGRESS_WINDOW_MS = 4;

/** How long a caller may leave a frame unread before the daemon gives up on it. */
export const STALLED_READER_MS = 120_000;

export class ResponseFrameSink implements FrameSink {
  private gone = false;
  private ended = false;
  private corkTimer: NodeJS.Timeout | undefined;
  private listeners: (() => void)[] = [];
  /** Frames are written one after another: parts of two frames must never interleave. */
  private chain: Promise<void> = Promise.resolve();

  /** When a frame was last handed to this sink (queued, not written: see the heartbeat). */
  private lastFrameAt = performance.now();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly stalledMs = STALLED_READER_MS,
    heartbeatMs = HEARTBEAT_MS,
  ) {
    res.on('close', () => {
      clearInterval(this.heartbeat);
      if (this.ended && res.writableFinished) return;
      this.gone = true;
      for (const fn of this.listeners.splice(0)) fn();
    });
    // Only after a quiet spell since the last frame was handed over (queued, so one never lands
    // behind a result that is waiting to be written), and never after end().
    this.heartbeat = setInterval(() => {
      if (this.ended || this.closed) return;
      if (performance.now() - this.lastFrameAt >= heartbeatMs) void this.frame({ type: 'heartbeat' });
    }, heartbeatMs / 2);
    this.heartbeat.unref();
  }

  get closed(): boolean {
    return this.gone || this.res.destroyed;
  }

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.listeners.push(fn);
  }

  frame(header: FrameHeader, payloads: readonly OutgoingPayload[] = []): Promise<void> {
    this.lastFrameAt = performance.now();
    this.chain = this.chain.then(() => this.write(header, payloads));
    return this.chain;
  }

  streamFrame(header: FrameHeader, sizes: readonly number[]): StreamedFrame {
    this.lastFrameAt = performance.now();
    // Pieces pushed before the frames ahead of this one have left wait here, in order.
    let waiting: Uint8Array[] | null = [];
    let behind = false;
    let settle!: (failure: string | null) => void;
    const over = new Promise<string | null>((resolve) => {
      settle = resolve;
    });
    // The pieces that arrive in one turn of the event loop (libuv reads the executor's stdout 64 KiB
    // at a time, several reads per turn when it is full) leave in one writev, not one write(2) each.
    let corked = false;
    const write = (piece: Uint8Array) => {
      if (this.closed) return;
      if (!corked) {
        corked = true;
        this.res.cork();
        setImmediate(() => {
          corked = false;
          this.res.uncork();
        });
      }
      this.lastFrameAt = performance.now();
      behind = !this.res.write(piece);
    };
    this.chain = this.chain.then(async () => {
      this.flush();
      write(encodeFrameHead(header, sizes));
      for (const piece of waiting!) write(piece);
      waiting = null;
      const failure = await over;
      if (failure !== null) {
        this.res.destroy(new Error(failure));
        return;
      }
      // The whole payload is queued on the socket: wait for it as frame() does.
      if (behind && !this.closed) await this.drained();
    });
    return {
      push: (piece) => {
        if (waiting) waiting.push(piece);
        else write(piece);
      },
      end: () => settle(null),
      fail: (why) => settle(why),
    };
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    // After the frames already handed over, in order.
    void this.chain.then(() => {
      // end() while still corked: node's end() uncorks fully, so the waiting frames and the
      // response's last chunk leave in one write.
      if (!this.closed) this.res.end();
      this.flush();
    });
  }

  private async write(header: FrameHeader, payloads: readonly OutgoingPayload[]): Promise<void> {
    const parts = encodeFrameForStream(header, payloads);
    // A small frame waits to share a write; a bulk one goes now, with whatever waited before it.
    if (parts.length === 1) this.batchThisTurn();
    else this.flush();
    // All parts are handed over at once, then the writer waits for the socket to take them: the
    // stream queues references to bytes the daemon holds anyway (no copy), and leaves them in
    // writev(2) calls of many chunks. Waiting for 'drain' after each 64 KiB chunk made a 256 MiB
    // output 4096 separate writes, the HTTP leg about half the rate of the same bytes sent at once.
    let behind = false;
    for (const part of parts) {
      if (this.closed) return;
      behind = !this.res.write(part);
    }
    if (behind) await this.drained();
  }

  /**
   * Holds writes for up to PROGRESS_WINDOW_MS (or until the response ends), so the frames of a
   * tiny run (headers, accepted, phases, result) leave in one writev: one TCP segment and one
   * wake-up for the caller instead of one per frame. A longer run's progress still streams, at
   * most one window late: far below what a person watching a progress line can see.
   */
  private batchThisTurn(): void {
    if (this.corkTimer) return;
    this.res.cork();
    this.corkTimer = setTimeout(() => this.flush(), PROGRESS_WINDOW_MS);
  }

  private flush(): void {
    if (!this.corkTimer) return;
    clearTimeout(this.corkTimer);
    this.corkTimer = undefined;
    this.res.uncork();
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
