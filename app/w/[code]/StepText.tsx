/**
 * A lesson step's text. Markdown through react-markdown, which renders no raw HTML: an imported
 * lesson file cannot put script or markup on the students' pages.
 */
import Markdown from 'react-markdown';
import type { StepGoal } from '../../../core/workshop/lesson';

export function StepText({ markdown, goal }: { markdown: string; goal: StepGoal | null | undefined }) {
  return (
    <article
      className="prose-sm space-y-2 rounded border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900 [&_code]:font-mono [&_h1]:text-base [&_h1]:font-semibold"
      data-testid="step-text"
    >
      <Markdown>{markdown}</Markdown>
      {goal && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Timing goal:{' '}
          {[
            goal.maxKernelMs !== undefined ? `kernel under ${goal.maxKernelMs} ms` : null,
            goal.speedupOverStarter !== undefined
              ? `${goal.speedupOverStarter}× faster than the starter`
              : null,
          ]
            .filter(Boolean)
            .join(' and ')}
        </p>
      )}
    </article>
  );
}
