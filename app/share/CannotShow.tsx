/** A shared record that exists but cannot be shown (it failed its checksum): the page says so. */
import { PageHeader } from './PageHeader';

export function CannotShow({ title, message }: { title: string; message: string }) {
  return (
    <main className="mx-auto max-w-3xl p-4">
      <PageHeader title={title} />
      <p
        role="alert"
        className="mt-3 rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950"
        data-testid="share-corrupt"
      >
        {message}
      </p>
    </main>
  );
}
