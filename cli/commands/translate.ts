/**
 * `duet translate <file.wgsl> [--entry NAME] [--target cuda|cpu]` (README "The `duet` command"):
 * the self-contained generated source on stdout, diagnostics on stderr as `file:line:col: error: message`,
 * exit status 1 on error.
 */
import { readFile } from 'node:fs/promises';
import { formatDiagnostic, translate } from '../../compiler/index';

const USAGE = 'usage: duet translate <file.wgsl> [--entry NAME] [--target cuda|cpu]';

export interface TranslateIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIO: TranslateIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export async function translateCommand(argv: string[], io: TranslateIO = defaultIO): Promise<number> {
  let file: string | undefined;
  const entries: string[] = [];
  let target: 'cuda' | 'cpu' = 'cuda';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      i++;
      return argv[i];
    };
    if (a === '--help' || a === '-h') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (a === '--entry' || a.startsWith('--entry=')) {
      const v = value();
      if (!v) return usage(io, '--entry needs a name');
      entries.push(v);
    } else if (a === '--target' || a.startsWith('--target=')) {
      const v = value();
      if (v !== 'cuda' && v !== 'cpu') return usage(io, `--target must be cuda or cpu, not '${v ?? ''}'`);
      target = v;
    } else if (a.startsWith('-')) {
      return usage(io, `unknown option '${a}'`);
    } else if (file === undefined) {
      file = a;
    } else {
      return usage(io, `unexpected argument '${a}'`);
    }
  }
  if (!file) return usage(io, 'missing <file.wgsl>');
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    io.stderr(`duet translate: cannot read ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  const r = translate(source, { file, target, entryPoints: entries.length ? entries : undefined });
  for (const d of r.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  if (!r.ok) return 1;
  io.stdout(r.code);
  return 0;
}

function usage(io: TranslateIO, problem: string): number {
  io.stderr(`duet translate: ${problem}\n${USAGE}\n`);
  return 1;
}
