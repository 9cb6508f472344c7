#include "process_name.h"
#include "os.h"

#if DUET_LINUX
#include <sys/prctl.h>
#elif defined(__APPLE__)
#include <pthread.h>
#endif

namespace duet {
namespace platform {

void setThreadName(const char* name) {
#if DUET_LINUX
  ::prctl(PR_SET_NAME, name, 0, 0, 0);
#elif defined(__APPLE__)
  ::pthread_setname_np(name);  // macOS: names the calling thread only
#else
  (void)name;
#endif
}

}  // namespace platform
}  // namespace duet
