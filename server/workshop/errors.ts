/** A workshop request that cannot be served, by kind (the router maps kinds to tRPC codes). */
export type WorkshopErrorKind =
  | 'unknown-room'
  | 'closed'
  | 'bad-name'
  | 'name-taken'
  | 'not-teacher'
  | 'not-student'
  | 'locked'
  | 'no-step'
  | 'quota'
  | 'bad-lesson'
  /** The daemon chosen for a room is not configured here, or not paired in the teacher's browser. */
  | 'no-daemon'
  /** The room's daemon did not answer, refused the token, or was busy. */
  | 'daemon';

export class WorkshopError extends Error {
  override name = 'WorkshopError';
  constructor(
    readonly kind: WorkshopErrorKind,
    message: string,
  ) {
    super(message);
  }
}
