import type { Metadata } from 'next';
import { loadPresets } from '../../server/presets';
import { SweepView } from './SweepView';
import { parseSweepQuery } from './sweep-url';

export const metadata: Metadata = {
  title: 'Duet sweep — when does the remote GPU win?',
  description: 'Sweep a kernel’s size on both sides, find the crossover, and model other host↔GPU links.',
};

/** Presets are read from shaders/ on the server; the sweep's settings come from the URL (sweep-url.ts). */
export default async function SweepPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <main>
      <SweepView presets={loadPresets()} initial={parseSweepQuery(await searchParams)} />
    </main>
  );
}
