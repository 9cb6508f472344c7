/**
 * A name an `enable` or `requires` directive lists (WGSL spec §4.1), checked against its table
 * (extensions.ts, language-features.ts): an unknown name is refused at the name itself, as Tint's parser
 * does; a known one Duet cannot run gets its own error saying why.
 */
import { CompileError, type Pos } from '../diagnostics';

/** `true`: Duet translates programs that name it; a string: why it does not. */
export type DirectiveTable = Readonly<Record<string, true | string>>;

export function checkDirectiveName(
  table: DirectiveTable,
  what: 'extension' | 'language feature',
  directive: 'enable' | 'requires',
  name: string,
  pos: Pos,
): void {
  const status = Object.hasOwn(table, name) ? table[name] : undefined;
  if (status === undefined)
    throw new CompileError(pos, `unknown ${what} '${name}' in ${directive} directive`);
  if (status !== true) throw new CompileError(pos, `${what} '${name}' is not supported: ${status}`);
}
