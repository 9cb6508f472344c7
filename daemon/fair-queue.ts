/**
 * A bounded round-robin queue across clients. Every item gets a round number: a client's next item
 * belongs to the round after its previous one, so a student who submits twenty runs waits behind
 * everyone else's first run, and a client whose run was just served (or is running now) queues
 * behind clients that have not had their turn in this round. Items are served by round, then by
 * arrival.
 *
 * A turn is one run of up to one quantum of device time; charge() makes a longer run cost a turn
 * per quantum (deficit round robin, Shreedhar & Varghese 1995, with the cost known only once the
 * run is over), so while both have runs waiting a heavy user gets about as much device time as each
 * student, not as many runs.
 *
 * A client with nothing waiting or recently served (a student who was reading the result) joins one
 * round *before* the current one: ahead of clients whose turn in this round is already queued, so
 * it waits for the run in progress, not behind every heavy user's next run too. That head start is
 * one turn, never more: the client's next item follows its own last one as usual, so a client that
 * submits run after run cannot keep jumping the queue (the bounded wake-up credit of Linux's CFS
 * scheduler, which places a waking task at most one slice before the least-served runnable one).
 */
interface Entry<T> {
  client: string;
  item: T;
  round: number;
  seq: number;
}

export class FairQueue<T> {
  private entries: Entry<T>[] = [];
  /** The highest round served so far (never goes back: a newcomer's earlier round does not lower it). */
  private round = 0;
  /** Per client: the round of its latest item, waiting or served (fractional after charge()). */
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
    this.entries.push({ client: clientId, item, round: this.nextRound(clientId), seq: this.seq++ });
    return true;
  }

  /** Records that `clientId` got the device without queueing (its turn, as if queued and served). */
  served(clientId: string): void {
    this.round = Math.max(this.round, this.nextRound(clientId));
  }

  /**
   * Charges `clientId` `rounds` extra rounds for a run that has finished (its device time beyond one
   * quantum, in quanta): its waiting items and its next ones move back that far.
   */
  charge(clientId: string, rounds: number): void {
    if (!(rounds > 0)) return;
    this.lastRound.set(clientId, (this.lastRound.get(clientId) ?? this.round - 1) + rounds);
    for (const e of this.entries) if (e.client === clientId) e.round += rounds;
  }

  /**
   * The device has gone idle with nothing waiting: a new busy period starts with every client even.
   * Debts from charge() are for sharing the device while others wait, not for later.
   */
  idle(): void {
    if (this.entries.length === 0) this.lastRound.clear();
  }

  /** Takes the next item in round-robin order. */
  shift(): T | undefined {
    if (!this.entries.length) return undefined;
    let best = 0;
    for (let i = 1; i < this.entries.length; i++) if (before(this.entries[i]!, this.entries[best]!)) best = i;
    const [e] = this.entries.splice(best, 1);
    this.round = Math.max(this.round, e!.round);
    // A client whose next item would get the newcomer's round anyway needs no memory: forget it.
    for (const [c, r] of this.lastRound) if (r + 1 <= this.round - 1) this.lastRound.delete(c);
    return e!.item;
  }

  /** Removes a waiting item (cancellation); false if it is not waiting. */
  remove(item: T): boolean {
    const i = this.entries.findIndex((e) => e.item === item);
    if (i < 0) return false;
    const [e] = this.entries.splice(i, 1);
    // The client's later items keep their rounds; its next new item follows its last waiting one,
    // or takes the removed one's place (so cancelling neither wipes a debt from charge() nor costs
    // the client a turn it never had).
    const rest = this.entries.filter((x) => x.client === e!.client).map((x) => x.round);
    this.lastRound.set(e!.client, rest.length ? Math.max(...rest) : e!.round - 1);
    return true;
  }

  /** Every waiting item in the order shift() would return them (if nothing else arrived). */
  order(): T[] {
    return [...this.entries].sort((a, b) => (before(a, b) ? -1 : 1)).map((e) => e.item);
  }

  /** The round `clientId`'s next item gets, recorded as its latest. */
  private nextRound(clientId: string): number {
    const last = this.lastRound.get(clientId);
    const newcomer = this.round - 1;
    const round = last === undefined ? newcomer : Math.max(newcomer, last + 1);
    this.lastRound.set(clientId, round);
    return round;
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.round < b.round || (a.round === b.round && a.seq < b.seq);
}
