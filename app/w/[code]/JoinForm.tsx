'use client';
/** Joining a room: a display name, sent once; the server answers with the student cookie. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../trpc/client';

export function JoinForm({ code, onJoined }: { code: string; onJoined(): void }) {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const join = useMutation(trpc.workshop.join.mutationOptions({ onSuccess: onJoined }));
  return (
    <form
      className="mx-auto mt-16 max-w-sm space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        join.mutate({ code, name });
      }}
    >
      <h1 className="text-xl font-semibold">Join workshop {code}</h1>
      <label className="block text-sm">
        Your display name
        <input
          className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          value={name}
          maxLength={64}
          onChange={(e) => setName(e.target.value)}
          data-testid="join-name"
        />
      </label>
      <button type="submit" className="rounded bg-sky-700 px-3 py-1 text-white" disabled={join.isPending}>
        Join
      </button>
      {join.error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400" data-testid="join-error">
          {join.error.message}
        </p>
      )}
    </form>
  );
}
