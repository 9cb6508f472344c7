import { describe, expect, it } from 'vitest';
import { EnvError, parseServerEnv, parseStartEnv, serverEnv } from './env';

const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as Error).message;
  }
  throw new Error('expected an EnvError');
};

describe('parseServerEnv', () => {
  it('reads daemons, token, database and public URL', () => {
    const env = parseServerEnv({
      DUET_DAEMONS: 'http://a:1/, https://b:2',
      DUET_TOKEN: 'tok',
      DATABASE_URL: 'postgres://u@h/db',
      DUET_PUBLIC_URL: 'https://duet.example.org',
      DUET_PEER_FROM_SOCKET: '1',
    });
    expect(env.DUET_DAEMONS).toEqual(['http://a:1', 'https://b:2']);
    expect(env.DUET_TOKEN).toBe('tok');
    expect(env.DATABASE_URL).toBe('postgres://u@h/db');
    expect(env.DUET_PUBLIC_URL?.origin).toBe('https://duet.example.org');
    expect(env.DUET_PEER_FROM_SOCKET).toBe('1');
  });

  it('treats unset and empty alike', () => {
    const env = parseServerEnv({ DUET_DAEMONS: '', DATABASE_URL: '', DUET_PUBLIC_URL: ' ' });
    expect(env).toEqual({ DUET_TOKEN: '' });
  });

  it('names each bad variable, its value and what it must be', () => {
    const m = messageOf(() =>
      parseServerEnv({ DUET_PUBLIC_URL: 'duet.example.org', DUET_DAEMONS: 'http://ok:1,ftp://gpu:7070' }),
    );
    expect(m).toContain('DUET_PUBLIC_URL must be the base URL browsers reach this server at');
    expect(m).toContain('(got "duet.example.org")');
    expect(m).toContain('DUET_DAEMONS must be a comma-separated list of daemon URLs');
    expect(m).toContain('(got "http://ok:1,ftp://gpu:7070")');
  });

  it('rejects a database URL that is not PostgreSQL', () => {
    expect(messageOf(() => parseServerEnv({ DATABASE_URL: 'mysql://h/db' }))).toContain(
      'DATABASE_URL must be a postgres:// or postgresql:// URL (got "mysql://h/db")',
    );
  });
});

describe('parseStartEnv', () => {
  it('gives the defaults from the README', () => {
    const env = parseStartEnv({});
    expect([env.PORT, env.HOST, env.DUET_BACKEND, env.DUET_DAEMON_PORT]).toEqual([
      3000,
      '127.0.0.1',
      'auto',
      undefined,
    ]);
  });

  it('rejects a port out of range and an unknown backend', () => {
    const m = messageOf(() => parseStartEnv({ PORT: '70000', DUET_DAEMON_PORT: '0', DUET_BACKEND: 'rocm' }));
    expect(m).toContain('PORT must be a TCP port, 0 to 65535 (got "70000")');
    expect(m).toContain('DUET_DAEMON_PORT must be a TCP port, 1 to 65535 (got "0")');
    expect(m).toContain('DUET_BACKEND must be auto, cuda or cpu (got "rocm")');
  });
});

describe('serverEnv', () => {
  it('follows process.env when a variable changes', () => {
    const before = process.env.DUET_DAEMONS;
    try {
      process.env.DUET_DAEMONS = 'http://one:1';
      expect(serverEnv().DUET_DAEMONS).toEqual(['http://one:1']);
      process.env.DUET_DAEMONS = 'http://two:2';
      expect(serverEnv().DUET_DAEMONS).toEqual(['http://two:2']);
    } finally {
      if (before === undefined) delete process.env.DUET_DAEMONS;
      else process.env.DUET_DAEMONS = before;
    }
  });
});
