'use client';
/** This browser's WebGPU adapter before any run: what it is, its limits and compute features. */
import { useEffect, useState } from 'react';
import type { DeviceInfo } from '../../core/result';

export type LocalAdapter =
  | { state: 'checking' }
  | { state: 'none'; reason: string }
  | { state: 'ready'; device: DeviceInfo };

export function useLocalAdapter(): LocalAdapter {
  const [adapter, setAdapter] = useState<LocalAdapter>({ state: 'checking' });
  useEffect(() => {
    let live = true;
    (async () => {
      const gpu = typeof navigator !== 'undefined' ? navigator.gpu : undefined;
      if (!gpu) return setAdapter({ state: 'none', reason: 'navigator.gpu is not available' });
      const a = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!a) return setAdapter({ state: 'none', reason: 'the browser offers no WebGPU adapter' });
      // Loaded on demand with the runner code it shares (limit names, compute features).
      const { describeDevice } = await import('../gpu/device');
      if (live)
        setAdapter({
          state: 'ready',
          device: describeDevice(a.info, a.limits, a.features as ReadonlySet<string>),
        });
    })().catch((e: unknown) => {
      if (live) setAdapter({ state: 'none', reason: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      live = false;
    };
  }, []);
  return adapter;
}
