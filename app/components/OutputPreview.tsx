/** The first elements of each output binding of one side. */

import { formatBytes } from '../../core/format';
import type { Workload } from '../../core/workload';
import { outputImageOf } from '../lib/output-image';
import { elementCount, elementOf, firstElements, formatValue } from '../lib/output-preview';
import { OutputImage } from './OutputImage';

const PREVIEW_COUNT = 8;

export function OutputPreview({
  workload,
  outputs,
}: {
  workload: Workload;
  outputs: Record<string, Uint8Array>;
}) {
  return (
    <div className="space-y-1" data-testid="outputs">
      {Object.entries(outputs).map(([name, bytes]) => {
        const element = elementOf(workload, name);
        const values = firstElements(bytes, element, PREVIEW_COUNT);
        const image = outputImageOf(workload.bindings.find((b) => b.name === name));
        return (
          <div key={name} className="text-xs">
            <p className="text-zinc-500 dark:text-zinc-400">
              <span className="font-mono font-semibold text-zinc-800 dark:text-zinc-200">{name}</span> ·{' '}
              {element} · {formatBytes(bytes.byteLength)}
            </p>
            <p className="truncate font-mono tabular-nums" data-testid={`output-${name}`}>
              [{values.map((v) => formatValue(v, element)).join(', ')}
              {elementCount(bytes, element) > values.length ? ', …' : ''}]
            </p>
            {image && (
              <OutputImage
                bytes={bytes}
                element={image.element}
                spec={image.spec}
                label={`${name} as an image`}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}
