/**
 * A texture preset's picture as raw rgba8 texels (rows top to bottom), fetched by the page when that
 * preset is chosen (app/lib/preset-pictures.ts) instead of riding in every first load
 * (server/presets.ts). Rendered at build time, one file per picture; any other path is 404.
 */
import { presetPicture, presetPictureKeys } from '#server/presets';

export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams(): { id: string; binding: string }[] {
  return presetPictureKeys();
}

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; binding: string }> }) {
  const { id, binding } = await params;
  const texels = presetPicture(id, binding);
  if (!texels) {
    return new Response(`preset "${id}" ships no picture for the binding "${binding}"\n`, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(texels, {
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(texels.byteLength) },
  });
}
