/**
 * Test support for the checker's built-in tables: translate one kernel line under some declarations
 * and read its first diagnostic, so each overload's result type can be probed with `let r: T = call;`.
 */
import { formatDiagnostic, translate } from '../index';

/**
 * `first(line)`: the first diagnostic (file:line:col: …) of `decls`, then a one-invocation kernel whose
 * body is `line` (the line after the declarations plus one), or '' when it translates for the CPU.
 */
export function firstDiagnosticUnder(decls: string): (line: string) => string {
  return (line) => {
    const r = translate(`${decls}\n@compute @workgroup_size(1) fn main() {\n  ${line}\n}\n`, {
      file: 'k.wgsl',
      target: 'cpu',
    });
    return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
  };
}
