/**
 * Where the daemon-only install puts things (scripts/daemon-bundle.ts writes the folder,
 * deploy/duet-daemon.service starts it). The bundle mirrors the checkout's layout, so the daemon's
 * own relative paths (daemon/executor/build/duet-executor, scripts/build-executor.mjs) hold there.
 */

/** The folder install.sh copies the bundle to, and the unit's ExecStart names. */
export const INSTALL_DIR = '/opt/duet-daemon';

/** The single-file daemon inside the bundle (esbuild output of cli/daemon-main.ts). */
export const BUNDLE_ENTRY = 'daemon/duet-daemon.mjs';
