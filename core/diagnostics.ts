/**
 * The one positioned diagnostic (contracts §2): what the translator reports, what the daemon sends
 * in a `translate` error (422), what the daemon client and the web server carry on, and what the page
 * underlines. 1-based line and column; printed as `file:line:col: severity: message`.
 */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: string;
}

/** A diagnostic once the file is implied (one module per run): what crosses tRPC to the page. */
export type PositionedMessage = Omit<Diagnostic, 'file'>;
