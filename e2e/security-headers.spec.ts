/**
 * The page runs under its Content-Security-Policy (proxy.ts, server/security-headers.ts): the
 * headers are on the response, and loading the editor and running a kernel on both sides raises no
 * CSP violation and no console error.
 */
import { expect, test } from '@playwright/test';
import { openPlayground, runBothSides } from './testkit/helpers';

test('the page carries its security headers and works under its CSP', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });

  const response = await page.goto('/');
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // The tRPC answers, which scripts/web-server.mjs serves before Next, carry the same headers.
  const api = (await page.request.get('/api/trpc/daemons.list?batch=1&input=%7B%7D')).headers();
  expect(api['x-content-type-options']).toBe('nosniff');
  expect(api['referrer-policy']).toBe('same-origin');
  expect(api['permissions-policy']).toContain('camera=()');
  // Each response gets its own nonce.
  const again = await page.request.get('/');
  expect(again.headers()['content-security-policy']).not.toBe(csp);

  await openPlayground(page);
  await runBothSides(page);
  await expect(page.getByTestId('local-status')).toHaveText('done');
  await expect(page.getByTestId('remote-status')).toHaveText('done');
  expect(problems).toEqual([]);
});
