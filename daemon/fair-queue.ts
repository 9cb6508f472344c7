/**
 * A bounded round-robin queue across clients. Every item gets a round number: a client's first
 * waiting item belongs to the current round, its next one to the round after, and so on. Items are
 * served by round, then by arrival. So a student who submits twenty runs waits behind everyone
 * else's first run, and a client whose run was just served (or is running now) queues behind
 * clients that have not had their turn in this round.
 */
interface Entry<T> {
  client: string;
  item: T;
  round: number;
  seq: number;
}

export class FairQueue<T> {
  private entries: Entry<T>[] = [];
  /** Round of the item served most recently. */
  private round = 0;
  /** Per client: the round of its latest item, waiting or served. */
  private lastRound = new Map<string, number>();
  private seq = 0;

  constructor(readonly maxLength: number) {}

  get length(): number {
    return this.entries.length;
  }

  get full(): boolean {
    return this.entries.length >= this.maxLength;
  }

  /** Adds `item` for `clientId`; false (and nothing added) when the queue is full. */
  push(clientId: string, item: T): boolean {
    if (this.full) return false;
    const last = this.lastRound.get(clientId);
    const round = last === undefined ? this.round : Math.max(this.round, last + 1);
    this.lastRound.set(clientId, round);
    this.entries.push({ client: clientId, item, round, seq: this.seq++ });
    return true;
  }

  /** Records that `clientId` got the device without queueing (its turn in the current round). */
  served(clientId: string): void {
    this.lastRound.set(clientId, Math.max(this.round, this.lastRound.get(clientId) ?? this.round));
  }

  /** Takes the next item in round-robin order. */
  shift(): T | undefined {
    if (!this.entries.length) return undefined;
    let best = 0;
    for (let i = 1; i < this.entries.length; i++) if (before(this.entries[i]!, this.entries[best]!)) best = i;
    const [e] = this.entries.splice(best, 1);
    this.round = e!.round;
    // Clients whose latest round has passed behave exactly like new ones: forget them.
    for (const [c, r] of this.lastRound) if (r < this.round) this.lastRound.delete(c);
    return e!.item;
  }

  /** Removes a waiting item (cancellation); false if it is not waiting. */
  remove(item: T): boolean {
    const i = this.entries.findIndex((e) => e.item === item);
    if (i < 0) return false;
    const [e] = this.entries.splice(i, 1);
    // The client's later items keep their rounds; its next new item follows its last waiting one.
    const rest = this.entries.filter((x) => x.client === e!.client).map((x) => x.round);
    if (rest.length) this.lastRound.set(e!.client, Math.max(...rest));
    else if (e!.round > this.round) this.lastRound.set(e!.client, this.round);
    return true;
  }

  /** Every waiting item in the order shift() would return them (if nothing else arrived). */
  order(): T[] {
    return [...this.entries].sort((a, b) => (before(a, b) ? -1 : 1)).map((e) => e.item);
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.round < b.round || (a.round === b.round && a.seq < b.seq);
}
