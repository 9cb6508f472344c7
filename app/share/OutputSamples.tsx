/** The stored sample of each output: its first values, exactly as the run produced them. */
import { ELEMENT_BYTES } from '../../core/workload';
import type { OutputSample } from '../../server/share/record';
import { base64ToBytes } from '../gpu/base64';
import { formatBytes } from '../lib/format';
import { firstElements, formatValue } from '../lib/output-preview';

export function OutputSamples({ outputs, show = 8 }: { outputs: OutputSample[]; show?: number }) {
  return (
    <div className="space-y-1" data-testid="output-samples">
      {outputs.map((o) => {
        const values = firstElements(base64ToBytes(o.head), o.element, show);
        return (
          <div key={o.name} className="text-xs">
            <p className="text-zinc-500 dark:text-zinc-400">
              <span className="font-mono font-semibold text-zinc-800 dark:text-zinc-200">{o.name}</span> ·{' '}
              {o.element} · {formatBytes(o.bytes)} (first values kept)
            </p>
            <p className="truncate font-mono tabular-nums" data-testid={`sample-${o.name}`}>
              [{values.map((v) => formatValue(v, o.element)).join(', ')}
              {o.bytes / ELEMENT_BYTES[o.element] > values.length ? ', …' : ''}]
            </p>
          </div>
        );
      })}
    </div>
  );
}
