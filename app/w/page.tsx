import { CreateRoom } from './CreateRoom';

/** /w: a teacher opens a workshop room from a shipped lesson or a lesson file. */
export default function CreateWorkshopPage() {
  return (
    <main className="mx-auto max-w-2xl p-4">
      <CreateRoom />
    </main>
  );
}
