import type { PositionedMessage } from '../../core/diagnostics';

/** Positioned source problems shown in the editor, from either side's compiler. */
export type DiagnosticSource = 'translator' | 'WebGPU';

/** core/diagnostics' shape without the file (one module per side), plus where it came from. */
export interface SourceDiagnostic extends Omit<PositionedMessage, 'severity'> {
  source: DiagnosticSource;
  /** Characters to underline; 1 when unknown. */
  length?: number;
  severity: PositionedMessage['severity'] | 'info';
}
