/**
 * Text from a workload (its name, binding names, messages that quote them) shown on a terminal:
 * control characters other than newline and tab are written as \xNN, so a name cannot move the
 * cursor, clear the screen or retitle the window (ECMA-48 escape sequences start with ESC, 0x1b,
 * or the C1 control CSI, 0x9b).
 */
export function terminalSafe(text: string): string {
  return text.replace(
    /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
