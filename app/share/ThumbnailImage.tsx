'use client';
/** One stored thumbnail (base64 RGBA, app/share/thumbnail.ts) drawn as the playground draws images. */
import { useMemo } from 'react';
import type { OutputSample } from '../../server/share/record';
import { OutputImage } from '../components/OutputImage';
import { base64ToBytes } from '../gpu/base64';

export type Thumbnail = NonNullable<OutputSample['thumbnail']>;

export function ThumbnailImage({
  thumb,
  label,
  testId,
}: {
  thumb: Thumbnail;
  label: string;
  testId: string;
}) {
  const bytes = useMemo(() => base64ToBytes(thumb.rgba), [thumb.rgba]);
  const spec = useMemo(
    () => ({ width: thumb.width, height: thumb.height, format: 'rgba8' as const }),
    [thumb.width, thumb.height],
  );
  return <OutputImage bytes={bytes} element="u32" spec={spec} label={label} testId={testId} />;
}
