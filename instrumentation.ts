/**
 * Runs once when the web server starts: validates the environment (server/env.ts; a bad value stops
 * the server with the variable's name), then opens the share database (SQLite at data/duet.db, or
 * PostgreSQL from DATABASE_URL) and brings its schema up to date, so a broken database shows up in
 * the server log at start rather than on the first shared link; and makes the pairing hub
 * (server/pairing/hub.ts) that paired daemons connect to.
 */
export async function register(): Promise<void> {
  // Set by Next itself for the runtime it loads this file in; not one of Duet's variables.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { orExit, serverEnv } = await import('./server/env');
  orExit(serverEnv);
  const { shareDb } = await import('./server/share/db');
  // Made now so that scripts/web-server.mjs finds it when the first paired daemon dials in.
  (await import('./server/pairing/hub')).pairingHub();
  try {
    const db = await shareDb();
    console.log(`duet: share storage ready (${db.dialect}: ${db.location})`);
  } catch (e) {
    console.error(`duet: share storage unavailable: ${e instanceof Error ? e.message : String(e)}`);
  }
}
