import { loadPresets } from '../server/presets';
import { Playground } from './components/Playground';

/** Presets are read from shaders/ on the server (at build time for this static page). */
export default function HomePage() {
  const presets = loadPresets();
  return (
    <main>
      <Playground presets={presets} />
    </main>
  );
}
