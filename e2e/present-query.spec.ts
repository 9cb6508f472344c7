/**
 * `?present` in the address opens presentation mode (the head script before first paint, and the
 * page's own state after hydration: it must not take the class off again), in the production build.
 */
import { expect, test } from '@playwright/test';
import { openPlayground } from './testkit/helpers';

test('?present opens presentation mode and the toggle shows it on', async ({ page }) => {
  await openPlayground(page, '/?present');
  // The toggle reads pressed only after the page's effects ran: the class must have survived them.
  await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/\bpresent\b/);
  await page.getByTestId('present-toggle').click();
  await expect(page.locator('html')).not.toHaveClass(/\bpresent\b/);
});
