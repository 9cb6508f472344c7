import { headers } from 'next/headers';
import QRCode from 'qrcode';
import { serverEnv } from '../../../../server/env';
import { Board } from './Board';

/**
 * The teacher's board (/w/<code>/board#<secret>): the join code, URL and QR code for the projector,
 * then the live board. The QR code is drawn here as SVG, so the page needs no script or image
 * source beyond its own (the CSP stays strict); the secret stays in the fragment, never in a URL the
 * server logs.
 */
export default async function BoardPage({ params }: { params: Promise<{ code: string }> }) {
  const code = (await params).code.toUpperCase();
  const h = await headers();
  const origin =
    serverEnv().DUET_PUBLIC_URL?.origin ??
    `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost'}`;
  const joinUrl = `${origin}/w/${encodeURIComponent(code)}`;
  const qr = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-4">
      <section className="flex flex-wrap items-center gap-6" aria-label="How to join">
        <div
          className="h-40 w-40 bg-white p-1"
          data-testid="join-qr"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG the qrcode package drew from this server's own URL
          dangerouslySetInnerHTML={{ __html: qr }}
        />
        <div>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Join at</p>
          <p className="font-mono text-2xl" data-testid="join-url">
            {joinUrl}
          </p>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">code</p>
          <p className="font-mono text-5xl tracking-widest" data-testid="join-code">
            {code}
          </p>
        </div>
      </section>
      <Board code={code} />
    </main>
  );
}
