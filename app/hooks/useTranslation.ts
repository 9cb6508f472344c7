'use client';
/**
 * Live translation of the editor's WGSL on the web server (same translator as the daemon): translator
 * diagnostics for the editor while typing, and the generated CUDA for the "generated source" view.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SourceDiagnostic } from '../lib/diagnostics';
import { useTRPC } from '../trpc/client';
import { useDebounced } from './useDebounced';

export function useTranslation(source: string, overrides: Record<string, number> | undefined) {
  const trpc = useTRPC();
  const input = useDebounced(
    useMemo(
      () => ({ source, target: 'cuda' as const, ...(overrides ? { overrides } : {}) }),
      [source, overrides],
    ),
    400,
  );
  const query = useQuery({
    ...trpc.translate.wgsl.queryOptions(input),
    enabled: input.source.trim().length > 0,
  });
  const diagnostics = useMemo((): SourceDiagnostic[] => {
    const data = query.data;
    if (!data) return [];
    return data.diagnostics.map((d) => ({ ...d, source: 'translator' }));
  }, [query.data]);
  return {
    diagnostics,
    code: query.data?.ok ? query.data.code : null,
    pending: query.isFetching || input.source !== source,
    error: query.error ? query.error.message : null,
  };
}
