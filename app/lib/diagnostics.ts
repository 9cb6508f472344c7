/** Positioned source problems shown in the editor, from either side's compiler. */
export type DiagnosticSource = 'translator' | 'WebGPU';

export interface SourceDiagnostic {
  source: DiagnosticSource;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** Characters to underline; 1 when unknown. */
  length?: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export function formatSourceDiagnostic(d: SourceDiagnostic): string {
  return `${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}
