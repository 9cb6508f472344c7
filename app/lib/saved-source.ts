/**
 * Autosave of the playground's texts. Each tab keeps its own copy in sessionStorage (a reload keeps
 * that tab's work, and two tabs do not overwrite each other); the last state of any tab also goes to
 * localStorage, so a new tab opened without a link starts where the user left off. A snapshot records
 * the URL fragment it was saved with: a page opened on a different code link shows the link instead.
 */

/** What is saved: the preset and its parameters, the two texts, and what the texts started from. */
export interface SavedSource {
  presetId: string;
  params: Record<string, number>;
  wgsl: string;
  workloadJson: string;
  templateJson: string;
  baseWgsl: string;
  /** `location.hash` when saved ('' or `#w=…`). */
  hash: string;
}

export const TAB_KEY = 'duet.playground.tab';
export const LAST_KEY = 'duet.playground.last';

const TEXT_FIELDS = ['presetId', 'wgsl', 'workloadJson', 'templateJson', 'baseWgsl', 'hash'] as const;

/** A stored snapshot, or null when absent or not one of ours (an older format, a hand edit). */
export function parseSaved(text: string | null): SavedSource | null {
  if (!text) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (!TEXT_FIELDS.every((k) => typeof o[k] === 'string')) return null;
  const params = o.params;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return null;
  const entries = Object.entries(params);
  if (!entries.every(([, n]) => typeof n === 'number' && Number.isFinite(n))) return null;
  return {
    presetId: o.presetId as string,
    params: Object.fromEntries(entries) as Record<string, number>,
    wgsl: o.wgsl as string,
    workloadJson: o.workloadJson as string,
    templateJson: o.templateJson as string,
    baseWgsl: o.baseWgsl as string,
    hash: o.hash as string,
  };
}

/**
 * The snapshot to restore on opening the page at `hash`: this tab's own, else the last one of any
 * tab — but only when it was saved at the same fragment (a different code link wins) or the page
 * opened with none.
 */
export function snapshotToRestore(
  tab: SavedSource | null,
  last: SavedSource | null,
  hash: string,
): SavedSource | null {
  const fits = (s: SavedSource | null) => s !== null && (hash === '' || hash === '#' || s.hash === hash);
  if (fits(tab)) return tab;
  if (fits(last)) return last;
  return null;
}
