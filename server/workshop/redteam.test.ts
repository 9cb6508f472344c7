/**
 * Red-team checks on the workshop (SQLite): a student's cookie cannot be forged, re-signed under
 * another id or used in another room; parallel joins cannot seat more than the room holds; parallel
 * runs cannot take more than the quota; display names cannot hide or inject; the CSV defuses
 * spreadsheet formulas in names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShareDb, type ShareDb } from '../share/db';
import { boardCsv, boardState } from './board';
import { SHIPPED_LESSONS } from './lessons';
import { cleanName } from './names';
import { readCookie, signCookie } from './secrets';
import { WorkshopStore } from './store';

const settings = {
  title: 'Class',
  lesson: SHIPPED_LESSONS['matmul-tiling']!,
  daemon: 'auto' as const,
  runsPerStudent: 3,
};
const KEY = 'k'.repeat(43);
let dir = '';
let share: ShareDb;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duet-ws-redteam-'));
  share = await openShareDb({ sqlitePath: join(dir, 'share.sqlite') });
});
afterAll(async () => {
  await share.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('student cookies', () => {
  it('refuses a cookie re-signed under another key, another id, or with a bit flipped', async () => {
    const store = new WorkshopStore(share.db);
    const { code } = await store.create(settings);
    const a = await store.join(code, 'alice');
    const b = await store.join(code, 'bob');
    const good = signCookie(KEY, a.student.id, a.secret);
    expect(readCookie(KEY, good)).toEqual({ id: a.student.id, secret: a.secret });
    expect(readCookie('another-key', good)).toBeNull();
    // Bob's id with Alice's secret and mac: the mac covers the id.
    expect(readCookie(KEY, good.replace(a.student.id, b.student.id))).toBeNull();
    const flipped = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    expect(readCookie(KEY, flipped)).toBeNull();
    // The last MAC character's 2 low bits are not part of the 32 bytes: each other spelling of the
    // same MAC is refused too (one cookie, one text).
    const last = good.at(-1)!;
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const base = ALPHABET.indexOf(last) & ~3;
    for (let low = 0; low < 4; low++) {
      const spelled = `${good.slice(0, -1)}${ALPHABET[base + low]}`;
      if (spelled !== good) expect(readCookie(KEY, spelled)).toBeNull();
    }
    // Even well signed, Bob's id with Alice's secret is nobody (the secret is checked against Bob's hash).
    const c = readCookie(KEY, signCookie(KEY, b.student.id, a.secret))!;
    expect(await store.student(c.id, c.secret)).toBeNull();
  });

  it('a student of one room is a stranger in another', async () => {
    const store = new WorkshopStore(share.db);
    const one = await store.create(settings);
    const two = await store.create(settings);
    const a = await store.join(one.code, 'alice');
    const student = await store.student(a.student.id, a.secret);
    expect(student?.code).toBe(one.code);
    expect(student?.code).not.toBe(two.code);
  });
});

describe('races', () => {
  it('parallel joins seat no more students than the room holds', async () => {
    const store = new WorkshopStore(share.db, undefined, 3);
    const { code } = await store.create(settings);
    const joins = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => store.join(code, `student ${i}`)),
    );
    expect(joins.filter((j) => j.status === 'fulfilled').length).toBeLessThanOrEqual(3);
    expect((await store.students(code)).length).toBeLessThanOrEqual(3);
  });

  it('parallel runs take no more than the quota', async () => {
    const store = new WorkshopStore(share.db);
    const { code } = await store.create(settings);
    const { student } = await store.join(code, 'racer');
    const taken = await Promise.all(Array.from({ length: 20 }, () => store.takeRun(student.id, 3)));
    expect(taken.filter(Boolean)).toHaveLength(3);
  });
});

describe('display names', () => {
  it.each([
    ['bidi override', 'alice\u202Egnp.exe'],
    ['zero-width space', 'al\u200Bice'],
    ['next-line control (U+0085)', 'a\u0085b'],
    ['NUL', 'a\u0000b'],
    ['Hangul filler', '\u3164'],
    ['combining grapheme joiner', 'a\u034Fb'],
  ])('refuses a %s', (_what, name) => {
    expect(() => cleanName(name)).toThrow(/control or invisible/);
  });

  it.each([
    ['braille blank', '\u2800\u2800'],
    ['bare combining marks', '\u0301\u0301'],
  ])('refuses a name of only %s', (_what, name) => {
    expect(() => cleanName(name)).toThrow(/visible letter/);
  });

  it('keeps ordinary names, emoji included', () => {
    for (const n of ['Zoë', '李雷', 'R2-D2', '\u2764\uFE0F fan']) expect(cleanName(n).name).toBe(n);
  });

  it('refuses one over the length limit, counted after NFKC', () => {
    expect(() => cleanName('x'.repeat(33))).toThrow(/at most 32/);
    // U+FDFA is one character that NFKC spells as 18.
    expect(() => cleanName('\uFDFA\uFDFA')).toThrow(/at most 32/);
  });
});

describe('the CSV', () => {
  it('defuses names and step titles a spreadsheet would run as formulas', async () => {
    const store = new WorkshopStore(share.db);
    const lesson = structuredClone(settings.lesson);
    lesson.steps[0]!.title = '@SUM(1+1)';
    const { code } = await store.create({ ...settings, lesson });
    for (const name of ['=HYPERLINK("http://evil","x")', '+cmd|x', '-1+2', '\uFF1D1+1'])
      await store.join(code, name);
    const room = (await store.room(code))!;
    const csv = boardCsv(
      room,
      boardState(room, await store.students(code), [], {
        queue: null,
        busyMs: 0,
        spotlight: null,
        pairedDaemon: null,
      }),
      [],
    );
    for (const line of csv.trim().split('\n').slice(1)) {
      // Each cell, unquoted, must not start with a formula character.
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      for (const cell of cells) {
        const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        if (/^-?\d+(\.\d+)?$/.test(text)) continue; // plain numbers (step, attempts)
        expect(text, line).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });
});
