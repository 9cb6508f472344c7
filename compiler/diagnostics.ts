/**
 * Positioned diagnostics (contract §2). Every failure of the translator, including internal ones, becomes
 * a `Diagnostic` with a 1-based line and column, printed as `file:line:col: error: message`.
 */

import type { Diagnostic } from '../core/diagnostics';

export type { Diagnostic };

/** A source position: 1-based line and column plus the 0-based character offset. */
export interface Pos {
  line: number;
  col: number;
  offset: number;
}

export const START_POS: Pos = { line: 1, col: 1, offset: 0 };

/** Thrown inside the pipeline; caught at the API boundary and turned into a `Diagnostic`. */
export class CompileError extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
    /** Secondary positions, printed as `file:line:col: note: message` lines after the error. */
    readonly notes: { pos: Pos; message: string }[] = [],
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

export function fail(pos: Pos, message: string): never {
  throw new CompileError(pos, message);
}

/** The standard "we know this is valid WGSL, we just cannot translate it" error. */
export function unsupported(pos: Pos, what: string): never {
  throw new CompileError(pos, `${what} is not supported yet`);
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}

/** Convert anything thrown inside the pipeline into diagnostics at the best known position. */
export function toDiagnostics(err: unknown, file: string, fallback: Pos = START_POS): Diagnostic[] {
  if (err instanceof CompileError) {
    const notes = err.notes.map((n) => `\n${file}:${n.pos.line}:${n.pos.col}: note: ${n.message}`).join('');
    return [{ file, line: err.pos.line, col: err.pos.col, severity: 'error', message: err.message + notes }];
  }
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return [
      {
        file,
        line: fallback.line,
        col: fallback.col,
        severity: 'error',
        message: 'program nests too deeply',
      },
    ];
  }
  const message = err instanceof Error ? err.message : String(err);
  return [
    {
      file,
      line: fallback.line,
      col: fallback.col,
      severity: 'error',
      message: `internal translator error: ${message}`,
    },
  ];
}
