/**
 * The daemon's HTTP protocol constants (contracts §5), shared by the daemon (daemon/http-handler.ts,
 * daemon/frame-sink.ts) and its client (daemon-client/), so neither imports the other for them.
 * The frame format itself is core/frame.ts.
 */

/** Content type of a run's response: a stream of frames (core/frame.ts). */
export const FRAMES_CONTENT_TYPE = 'application/x-duet-frames';

/** Request header naming the caller, for per-client rate limits (a web server passes its browser's). */
export const CLIENT_ID_HEADER = 'X-Duet-Client';

/** Response header of an admitted run: the id that `DELETE /v1/runs/:id` cancels. */
export const RUN_ID_HEADER = 'X-Duet-Run-Id';

/**
 * Longest the daemon stays silent on a run's stream: after this long without a frame (a long
 * compile, a long sample) it sends `{type:"heartbeat"}`, so a caller can tell a busy daemon from
 * one that is gone (stopped, asleep, network down) by silence (STREAM_SILENCE_MS).
 */
export const HEARTBEAT_MS = 10_000;

/** Silence on a run's stream after which the daemon counts as gone: over four missed heartbeats. */
export const STREAM_SILENCE_MS = 45_000;
