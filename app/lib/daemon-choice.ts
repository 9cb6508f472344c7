/**
 * Which daemon the page's runs go to: one configured daemon by index, or 'auto' — the web server
 * sends each run to the least-loaded reachable daemon (server/least-loaded.ts). Auto is offered only
 * when there is more than one daemon to choose from, and is then the default.
 */
import type { DaemonStatus } from '../../server/routers/daemons';

export type DaemonChoice = number | 'auto';

export const AUTO = 'auto' as const;
export const AUTO_LABEL = 'Auto — least loaded';

/** Auto needs something to choose between. */
export function offersAuto(daemons: readonly Pick<DaemonStatus, 'index'>[]): boolean {
  return daemons.length > 1;
}

/**
 * The choice runs go to: the user's explicit choice while it still makes sense, otherwise auto
 * (several daemons) or the first ready daemon (else the first one); null when none is configured.
 */
export function effectiveChoice(
  chosen: DaemonChoice | null,
  daemons: readonly Pick<DaemonStatus, 'index' | 'state'>[],
): DaemonChoice | null {
  if (chosen === AUTO && offersAuto(daemons)) return AUTO;
  if (typeof chosen === 'number' && daemons.some((d) => d.index === chosen)) return chosen;
  if (offersAuto(daemons)) return AUTO;
  return daemons.find((d) => d.state === 'ready')?.index ?? daemons[0]?.index ?? null;
}

/** The `<select>` value of a choice, and back. */
export function choiceValue(choice: DaemonChoice | null): string {
  return choice === null ? '' : String(choice);
}

export function parseChoiceValue(value: string): DaemonChoice | null {
  if (value === AUTO) return AUTO;
  if (!/^\d+$/.test(value)) return null;
  return Number(value);
}

/** Where a finished remote run ran: "Auto → daemon #1 (http://…)" when the server chose, else the URL. */
export function ranOnLabel(ran: { daemonUrl: string; daemonIndex?: number; auto?: boolean }): string {
  if (ran.auto && ran.daemonIndex !== undefined)
    return `Auto → daemon #${ran.daemonIndex} (${ran.daemonUrl})`;
  return ran.daemonUrl;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A daemon's name for menus and titles, readable on a phone: a paired daemon by the name it paired
 * with (`paired:NAME`), a loopback daemon as "this machine", any other by its host; the port only
 * when it is not the default 7070. The full URL stays in the option's tooltip.
 */
export function daemonName(url: string): string {
  if (url.startsWith('paired:')) return `${url.slice('paired:'.length)} (paired)`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const port = u.port && u.port !== '7070' ? `:${u.port}` : '';
  return LOOPBACK.has(u.hostname) ? `this machine${port}` : `${u.hostname}${port}`;
}

/** A short name for the choice, for titles and labels. */
export function choiceLabel(choice: DaemonChoice | null, daemons: readonly DaemonStatus[]): string {
  if (choice === null) return 'no daemon';
  if (choice === AUTO) return 'auto (least loaded)';
  const url = daemons.find((d) => d.index === choice)?.url;
  return url ? daemonName(url) : `daemon #${choice}`;
}

/** Runs queued or running on a ready daemon (what auto compares), or null when it does not answer. */
export function daemonLoad(d: DaemonStatus): number | null {
  return d.state === 'ready' ? d.info.queue.length + d.info.queue.running : null;
}
