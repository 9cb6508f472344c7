// Last words on a crash: a SIGSEGV/SIGBUS/SIGFPE/SIGILL (a kernel that overflows its fiber stack,
// a translator bug, an executor bug) writes an `error` frame with fatal:true before the process
// dies, so the daemon learns what happened instead of seeing a bare exit.
#pragma once
#include <string>

namespace duet {

void installCrashHandlers(int frameFd);
void crashSetRun(const std::string& id);  // the run whose id the error frame carries
void crashClearRun();
// Marks the calling thread as running generated kernel code (code "launch" rather than "internal").
void crashInKernel(bool inKernel);

}  // namespace duet
