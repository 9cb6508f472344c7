/**
 * The queue in front of one device: runs execute one at a time (so timings are not disturbed by a
 * neighbour), picked fairly across clients, and every waiting run hears its position whenever it
 * changes.
 */
import { performance } from 'node:perf_hooks';
import { FairQueue } from './fair-queue';

export interface QueuedJob {
  clientId: string;
  /** 1-based place among the waiting runs; `waiting` = how many wait in all. */
  onPosition(position: number, waiting: number): void;
  /**
   * Does the work; the queue starts the next job when this settles. Calls `onDeviceStart` when the
   * device work itself begins: the client is charged from then, not for waiting on the executor
   * (a restart after someone else's crash). A job that never calls it is charged nothing.
   */
  run(onDeviceStart: () => void): Promise<void>;
}

export class DeviceQueue {
  private readonly waiting: FairQueue<QueuedJob>;
  private current: QueuedJob | null = null;

  /**
   * @param quantumMs device time one turn buys: a run that held the device for k > 1 quanta costs
   *   its client k turns (limits' `fairShareQuantumMs`, daemon/config.ts).
   */
  constructor(
    maxLength: number,
    private readonly quantumMs: number,
  ) {
    this.waiting = new FairQueue(maxLength);
  }

  get length(): number {
    return this.waiting.length;
  }

  get running(): number {
    return this.current ? 1 : 0;
  }

  /** True when a new job would be refused. */
  get full(): boolean {
    return this.waiting.full;
  }

  /** Queues `job` (or starts it at once on an idle device); false when the queue is full. */
  submit(job: QueuedJob): boolean {
    if (!this.current && this.waiting.length === 0) {
      this.waiting.served(job.clientId);
      this.start(job);
      return true;
    }
    if (!this.waiting.push(job.clientId, job)) return false;
    this.announce();
    return true;
  }

  /** Takes a job out of the queue before it starts; false when it is running or gone. */
  withdraw(job: QueuedJob): boolean {
    const removed = this.waiting.remove(job);
    if (removed) this.announce();
    return removed;
  }

  private start(job: QueuedJob): void {
    this.current = job;
    let started: number | undefined;
    let done: Promise<void>;
    try {
      done = job.run(() => {
        started ??= performance.now();
      });
    } catch (e) {
      done = Promise.reject(e);
    }
    // A job reports its own failures to its caller; the queue only needs to move on. A failed or
    // cancelled run is charged too: it held the device as long as it did.
    done
      .catch(() => {})
      .finally(() => {
        const heldMs = started === undefined ? 0 : performance.now() - started;
        this.waiting.charge(job.clientId, heldMs / this.quantumMs - 1);
        this.next();
      });
  }

  private next(): void {
    this.current = null;
    const job = this.waiting.shift();
    if (!job) {
      this.waiting.idle();
      return;
    }
    this.announce();
    this.start(job);
  }

  private announce(): void {
    const order = this.waiting.order();
    order.forEach((job, i) => {
      try {
        job.onPosition(i + 1, order.length);
      } catch {
        // A listener that throws (e.g. a closed socket) must not stall the queue.
      }
    });
  }
}
