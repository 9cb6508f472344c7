'use client';
/**
 * Submitting a kernel to the step's check: `workshop.submit` streamed, its progress (the check's
 * place in the daemon's queue, its phases) shown while it waits, then the verdict.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPCClient } from '../../trpc/client';

export function useCheck(onSettled: () => void) {
  const client = useTRPCClient();
  const [progress, setProgress] = useState<string | null>(null);
  const check = useMutation({
    mutationFn: async (input: { code: string; step: number; wgsl: string }) => {
      setProgress(null);
      for await (const u of await client.workshop.submit.mutate(input)) {
        if (u.type === 'progress') setProgress(u.text);
        else return u;
      }
      throw new Error('the web server ended the check without a verdict');
    },
    onSettled: () => {
      setProgress(null);
      onSettled();
    },
  });
  return { ...check, progress };
}
