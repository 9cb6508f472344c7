// How much the daemon's end of the executor's stdout can take before a write blocks. The daemon
// (Node's child_process) gives the executor a UNIX socket pair as stdio, not pipes; a socket's send
// buffer defaults to net.core.wmem_default (208 KiB on most Linux systems), so a 256 MiB output
// blocked over a thousand times, each time until the daemon's event loop came round to read. With
// 1 MiB the writer runs further ahead of the reader: the delivery of a 256 MiB output took a tenth
// to a fifth less time on the 2-core test VM (same-run A/B runs; 4 MiB was no better).
#pragma once

namespace duet {

// Grows the kernel buffer behind `fd` that this process writes into towards `bytes`: SO_SNDBUF for
// a socket (socket(7); capped by net.core.wmem_max), F_SETPIPE_SZ for a pipe (pipe(7); capped by
// fs.pipe-max-size). Best effort: a terminal, a file or a lower cap leaves it as it is. Returns the
// buffer's size afterwards as the kernel reports it, or -1 when `fd` is neither.
int growWriteBuffer(int fd, int bytes);

}  // namespace duet
