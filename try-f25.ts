import { readFileSync, writeFileSync } from 'node:fs';
import { translate } from './compiler/index';
const src = readFileSync(process.argv[2]!, 'utf8');
for (const fib of [false, true]) {
  const r = translate(src, { target: 'cpu', cpuFibers: fib });
  if (!r.ok) { console.log(r.diagnostics); process.exit(1); }
  writeFileSync(`/tmp/f25/out-${fib ? 'fib' : 'fis'}.cpp`, r.code);
}
