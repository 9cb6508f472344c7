'use client';
/**
 * Whether the page is wide enough for side-by-side panes (issue 21: below 700 px they stack). The
 * server and the first client render assume wide (desktop, the common case); a narrow browser
 * switches right after hydration, as useSyncExternalStore allows without a mismatch.
 */
import { useSyncExternalStore } from 'react';

const WIDE_QUERY = '(min-width: 700px)';

function subscribe(onChange: () => void) {
  const media = matchMedia(WIDE_QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export function useWideLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => matchMedia(WIDE_QUERY).matches,
    () => true,
  );
}
