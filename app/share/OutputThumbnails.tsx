'use client';
/**
 * A shared run's image outputs as pictures: the browser's, the remote's and where they differ (the
 * playground's own drawing and diff, app/components/OutputImage), from the thumbnails the record
 * keeps (app/share/thumbnail.ts). Nothing is drawn for outputs that are not images.
 */
import { useMemo } from 'react';
import type { SharedSide } from '../../server/share/record';
import { diffRgba, OutputImage } from '../components/OutputImage';
import { base64ToBytes } from '../gpu/base64';
import { type Thumbnail, ThumbnailImage } from './ThumbnailImage';

function pixels(t: Thumbnail): Uint8Array {
  return base64ToBytes(t.rgba);
}

function Row({ name, local, remote }: { name: string; local?: Thumbnail; remote?: Thumbnail }) {
  const diff = useMemo(() => {
    if (!local || !remote || local.width !== remote.width || local.height !== remote.height) return null;
    return diffRgba(new Uint8ClampedArray(pixels(local)), new Uint8ClampedArray(pixels(remote)));
  }, [local, remote]);
  const shown = remote ?? local!;
  const spec = { width: shown.width, height: shown.height, format: 'rgba8' as const };
  return (
    <figure className="flex flex-col gap-1" data-testid={`thumbnails-${name}`}>
      <figcaption className="text-xs text-zinc-500">
        <span className="font-mono font-semibold text-zinc-800 dark:text-zinc-200">{name}</span> as an image
        {diff ? ` · ${diff.differing} of ${spec.width * spec.height} thumbnail pixels differ` : ''}
      </figcaption>
      <div className="flex flex-wrap gap-3 text-xs">
        {local && (
          <div>
            browser
            <ThumbnailImage thumb={local} label={`${name}, browser`} testId="thumb-local" />
          </div>
        )}
        {remote && (
          <div>
            remote
            <ThumbnailImage thumb={remote} label={`${name}, remote`} testId="thumb-remote" />
          </div>
        )}
        {diff && (
          <div>
            diff (red: differs)
            <OutputImage
              bytes={pixels(remote!)}
              element="u32"
              spec={spec}
              rgba={diff.rgba}
              label={`${name}, pixels that differ`}
              testId="thumb-diff"
            />
          </div>
        )}
      </div>
    </figure>
  );
}

export function OutputThumbnails({ local, remote }: { local: SharedSide; remote: SharedSide }) {
  const names = [
    ...new Set([...local.outputs, ...remote.outputs].filter((o) => o.thumbnail).map((o) => o.name)),
  ];
  if (names.length === 0) return null;
  const find = (side: SharedSide, name: string) => side.outputs.find((o) => o.name === name)?.thumbnail;
  return (
    <section aria-label="Image outputs" className="flex flex-wrap gap-6" data-testid="output-thumbnails">
      {names.map((n) => {
        const l = find(local, n);
        const r = find(remote, n);
        return <Row key={n} name={n} {...(l ? { local: l } : {})} {...(r ? { remote: r } : {})} />;
      })}
    </section>
  );
}
