/** One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break; null is empty. */
export function csvCell(v: number | string | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Text a spreadsheet would run as a formula (a leading = + - @, tab or carriage return: OWASP "CSV
 * Injection") kept as text by a leading apostrophe. For text people typed, never for numbers.
 */
export function spreadsheetText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
