#include "cloexec.h"
#include "os.h"

#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace duet {
namespace platform {

#if !DUET_LINUX
namespace {
void markCloexec(int fd) { ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC); }
}  // namespace
#endif

int pipeCloexec(int fds[2]) {
#if DUET_LINUX
  return ::pipe2(fds, O_CLOEXEC);
#else
  if (::pipe(fds) != 0) return -1;
  markCloexec(fds[0]);
  markCloexec(fds[1]);
  return 0;
#endif
}

int unixSocketPairCloexec(int sv[2]) {
#if DUET_LINUX
  return ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
#else
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return -1;
  markCloexec(sv[0]);
  markCloexec(sv[1]);
  return 0;
#endif
}

ssize_t recvmsgCloexec(int fd, struct msghdr* msg, int flags) {
#if DUET_LINUX
  return ::recvmsg(fd, msg, flags | MSG_CMSG_CLOEXEC);
#else
  ssize_t n = ::recvmsg(fd, msg, flags);
  if (n >= 0) {
    for (struct cmsghdr* c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (std::size_t i = 0; i < count; i++) {
        int received;
        std::memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
        markCloexec(received);
      }
    }
  }
  return n;
#endif
}

}  // namespace platform
}  // namespace duet
