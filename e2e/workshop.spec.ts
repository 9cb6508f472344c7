/**
 * A workshop with a teacher and 10 students, each in their own browser context (own cookies): the
 * teacher opens a room from a shipped lesson and the board; students join (a duplicate name and an
 * unknown code refused), two run on both sides, five submit the right kernel (sent to them by the
 * teacher's broadcast) and five a wrong one; the teacher locks a step, spotlights a student, exports
 * the CSV; a student reloads and is back where they were.
 */
import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { getPreset } from '../shaders/index';

const STUDENTS = 10;
const RIGHT = 5;
const naive = getPreset('matmul-naive')!.wgsl;

test.setTimeout(15 * 60_000);

async function student(
  browser: Browser,
  code: string,
  name: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/w/${code}`);
  await page.getByTestId('join-name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('step-text')).toContainText('Naive matrix multiply');
  return { context, page };
}

test('a teacher and 10 students run a workshop', async ({ browser }) => {
  const teacherContext = await browser.newContext({ acceptDownloads: true });
  const teacher = await teacherContext.newPage();
  await teacher.goto('/w');
  await teacher.getByRole('radio', { name: /From naive to tiled/ }).check();
  await teacher.getByRole('spinbutton').fill('30');
  await teacher.getByTestId('create-room').click();
  const boardHref = await teacher.getByTestId('board-link').getAttribute('href', { timeout: 120_000 });
  const code = /^\/w\/([0-9A-Z]+)\/board#/.exec(boardHref ?? '')?.[1] ?? '';
  expect(code).toMatch(/^[0-9A-Z]{6}$/);
  await teacher.goto(boardHref!);
  await expect(teacher.getByTestId('join-code')).toHaveText(code);
  await expect(teacher.getByTestId('join-url')).toHaveText(new RegExp(`/w/${code}$`));
  await expect(teacher.getByTestId('join-qr').locator('svg')).toBeVisible();
  await expect(teacher.getByTestId('board')).toBeVisible();

  // Bad input: an unknown code, and a name already taken.
  const stranger = await browser.newContext();
  const lost = await stranger.newPage();
  await lost.goto('/w/ZZZZZZ');
  await expect(lost.getByTestId('room-error')).toHaveText('No workshop has the code ZZZZZZ.');

  const students = [];
  for (let i = 0; i < STUDENTS; i++) students.push(await student(browser, code, `Student ${i}`));
  await lost.goto(`/w/${code}`);
  await lost.getByTestId('join-name').fill('student 0');
  await lost.getByRole('button', { name: 'Join' }).click();
  await expect(lost.getByTestId('join-error')).toHaveText(
    'Someone in this workshop is already called "student 0".',
  );
  await expect(teacher.getByTestId('board-student')).toHaveCount(STUDENTS);

  // Two students run the starter on both sides: WebGPU here, the CPU daemon there.
  for (const { page } of students.slice(0, 2)) await page.getByTestId('run').click();
  for (const { page } of students.slice(0, 2)) {
    await expect(page.getByTestId('remote-status')).toHaveText('done', { timeout: 120_000 });
    await expect(page.getByTestId('local-status')).toHaveText(/done|error/, { timeout: 120_000 });
  }

  // The teacher broadcasts the right kernel; five students take it, five submit the starter.
  await teacher.getByTestId('broadcast-text').fill(naive);
  await teacher.getByTestId('broadcast-send').click();
  for (const [i, { page }] of students.entries()) {
    if (i < RIGHT) {
      await expect(page.getByTestId('broadcast')).toBeVisible({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Put it in my editor' }).click();
    }
    await page.getByTestId('submit').click();
  }
  for (const [i, { page }] of students.entries()) {
    await expect(page.getByTestId('check-result')).toHaveText(
      i < RIGHT ? 'Passed: correct' : /^Not yet: c\[\d+\] is 0, expected /,
      { timeout: 180_000 },
    );
  }
  await expect(teacher.getByTestId('board-steps').locator('tbody tr').first()).toContainText(
    `${STUDENTS}${RIGHT}`,
  );

  // A locked step cannot be opened.
  await teacher.getByTestId('lock-1').click();
  await expect(students[0]!.page.getByTestId('step-1')).toContainText('(locked)', { timeout: 20_000 });
  await expect(students[0]!.page.getByTestId('step-1')).toBeDisabled();

  // The spotlight puts Student 0's kernel on everyone's screen.
  await teacher.getByTestId('board-student').first().getByRole('button', { name: 'Spotlight' }).click();
  await expect(students[7]!.page.getByTestId('spotlight')).toContainText("Student 0's kernel", {
    timeout: 20_000,
  });
  await expect(students[7]!.page.getByTestId('spotlight')).toContainText('sum = sum + a[row * params.k + i]');
  await expect(teacher.getByTestId('board-spotlight')).toContainText("Student 0's kernel");

  // CSV export: one line per student and step.
  const download = teacher.waitForEvent('download');
  await teacher.getByTestId('export-csv').click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('student,step,step title,attempts,passed,best kernel ms');
  expect(lines).toHaveLength(1 + STUDENTS * 2);
  expect(lines).toContainEqual(expect.stringMatching(/^Student 0,1,One invocation per element,1,yes,\d/));
  expect(lines).toContainEqual('Student 9,1,One invocation per element,1,no,');

  // A reload resumes: same student, same step, their kernel, their runs left.
  const { page } = students[1]!;
  const runsLeft = await page.getByTestId('runs-left').textContent();
  await page.reload();
  await expect(page.getByTestId('step-text')).toContainText('Naive matrix multiply');
  await expect(page.getByTestId('runs-left')).toHaveText(runsLeft!);
  await expect(page.getByText('Student 1 ·')).toBeVisible();
  await expect(page.locator('.cm-content')).toContainText('sum = sum + a[row * params.k + i]');

  // Closing the room.
  await teacher.getByTestId('close-room').click();
  await page.reload();
  await expect(page.getByTestId('room-error')).toHaveText(`The workshop ${code} is closed.`);

  for (const s of students) await s.context.close();
  await stranger.close();
  await teacherContext.close();
});
