/**
 * A separate process that saves shared runs as fast as it can — for the concurrency and kill -9
 * tests. After each save has committed it prints `committed <id> <sha256 of the stored text>`.
 * argv: <count | "forever"> <tag>. Env: DATABASE_URL (PostgreSQL) or DUET_SHARE_SQLITE (file).
 */

import { sha256Hex } from '../checksum';
import { openShareDb } from '../db';
import { ShareStore } from '../store';
import { parseWire, stringifyWire } from '../wire';
import { sampleRun } from './fixture';

const [countArg = 'forever', tag = '0'] = process.argv.slice(2);
const limit = countArg === 'forever' ? Number.POSITIVE_INFINITY : Number(countArg);
const share = await openShareDb({
  databaseUrl: process.env.DATABASE_URL || undefined,
  sqlitePath: process.env.DUET_SHARE_SQLITE ?? ':memory:',
});
const store = new ShareStore(share);
process.stdout.write(`ready ${tag}\n`);
for (let i = 0; i < limit; i++) {
  const { id } = await store.saveRun(parseWire(stringifyWire(sampleRun(i))));
  const raw = await store.getRaw(id);
  process.stdout.write(`committed ${id} ${raw ? sha256Hex(raw.body) : 'missing'}\n`);
}
await share.close();
