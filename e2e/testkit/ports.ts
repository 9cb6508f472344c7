/** Where the e2e web servers listen (shared by playwright.config.ts and the tests). */
export const E2E_PORT = Number(process.env.DUET_E2E_PORT ?? 3210);
/** A second web server whose only daemon is a dead address. */
export const NO_DAEMON_PORT = E2E_PORT + 1;
export const NO_DAEMON_BASE_URL = `http://127.0.0.1:${NO_DAEMON_PORT}`;
/** Nothing listens on loopback's discard port: connecting there is refused at once. */
export const DEAD_DAEMON_URL = 'http://127.0.0.1:9';
