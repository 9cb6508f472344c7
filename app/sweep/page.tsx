import type { Metadata } from 'next';
import { loadPresets } from '../../server/presets';
import { SweepView } from './SweepView';

export const metadata: Metadata = {
  title: 'Duet sweep — when does the remote GPU win?',
  description: 'Sweep a kernel’s size on both sides, find the crossover, and model other host↔GPU links.',
};

/** Presets are read from shaders/ on the server (at build time for this static page). */
export default function SweepPage() {
  return (
    <main>
      <SweepView presets={loadPresets()} />
    </main>
  );
}
