/** A web server whose daemon is down says so, and says how to start one; the browser side still runs. */
import { expect, test } from '@playwright/test';
import { openPlayground, runBothSides, screenshot } from './testkit/helpers';
import { NO_DAEMON_BASE_URL } from './testkit/ports';

test('daemon unreachable: the page shows how to start it', async ({ page }) => {
  await openPlayground(page, `${NO_DAEMON_BASE_URL}/`);
  await expect(page.getByTestId('daemon-state')).toHaveAttribute('data-state', 'unreachable');
  await expect(page.getByTestId('daemon-hint')).toContainText('npx duet daemon');

  await runBothSides(page);
  const remoteError = page.getByTestId('remote-error');
  await expect(remoteError).toHaveAttribute('data-error-kind', 'unreachable');
  await expect(remoteError).toContainText('npx duet daemon');
  await expect(remoteError).toContainText('npm start');
  await expect(page.getByTestId('local-status')).toHaveText('done');
  await screenshot(page, 'daemon-unreachable');
});
