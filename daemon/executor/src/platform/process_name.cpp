#include "process_name.h"

#if defined(__linux__)
#include <sys/prctl.h>
#elif defined(__APPLE__)
#include <pthread.h>
#endif

namespace duet {
namespace platform {

void setThreadName(const char* name) {
#if defined(__linux__)
  ::prctl(PR_SET_NAME, name, 0, 0, 0);
#elif defined(__APPLE__)
  ::pthread_setname_np(name);  // macOS: names the calling thread only
#else
  (void)name;
#endif
}

}  // namespace platform
}  // namespace duet
