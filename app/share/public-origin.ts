/** Where link previews fetch their OG images: DUET_PUBLIC_URL, else the host this request came to. */
import { headers } from 'next/headers';
import { serverEnv } from '#server/env';

export async function publicOrigin(): Promise<URL | null> {
  const publicUrl = serverEnv().DUET_PUBLIC_URL;
  if (publicUrl) return publicUrl;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host');
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return null;
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  return new URL(`${proto}://${host}`);
}
