// Descriptors no child process inherits: created close-on-exec in one call where the OS can
// (Linux: pipe2, SOCK_CLOEXEC, MSG_CMSG_CLOEXEC), else marked FD_CLOEXEC right after (macOS has
// none of the three; a fork by another thread in between could inherit the descriptor, which only
// ever leaks a pipe or socket end, never more rights, to a compiler the executor starts).
#pragma once
#include <sys/socket.h>

// sendmsg(2) flag: no SIGPIPE when the peer is gone. macOS has no MSG_NOSIGNAL; both processes
// there ignore SIGPIPE, so the write fails with EPIPE all the same.
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

namespace duet {
namespace platform {

int pipeCloexec(int fds[2]);                 // 0, or -1 with errno
int unixSocketPairCloexec(int sv[2]);         // AF_UNIX, SOCK_STREAM; 0, or -1 with errno
ssize_t recvmsgCloexec(int fd, struct msghdr* msg, int flags);  // SCM_RIGHTS fds arrive close-on-exec

}  // namespace platform
}  // namespace duet
