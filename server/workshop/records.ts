/** What the workshop store keeps (server/workshop/store.ts), as the service and the board use it. */
import type { Lesson } from '../../core/workshop/lesson';

/**
 * The daemon a room's runs go to: a configured daemon's index, 'auto' (the least busy configured
 * one), or a daemon the room's teacher paired (server/pairing/), by its pairing id.
 */
export type RoomDaemon = number | 'auto' | { paired: string };

export interface RoomSettings {
  title: string;
  lesson: Lesson;
  daemon: RoomDaemon;
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
