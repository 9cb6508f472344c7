'use client';
/** An output declared as an image: the browser's, the remote's, and where they differ, side by side. */
import { useMemo } from 'react';
import { diffRgba, type ImageSpec, OutputImage, toRgba } from './OutputImage';

export function ImageCompare({
  name,
  element,
  spec,
  local,
  remote,
}: {
  name: string;
  element: string;
  spec: ImageSpec;
  local: Uint8Array;
  remote: Uint8Array;
}) {
  const diff = useMemo(
    () => diffRgba(toRgba(local, element, spec), toRgba(remote, element, spec)),
    [local, remote, element, spec],
  );
  const figure = (caption: string, node: React.ReactNode) => (
    <figure className="min-w-0">
      {node}
      <figcaption className="mt-0.5 text-[11px] text-zinc-600 dark:text-zinc-400">{caption}</figcaption>
    </figure>
  );
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid={`image-compare-${name}`}>
      {figure(
        'browser',
        <OutputImage
          bytes={local}
          element={element}
          spec={spec}
          label={`${name} from the browser`}
          testId="image-local"
        />,
      )}
      {figure(
        'remote',
        <OutputImage
          bytes={remote}
          element={element}
          spec={spec}
          label={`${name} from the remote`}
          testId="image-remote"
        />,
      )}
      {figure(
        `difference: ${diff.differing.toLocaleString()} of ${(spec.width * spec.height).toLocaleString()} pixels differ`,
        <OutputImage
          bytes={local}
          element={element}
          spec={spec}
          rgba={diff.rgba}
          label={`pixels where ${name} differs`}
          testId="image-diff"
        />,
      )}
    </div>
  );
}
