// Names the calling thread (shown by ps/top, in crash reports): "duet-compiler" for the helper.
#pragma once

namespace duet {
namespace platform {

// Linux: prctl(PR_SET_NAME) (at most 15 characters kept); macOS: pthread_setname_np; else nothing.
void setThreadName(const char* name);

}  // namespace platform
}  // namespace duet
