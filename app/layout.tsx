import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { NONCE_HEADER } from '../server/security-headers';
import { DISPLAY_PREFS_SCRIPT } from './lib/display-prefs';
import { TrpcProvider } from './trpc/client';
import './globals.css';

export const metadata: Metadata = {
  title: 'Duet — one WGSL kernel, two GPUs',
  description:
    'Run a WGSL compute kernel on WebGPU in this browser and on a remote GPU; compare results and timings.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The CSP nonce proxy.ts made for this response (reading it renders every page per request).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Before first paint: the saved theme (or the system's) and presentation mode, without a flash. */}
        <script
          nonce={nonce}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script, no user input
          dangerouslySetInnerHTML={{ __html: DISPLAY_PREFS_SCRIPT }}
        />
      </head>
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <TrpcProvider>{children}</TrpcProvider>
      </body>
    </html>
  );
}
