import { StudentRoom } from './StudentRoom';

/** A workshop room as a student sees it (/w/<code>): join with a display name, then the lesson. */
export default async function WorkshopPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return (
    <main className="mx-auto max-w-7xl p-4">
      <StudentRoom code={code.toUpperCase()} />
    </main>
  );
}
