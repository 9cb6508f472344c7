#include "stdio_buffer.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

namespace duet {

int growWriteBuffer(int fd, int bytes) {
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  if (S_ISSOCK(st.st_mode)) {
    int size = 0;
    socklen_t len = sizeof size;
    if (getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, &len) != 0) return -1;
    // The kernel reports (and accounts) twice the value set, for its bookkeeping (socket(7)):
    // only ever grow.
    if (size < bytes) (void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
    len = sizeof size;
    return getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, &len) == 0 ? size : -1;
  }
#if defined(F_SETPIPE_SZ) && defined(F_GETPIPE_SZ)
  if (S_ISFIFO(st.st_mode)) {
    int size = fcntl(fd, F_GETPIPE_SZ);
    if (size >= 0 && size < bytes) (void)fcntl(fd, F_SETPIPE_SZ, bytes);
    return fcntl(fd, F_GETPIPE_SZ);
  }
#endif
  return -1;
}

}  // namespace duet
