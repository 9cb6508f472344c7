// Whether the executor uses Linux's own interfaces (prctl, memfd_create, pipe2, SOCK_CLOEXEC,
// MSG_CMSG_CLOEXEC, /proc/self/fd, seccomp, landlock, namespaces) or only POSIX ones, as on macOS.
// A build with -DDUET_POSIX_ONLY takes the POSIX paths on Linux too, so that the code macOS runs is
// built and its unit tests and kernels run here (scripts/executor-toolchains.mjs posix-only).
#pragma once

#if defined(__linux__) && !defined(DUET_POSIX_ONLY)
#define DUET_LINUX 1
#else
#define DUET_LINUX 0
#endif
