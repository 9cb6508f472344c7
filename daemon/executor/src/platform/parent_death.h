// Ends this process when its parent dies: the executor goes with the daemon, the compiler helper
// with the executor, so that no orphan keeps running kernels or compilers.
#pragma once
#include <sys/types.h>

namespace duet {
namespace platform {

// Linux: prctl(PR_SET_PDEATHSIG, SIGKILL) (prctl(2)). Where there is no such call (macOS), a
// detached thread that watches the parent (watchParent). Either way, when getppid() is no longer
// `parent` (it died before this call) the process ends at once. Call it first thing after
// fork/exec; `parent`: the pid the forking process had (getpid() before fork), or getppid() at the
// start of main when the parent's pid is not known otherwise.
void dieWithParent(pid_t parent);

// The portable way, used where prctl is missing (and by the tests everywhere): a detached thread
// checks every pollMs whether getppid() is still `parent` and _exit(137)s when it is not (an
// orphan is re-parented to init or a subreaper: POSIX getppid(2)).
void watchParent(pid_t parent, unsigned pollMs = 100);

}  // namespace platform
}  // namespace duet
