#include "parent_death.h"
#include "os.h"

#include <chrono>
#include <csignal>
#include <thread>
#include <unistd.h>
#if DUET_LINUX
#include <sys/prctl.h>
#endif

namespace duet {
namespace platform {

void watchParent(pid_t parent, unsigned pollMs) {
  if (::getppid() != parent) ::_exit(137);
  // The thread only sleeps and calls getppid: it holds no lock, so a fork after it (main.cpp forks
  // the compiler helper) leaves the child nothing half-held.
  std::thread([parent, pollMs] {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(pollMs));
      if (::getppid() != parent) ::_exit(137);
    }
  }).detach();
}

void dieWithParent(pid_t parent) {
#if DUET_LINUX
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(137);  // died between fork and prctl
#else
  watchParent(parent);
#endif
}

}  // namespace platform
}  // namespace duet
