// Ends this process when its parent dies: the executor goes with the daemon, the compiler helper
// with the executor, so that no orphan keeps running kernels or compilers.
#pragma once
#include <sys/types.h>

namespace duet {
namespace platform {

// Linux: prctl(PR_SET_PDEATHSIG, SIGKILL) (prctl(2)). Where there is no such call (macOS), a
// detached thread that watches the parent (watchParent). Either way, a parent already gone when
// this is called ends the process at once. Call it first thing after fork/exec.
void dieWithParent();

// The portable way, used where prctl is missing (and by the tests everywhere): a detached thread
// checks every pollMs whether getppid() is still `parent` and _exit(137)s when it is not (an
// orphan is re-parented to init or a subreaper: POSIX getppid(2)).
void watchParent(pid_t parent, unsigned pollMs = 100);

}  // namespace platform
}  // namespace duet
