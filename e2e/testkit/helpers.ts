/** Shared steps of the page's e2e tests. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts', import.meta.url));

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Opens the page and waits until the editor (loaded on demand) is interactive. */
export async function openPlayground(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('wgsl-editor')).toBeVisible();
}

/** Chooses what the editor shows beside the WGSL: nothing, the workload, or the generated C++. */
export async function showEditorTab(page: Page, tab: 'wgsl' | 'workload' | 'generated'): Promise<void> {
  const button = page.getByTestId(`editor-tab-${tab}`);
  await button.click();
  await expect(button).toHaveAttribute('aria-selected', 'true');
}

export async function selectPreset(page: Page, id: string): Promise<void> {
  await page.getByLabel('Preset').selectOption(id);
  await expect(page.getByLabel('Preset')).toHaveValue(id);
}

/**
 * Starts a run on a freshly opened page — with the Run button, or with Ctrl+Enter from the editor —
 * and waits until both sides have finished (done or error).
 */
export async function runBothSides(page: Page, via: 'button' | 'shortcut' = 'button'): Promise<void> {
  const run = page.getByTestId('run');
  await expect(run).toBeEnabled();
  if (via === 'button') await run.click();
  else {
    await page.getByTestId('wgsl-editor').click();
    await page.keyboard.press('Control+Enter');
  }
  await expect(page.getByTestId('local-status')).toHaveText(/^(done|error)$/);
  await expect(page.getByTestId('remote-status')).toHaveText(/^(done|error)$/);
}

export async function workloadJson(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse(await page.getByTestId('workload-json').inputValue()) as Record<string, unknown>;
}

export async function setWorkloadJson(page: Page, value: unknown): Promise<void> {
  await page
    .getByTestId('workload-json')
    .fill(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

/** Puts `text` at the very start of the kernel source in the CodeMirror editor. */
export async function prependToSource(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('wgsl-editor');
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.insertText(text);
}
