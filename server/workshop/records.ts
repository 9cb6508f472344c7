/** What the workshop store keeps (server/workshop/store.ts), as the service and the board use it. */
import type { Lesson } from '../../core/workshop/lesson';

export interface RoomSettings {
  title: string;
  lesson: Lesson;
  /** A configured daemon's index, or 'auto'. */
  daemon: number | 'auto';
  runsPerStudent: number;
}

export interface Room extends RoomSettings {
  code: string;
  createdAt: string;
  closed: boolean;
  locked: number[];
  spotlight: { student: string; step: number } | null;
  broadcast: { wgsl: string; at: string } | null;
}

export interface Student {
  id: string;
  code: string;
  name: string;
  step: number;
  runsUsed: number;
}

export interface Submission {
  student: string;
  name: string;
  step: number;
  pass: boolean;
  reason: string;
  kernelMs: number | null;
  wgsl: string;
  createdAt: string;
}
