/**
 * The stored sample of each output: its first values, exactly as the run produced them. An image
 * output is shown as its picture, its raw values (packed RGBA words) behind a "values" toggle.
 */
import { formatBytes } from '../../core/format';
import { ELEMENT_BYTES } from '../../core/workload';
import type { OutputSample } from '../../server/share/record';
import { base64ToBytes } from '../gpu/base64';
import { firstElements, formatValue } from '../lib/output-preview';
import { ThumbnailImage } from './ThumbnailImage';

function Values({ o, show }: { o: OutputSample; show: number }) {
  const values = firstElements(base64ToBytes(o.head), o.element, show);
  return (
    <p className="truncate font-mono tabular-nums" data-testid={`sample-${o.name}`}>
      [{values.map((v) => formatValue(v, o.element)).join(', ')}
      {o.bytes / ELEMENT_BYTES[o.element] > values.length ? ', …' : ''}]
    </p>
  );
}

export function OutputSamples({
  outputs,
  which,
  show = 8,
}: {
  outputs: OutputSample[];
  which: 'local' | 'remote';
  show?: number;
}) {
  return (
    <div className="space-y-1" data-testid="output-samples">
      {outputs.map((o) => (
        <div key={o.name} className="text-xs">
          <p className="text-zinc-500 dark:text-zinc-400">
            <span className="font-mono font-semibold text-zinc-800 dark:text-zinc-200">{o.name}</span> ·{' '}
            {o.element} · {formatBytes(o.bytes)} {o.thumbnail ? '(as an image)' : '(first values kept)'}
          </p>
          {o.thumbnail ? (
            <>
              <ThumbnailImage
                thumb={o.thumbnail}
                label={`${o.name}, ${which === 'local' ? 'browser' : 'remote'}`}
                testId={`sample-image-${o.name}`}
              />
              <details data-testid={`values-${o.name}`}>
                <summary className="cursor-pointer text-zinc-500">values</summary>
                <Values o={o} show={show} />
              </details>
            </>
          ) : (
            <Values o={o} show={show} />
          )}
        </div>
      ))}
    </div>
  );
}
