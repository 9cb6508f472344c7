/*
 * Duet CPU runtime -- included (or pasted) into every generated CPU kernel module.
 * Contract: docs/contracts.md section 3 (generated source ABI). Single source of truth for this text;
 * compiler/preludes/cpu_runtime.ts is generated from it (node scripts/gen-preludes.mjs).
 *
 * Self-contained: only the C/C++ standard library and POSIX. Compiled by the executor as
 *   g++ -std=c++17 -O2 -fPIC -shared -fno-fast-math -ffp-contract=off -fno-gnu-unique
 * Everything here has internal linkage (static) except the context-switch routine, which is a
 * weak hidden assembler symbol, so one module is one translation unit and nothing leaks between
 * modules the executor dlopens side by side.
 *
 * What it provides
 * ----------------
 *   struct DuetInvocation    built-in values of one invocation (WGSL section 13.3.1.1 built-in values)
 *   typedef DuetBody         the entry point's body, run once per invocation
 *   duet_cpu_run_workgroup   runs every invocation of one workgroup; returns 0 or a control[1] bit
 *   duet_cpu_barrier         workgroupBarrier / storageBarrier (WGSL section 17.11 synchronization builtins)
 *   duet_cpu_abort_requested true once the host raised the abort flag (control[0]); loops poll it
 *   duet_cpu_raise_status    atomically ORs a bit into control[1] (1 = loop guard, 2 = aborted)
 *   duet_cpu_subgroup_exchange  subgroup emulation hook (see below)
 *   duet_cpu_scratch         per-thread memory for a loop-fission entry's per-invocation state
 *   duet_cpu_counted_loop    the one poll of a loop with a known trip count (instead of one per step)
 *   duet_cpu_counted_loops   that poll for every invocation of a workgroup at once
 *   duet_in                  an array element at an index the translator proved in bounds (no clamp)
 *
 * Execution model
 * ---------------
 * With usesBarriers == 0 the invocations run one after another in a plain loop (local_index order).
 * The translator emits that loop into the entry itself for kernels without barriers and subgroup
 * operations (see duet_cpu_loop_begin), so the body inlines; duet_cpu_run_workgroup's own loop mode
 * stays for hand-written modules.
 * Barrier kernels whose barriers sit in the entry's own body run without fibers: the translator splits
 * them at their barriers into loops over the invocations (loop fission, section fission below).
 * With usesBarriers != 0 (the translator passes usesBarriers || usesSubgroups) every invocation is
 * a fiber on the calling thread: a barrier saves the fiber's registers and switches to the next
 * ready fiber in local_index order (the last one of a round switches back to the workgroup's
 * scheduler). When every live fiber waits at a barrier they are all released (a new barrier phase).
 * The floating-point control registers (MXCSR, x87 control word) are the thread's, never switched. Context switches are a few instructions of
 * hand-written assembler on x86-64 and aarch64 Linux (System V / AAPCS64 callee-saved registers);
 * elsewhere, or with -DDUET_CPU_USE_UCONTEXT, <ucontext.h> (swapcontext does a syscall per switch).
 * Fiber stacks: 256 KiB each (DUET_CPU_STACK_BYTES), mmap'ed once per worker thread with a
 * PROT_NONE guard page below each, reused for every workgroup, up to 1024 invocations.
 *
 * Status (returned, and ORed into control[1] with the bits the kernel itself raised):
 *   4  barrier divergence: a barrier was reached by only part of the workgroup (some invocations
 *      had returned while others waited). The waiting fibers are abandoned -- never a hang.
 *   2  the abort flag (control[0]) was raised: fibers waiting at a barrier are abandoned
 *      (released) and the workgroup stops; in loop mode, remaining invocations are skipped.
 *   1  a loop hit its iteration guard (raised by generated code).
 * Abandoned fibers never unwind: generated code keeps no objects with destructors on the stack.
 *
 * Subgroup emulation hook (subgroup size 32 on the CPU)
 * ------------------------------------------------------
 *   unsigned duet_cpu_subgroup_exchange(const void* mine, unsigned bytes, void* lanes);
 * Every invocation of a subgroup (subgroup_id = local_index / 32) that calls it deposits `bytes`
 * (<= 16: any scalar or vecN of 32-bit / 16-bit values) and waits until every other live fiber of
 * the workgroup is blocked (at this hook, at a barrier, or returned). Then `lanes` (32 * bytes,
 * lane-major) receives the values of the lanes that took part (zeros for the others), and the
 * return value is the mask of those lanes (bit i = subgroup_invocation_id i). Invocations that
 * returned or wait at a workgroup barrier do not take part -- as inactive invocations on a GPU.
 * subgroupAdd/Mul/Min/Max/And/Or/Xor, inclusive/exclusive scans, Broadcast(First), Shuffle*,
 * Ballot, Elect, All/Any are then plain loops over `lanes` and the mask. In loop mode (no fibers)
 * it returns the caller's own lane only.
 *
 * Sections (marked as in common.h; compiler/preludes/sections.ts): a generated source holds the part
 * before the first marker and the sections it uses, so a loop-mode module has no fibers and no
 * context switch. Included as a file (hand-written modules, the executor's tests), it is all there.
 */
#ifndef DUET_CPU_RUNTIME_H
#define DUET_CPU_RUNTIME_H

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The common prelude defines DUET_ABI_VERSION together with DuetParams; define them here when
 * this runtime is used on its own (hand-written modules, tests). Keep in sync with section 3. */
#ifndef DUET_ABI_VERSION
#define DUET_ABI_VERSION 1
#define DUET_MAX_SLOTS 64
struct DuetParams {
  unsigned char* slot[DUET_MAX_SLOTS];
  unsigned long long slotBytes[DUET_MAX_SLOTS];
  unsigned int numWorkgroups[3];
  unsigned int* control;
};
#endif

#ifndef DUET_STATUS_LOOP_GUARD
#define DUET_STATUS_LOOP_GUARD 1u
#endif
#ifndef DUET_STATUS_ABORTED
#define DUET_STATUS_ABORTED 2u
#endif
#ifndef DUET_STATUS_BARRIER
#define DUET_STATUS_BARRIER 4u
#endif
#ifndef DUET_POLL_INTERVAL
#define DUET_POLL_INTERVAL 1024u /* common.h's, for this runtime on its own */
#endif

#ifndef DUET_CPU_STACK_BYTES
#define DUET_CPU_STACK_BYTES (256u * 1024u)
#endif
#define DUET_CPU_MAX_INVOCATIONS 1024u
#define DUET_CPU_SUBGROUP_SIZE 32u
#define DUET_CPU_XCHG_BYTES 16u

struct DuetInvocation {
  unsigned local_id[3], global_id[3], workgroup_id[3], num_workgroups[3], local_index, subgroup_id,
      subgroup_invocation_id, subgroup_size;
};
typedef void (*DuetBody)(const DuetParams*, const DuetInvocation*, void* workgroupMem);

static inline int duet_cpu_abort_requested(const DuetParams* p) {
  return __atomic_load_n(&p->control[0], __ATOMIC_RELAXED) != 0u;
}
static inline void duet_cpu_raise_status(const DuetParams* p, unsigned bit) {
  __atomic_fetch_or(&p->control[1], bit, __ATOMIC_RELAXED);
}

/* Fibers switch with hand-written assembler where there is one (section context-switch), else with
 * <ucontext.h>; decided here because the per-thread state holds either kind of saved context. */
#if !defined(DUET_CPU_USE_UCONTEXT) && (defined(__linux__) || defined(__APPLE__)) && \
    (defined(__x86_64__) || defined(__aarch64__))
#define DUET_CPU_ASM_SWITCH 1
#else
#include <ucontext.h>
#endif

/* @section counted-loop */
/* ---------------------------------------------------------------- counted loops ------------- */
/* A loop the translator proved to end within `trips` steps of straight-line work (compiler/loop-trips.ts)
 * polls once, before it runs, instead of at every step (duet_loop_stop, common.h): its trips count
 * towards the invocation's poll interval at once, so the abort flag is still read every
 * DUET_POLL_INTERVAL loop steps or sooner, give or take one such loop (at most 65536 straight-line
 * steps), and a step holds no poll that would keep g++ from unrolling or vectorising it. Such a loop
 * never nears DUET_LOOP_GUARD_ITERATIONS. False when the invocation was stopped before (the loop is
 * skipped, as its first per-step poll did) or is stopped now by the abort flag. */
static inline bool duet_cpu_counted_loop(unsigned* control, int* stopped, unsigned trips) {
  const int since = *stopped;
  if (since < 0) return false;
  const unsigned long long now = (unsigned long long)since + trips;
  if (now < DUET_POLL_INTERVAL) {
    *stopped = (int)now;
    return true;
  }
  *stopped = 0;
  if (__atomic_load_n(&control[0], __ATOMIC_RELAXED)) {
    __atomic_fetch_or(&control[1], DUET_STATUS_ABORTED, __ATOMIC_RELAXED);
    *stopped = -1;
    return false;
  }
  return true;
}

/* duet_cpu_counted_loop for invocations 0 .. n-1 in turn (stopped[i] is invocation i's count), before a
 * loop-fission region that runs the loop with the invocations innermost (compiler/emit/entry-cpu-fission.ts):
 * true when every one of them runs the loop. When none is stopped and none reaches the poll interval
 * (nearly always), the same counts come from two passes g++ vectorises instead of n calls. */
static inline bool duet_cpu_counted_loops(unsigned* control, int* stopped, unsigned n, unsigned trips) {
  if (trips < DUET_POLL_INTERVAL) {
    const int limit = (int)(DUET_POLL_INTERVAL - trips); /* 0 <= since < limit: since + trips stays under */
    int out = 0;
    for (unsigned i = 0; i < n; i++) out |= (stopped[i] < 0) | (stopped[i] >= limit);
    if (!out) {
      for (unsigned i = 0; i < n; i++) stopped[i] += (int)trips;
      return true;
    }
  }
  bool all = true;
  for (unsigned i = 0; i < n; i++)
    if (!duet_cpu_counted_loop(control, &stopped[i], trips)) all = false;
  return all;
}

/* @section proven-index */
/* ---------------------------------------------------------------- proven indices ------------ */
/* Element i of a fixed-size array (duet_array, common.h) without the robustness clamp: emitted only
 * where the translator proved 0 <= i < N for every value i can have (compiler/emit/cpu-index-ranges.ts).
 * The same reference operator[] gives for an index in bounds. Tests build with DUET_CPU_CHECK_PROOFS
 * (compiler/testkit/native.ts): a proof that does not hold then stops the program. */
template <class A> static inline auto duet_in(A&& a, unsigned i) -> decltype(a[i]) {
#ifdef DUET_CPU_CHECK_PROOFS
  if (i >= sizeof(a.e) / sizeof(a.e[0])) __builtin_trap();
#endif
  return a.e[i];
}

/* @section row-window */
/* ---------------------------------------------------------------- row windows --------------- */
/* Element lx of the window a loop-fission row set on view v (duet_rt::window, common.h), for an index i the
 * translator proved to be the window's first index + lx (compiler/emit/fission-row-windows.ts); the row
 * runs this only when the window lies inside the array, and lx < its width. i is the index as the WGSL
 * computes it: unused (g++ drops it) except in builds with DUET_CPU_CHECK_PROOFS (compiler/testkit/native.ts),
 * where a proof that does not hold stops the program. */
template <class V> static inline auto duet_win(V& v, unsigned lx, unsigned i) -> decltype(v[i]) {
#ifdef DUET_CPU_CHECK_PROOFS
  if (lx >= v.cnt || i - v.lo != lx) __builtin_trap();
#endif
  (void)i;
  return v.w[lx];
}

/* @section context-switch */
/* ---------------------------------------------------------------- context switch -------------- */
#ifdef DUET_CPU_ASM_SWITCH
/* A hidden weak function in each object format: ELF (Linux) names C symbols as written and sizes
 * them; Mach-O (macOS) prefixes them with '_' and spells "weak, hidden" .weak_definition +
 * .private_extern (Apple's Mach-O assembler reference, "Directives"). */
#if defined(__APPLE__)
#define DUET_CPU_ASM_BEGIN(name) ".globl _" #name "\n.private_extern _" #name "\n.weak_definition _" #name "\n.p2align 4\n_" #name ":\n"
#define DUET_CPU_ASM_END(name) ""
#else
#define DUET_CPU_ASM_BEGIN(name) ".weak " #name "\n.hidden " #name "\n.type " #name ",%function\n" #name ":\n"
#define DUET_CPU_ASM_END(name) ".size " #name ",.-" #name "\n"
#endif
/* duet_cpu_swctx(save, next): pushes the callee-saved state on the current stack, stores the
 * stack pointer in *save, loads `next` as stack pointer, pops the state saved there, returns into
 * it. A fresh fiber's stack holds a frame whose return address is duet_cpu_fiber_start, which
 * calls fn(arg) with fn/arg from callee-saved registers (r13/r12 on x86-64, x20/x19 on aarch64). */
extern "C" __attribute__((visibility("hidden"))) void duet_cpu_swctx(void** save, void* next);
extern "C" __attribute__((visibility("hidden"))) void duet_cpu_fiber_start(void);
#if defined(__x86_64__)
/* System V AMD64 ABI section 3.2.1: rbx, rbp, r12-r15 are callee-saved, and so are the x87 control
 * word and the MXCSR control bits -- but every fiber and the scheduler run on one thread and no code
 * here or in a generated module changes them (WGSL has no rounding-mode control), so a switch leaves
 * them as they are: saving them cost ~15% of a barrier kernel's time (ldmxcsr/fldcw are slow; issue 25).
 * Frame (low -> high): r15 r14 r13 r12 rbx rbp, ret. */
__asm__(".text\n"
        DUET_CPU_ASM_BEGIN(duet_cpu_swctx)
        "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n  pushq %r13\n  pushq %r14\n  pushq %r15\n"
        "  movq %rsp, (%rdi)\n  movq %rsi, %rsp\n"
        "  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n  popq %rbx\n  popq %rbp\n"
        "  ret\n"
        DUET_CPU_ASM_END(duet_cpu_swctx)
        DUET_CPU_ASM_BEGIN(duet_cpu_fiber_start)
        "  movq %r12, %rdi\n  callq *%r13\n  ud2\n"
        DUET_CPU_ASM_END(duet_cpu_fiber_start));
static inline void* duet_cpu_make_frame(void* stackTop, void (*fn)(void*), void* arg) {
  /* After `ret` pops the start address, rsp (== top) must be 16-byte aligned so that the `call` in
   * duet_cpu_fiber_start enters fn with rsp == 8 (mod 16), as the ABI requires at function entry. */
  uintptr_t top = ((uintptr_t)stackTop & ~(uintptr_t)15) - 16;
  uint64_t* sp = (uint64_t*)(top - 56);
  sp[0] = 0;               /* r15 */
  sp[1] = 0;               /* r14 */
  sp[2] = (uint64_t)(uintptr_t)fn;  /* r13 */
  sp[3] = (uint64_t)(uintptr_t)arg; /* r12 */
  sp[4] = 0;               /* rbx */
  sp[5] = 0;               /* rbp */
  sp[6] = (uint64_t)(uintptr_t)&duet_cpu_fiber_start;
  return sp;
}
#else /* __aarch64__ */
/* AAPCS64 section 6.1.1: x19-x28, x29 (fp), x30 (lr), sp and the low 64 bits of v8-v15 are callee-saved.
 * x18 is never touched: Apple's arm64 ABI reserves it for the platform ("Writing ARM64 code for
 * Apple platforms"), Linux treats it as a temporary; neither needs it saved.
 * Frame (176 bytes, 16-aligned): x19..x30 at 0..88, d8..d15 at 96..152. */
__asm__(".text\n"
        DUET_CPU_ASM_BEGIN(duet_cpu_swctx)
        "  sub sp, sp, #176\n"
        "  stp x19, x20, [sp, #0]\n  stp x21, x22, [sp, #16]\n  stp x23, x24, [sp, #32]\n"
        "  stp x25, x26, [sp, #48]\n  stp x27, x28, [sp, #64]\n  stp x29, x30, [sp, #80]\n"
        "  stp d8, d9, [sp, #96]\n  stp d10, d11, [sp, #112]\n  stp d12, d13, [sp, #128]\n"
        "  stp d14, d15, [sp, #144]\n"
        "  mov x2, sp\n  str x2, [x0]\n  mov sp, x1\n"
        "  ldp x19, x20, [sp, #0]\n  ldp x21, x22, [sp, #16]\n  ldp x23, x24, [sp, #32]\n"
        "  ldp x25, x26, [sp, #48]\n  ldp x27, x28, [sp, #64]\n  ldp x29, x30, [sp, #80]\n"
        "  ldp d8, d9, [sp, #96]\n  ldp d10, d11, [sp, #112]\n  ldp d12, d13, [sp, #128]\n"
        "  ldp d14, d15, [sp, #144]\n"
        "  add sp, sp, #176\n  ret\n"
        DUET_CPU_ASM_END(duet_cpu_swctx)
        DUET_CPU_ASM_BEGIN(duet_cpu_fiber_start)
        "  mov x0, x19\n  blr x20\n  brk #0\n"
        DUET_CPU_ASM_END(duet_cpu_fiber_start));
static inline void* duet_cpu_make_frame(void* stackTop, void (*fn)(void*), void* arg) {
  uintptr_t top = ((uintptr_t)stackTop & ~(uintptr_t)15) - 16;
  uint64_t* sp = (uint64_t*)(top - 176);
  memset(sp, 0, 176);
  sp[0] = (uint64_t)(uintptr_t)arg;                   /* x19 */
  sp[1] = (uint64_t)(uintptr_t)fn;                    /* x20 */
  sp[11] = (uint64_t)(uintptr_t)&duet_cpu_fiber_start; /* x30: `ret` jumps here */
  return sp;
}
#endif
#endif

/* @section thread */
/* ---------------------------------------------------------------- per-thread state ----------- */
enum { DUET_FIBER_READY = 0, DUET_FIBER_BARRIER = 1, DUET_FIBER_SUBGROUP = 2, DUET_FIBER_DONE = 3 };

struct DuetCpuFiber {
#ifdef DUET_CPU_ASM_SWITCH
  void* sp;
#else
  ucontext_t ctx;
#endif
  unsigned char* stackLow; /* lowest usable byte (above the guard page) */
  int state;
  DuetInvocation inv;
  struct DuetCpuThread* thread;
};

struct DuetCpuThread {
#ifdef DUET_CPU_ASM_SWITCH
  void* schedSp;
#else
  ucontext_t schedCtx;
#endif
  DuetCpuFiber* fibers;      /* DUET_CPU_MAX_INVOCATIONS entries */
  unsigned stacks;           /* fibers with a stack */
  DuetCpuFiber* current;     /* running fiber, or 0 outside fiber mode */
  unsigned count;            /* invocations of the running workgroup (fiber mode) */
  const DuetInvocation* loopInv; /* running invocation in loop mode */
  const DuetParams* params;
  DuetBody body;
  unsigned char* wgMem;
  size_t wgMemCap;
  unsigned char* scratch; /* per-invocation state of a fissioned entry (duet_cpu_scratch) */
  size_t scratchCap;
  unsigned char (*xin)[DUET_CPU_XCHG_BYTES];  /* [1024] values deposited at a subgroup sync */
  unsigned char (*xout)[DUET_CPU_XCHG_BYTES]; /* [1024] snapshot, subgroup-major */
  unsigned* xmask;                            /* [32] lanes that took part, per subgroup */
  DuetCpuThread* nextAll;
};

/* Every thread's state is on one list so the module's destructor (dlclose) can unmap it. */
static pthread_mutex_t duet_cpu_all_lock = PTHREAD_MUTEX_INITIALIZER;
static DuetCpuThread* duet_cpu_all = 0;
static __thread DuetCpuThread* duet_cpu_self = 0;

static inline size_t duet_cpu_page(void) {
  long s = sysconf(_SC_PAGESIZE);
  return s > 0 ? (size_t)s : 4096u;
}

static inline DuetCpuThread* duet_cpu_thread(void) {
  DuetCpuThread* t = duet_cpu_self;
  if (t) return t;
  t = (DuetCpuThread*)calloc(1, sizeof(DuetCpuThread));
  if (!t) return 0;
  t->fibers = (DuetCpuFiber*)calloc(DUET_CPU_MAX_INVOCATIONS, sizeof(DuetCpuFiber));
  t->xin = (unsigned char(*)[DUET_CPU_XCHG_BYTES])calloc(DUET_CPU_MAX_INVOCATIONS, DUET_CPU_XCHG_BYTES);
  t->xout = (unsigned char(*)[DUET_CPU_XCHG_BYTES])calloc(DUET_CPU_MAX_INVOCATIONS, DUET_CPU_XCHG_BYTES);
  t->xmask = (unsigned*)calloc(DUET_CPU_MAX_INVOCATIONS / DUET_CPU_SUBGROUP_SIZE, sizeof(unsigned));
  if (!t->fibers || !t->xin || !t->xout || !t->xmask) {
    free(t->fibers);
    free(t->xin);
    free(t->xout);
    free(t->xmask);
    free(t);
    return 0;
  }
  pthread_mutex_lock(&duet_cpu_all_lock);
  t->nextAll = duet_cpu_all;
  duet_cpu_all = t;
  pthread_mutex_unlock(&duet_cpu_all_lock);
  duet_cpu_self = t;
  return t;
}

__attribute__((destructor)) static void duet_cpu_release_all(void) {
  size_t page = duet_cpu_page();
  pthread_mutex_lock(&duet_cpu_all_lock);
  DuetCpuThread* t = duet_cpu_all;
  duet_cpu_all = 0;
  pthread_mutex_unlock(&duet_cpu_all_lock);
  while (t) {
    DuetCpuThread* next = t->nextAll;
    for (unsigned i = 0; i < t->stacks; i++) munmap(t->fibers[i].stackLow - page, DUET_CPU_STACK_BYTES + page);
    free(t->fibers);
    free(t->xin);
    free(t->xout);
    free(t->xmask);
    free(t->wgMem);
    free(t->scratch);
    free(t);
    t = next;
  }
}

/* @section loop needs thread */
static inline int duet_cpu_finish(const DuetParams* p, int status) {
  if (status) duet_cpu_raise_status(p, (unsigned)status);
  unsigned bits = __atomic_load_n(&p->control[1], __ATOMIC_RELAXED) & 7u;
  if (status) return status;
  if (bits & DUET_STATUS_BARRIER) return DUET_STATUS_BARRIER;
  if (bits & DUET_STATUS_ABORTED) return DUET_STATUS_ABORTED;
  return (int)(bits & DUET_STATUS_LOOP_GUARD);
}

/* An entry point whose bindings do not fit their types runs no WGSL code (duet_bind): it raises
 * DUET_STATUS_BINDING and reports -1 (nothing ran). */
static inline int duet_cpu_refuse(const DuetParams* p) {
  duet_cpu_raise_status(p, 8u);
  return -1;
}

/* Loop mode inlined into the generated entry: for kernels without barriers and subgroup operations
 * the translator emits the invocation loop itself (DuetCtx built once per workgroup, the body
 * inlinable), polling the abort flag before every 64th invocation and ending with duet_cpu_finish,
 * exactly as duet_cpu_run_workgroup's loop mode does. This sets up the workgroup: returns 1 with
 * *wgMem at zeroed workgroup memory (0 when workgroupMemBytes is 0), 0 when the workgroup is
 * empty, -1 when memory cannot be had (nothing ran). */
static inline int duet_cpu_loop_begin(const unsigned wgSize[3], size_t workgroupMemBytes, unsigned char** wgMem) {
  *wgMem = 0;
  unsigned long long n64 = (unsigned long long)wgSize[0] * wgSize[1] * wgSize[2];
  if (n64 == 0) return 0;
  if (n64 > DUET_CPU_MAX_INVOCATIONS) return -1;
  if (!workgroupMemBytes) return 1;
  DuetCpuThread* t = duet_cpu_thread();
  if (!t) return -1;
  if (workgroupMemBytes > t->wgMemCap) {
    free(t->wgMem);
    t->wgMem = (unsigned char*)aligned_alloc(64, (workgroupMemBytes + 63) & ~(size_t)63);
    t->wgMemCap = t->wgMem ? workgroupMemBytes : 0;
    if (!t->wgMem) return -1;
  }
  memset(t->wgMem, 0, workgroupMemBytes); /* WGSL section 6.3: workgroup variables start zeroed */
  *wgMem = t->wgMem;
  return 1;
}

/* @section fission needs thread */
/* ---------------------------------------------------------------- loop fission -------------- */
/* A barrier kernel the translator split at its barriers (compiler/emit/entry-cpu-fission.ts) runs each
 * barrier-free region as a loop over the workgroup's invocations, with no fibers; what an invocation
 * keeps across a barrier (its context, the variables live there, whether it returned) lives in one
 * struct of per-invocation arrays. This is that struct's memory: per thread, reused for every
 * workgroup, grown when a bigger one is asked for. The translator bounds `bytes` (a few MiB at most);
 * 0 when memory cannot be had (the entry then runs nothing and reports -1). */
#define DUET_CPU_SCRATCH_MAX (16u * 1024u * 1024u)
static inline void* duet_cpu_scratch(size_t bytes) {
  DuetCpuThread* t = duet_cpu_thread();
  if (!t || bytes > DUET_CPU_SCRATCH_MAX) return 0;
  if (bytes > t->scratchCap) {
    free(t->scratch);
    t->scratch = (unsigned char*)aligned_alloc(64, (bytes + 63) & ~(size_t)63);
    t->scratchCap = t->scratch ? bytes : 0;
    if (!t->scratch) return 0;
    /* Fresh heap memory may hold what the executor freed (another run's data); the entry assigns every
     * slot before reading it (compiler/front/check/continue-bypass.ts), and this keeps it so if not. */
    memset(t->scratch, 0, bytes);
  }
  return t->scratch;
}

/* @section fibers needs context-switch thread loop */
/* ---------------------------------------------------------------- fibers --------------------- */

/* Makes sure fibers [0, n) have stacks: one mapping each, guard page at the low end. */
static inline int duet_cpu_ensure_stacks(DuetCpuThread* t, unsigned n) {
  size_t page = duet_cpu_page();
  while (t->stacks < n) {
    size_t bytes = DUET_CPU_STACK_BYTES + page;
    void* m = mmap(0, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) return -1;
    if (mprotect(m, page, PROT_NONE) != 0) {
      munmap(m, bytes);
      return -1;
    }
    DuetCpuFiber* f = &t->fibers[t->stacks];
    f->stackLow = (unsigned char*)m + page;
    f->thread = t;
    t->stacks++;
  }
  return 0;
}

/* Leaves fiber f (which has set its state) for the next fiber of this scheduling round: the first
 * READY one after f in local_index order, or the scheduler when there is none. Switching fiber to
 * fiber halves the switches per barrier against going through the scheduler each time (issue 25)
 * and keeps the order the scheduler's round would have used, so results do not change. */
static inline void duet_cpu_to_scheduler(DuetCpuFiber* f) {
  DuetCpuThread* t = f->thread;
  DuetCpuFiber* next = 0;
  for (DuetCpuFiber* g = f + 1; g < t->fibers + t->count; g++) {
    if (g->state == DUET_FIBER_READY) {
      next = g;
      break;
    }
  }
  __asm__ __volatile__("" ::: "memory");
  t->current = next; /* whoever resumes f sets t->current back to f */
#ifdef DUET_CPU_ASM_SWITCH
  duet_cpu_swctx(&f->sp, next ? next->sp : t->schedSp);
#else
  swapcontext(&f->ctx, next ? &next->ctx : &t->schedCtx);
#endif
  __asm__ __volatile__("" ::: "memory");
}

static inline void duet_cpu_fiber_main(void* arg) {
  DuetCpuFiber* f = (DuetCpuFiber*)arg;
  DuetCpuThread* t = f->thread;
  t->body(t->params, &f->inv, t->wgMem);
  f->state = DUET_FIBER_DONE;
  duet_cpu_to_scheduler(f);
  abort(); /* a finished fiber is never resumed */
}

#ifndef DUET_CPU_ASM_SWITCH
static inline void duet_cpu_fiber_entry_uc(void) {
  duet_cpu_fiber_main(duet_cpu_self->current);
}
#endif

static inline int duet_cpu_prepare_fiber(DuetCpuThread* t, DuetCpuFiber* f) {
#ifdef DUET_CPU_ASM_SWITCH
  (void)t;
  f->sp = duet_cpu_make_frame(f->stackLow + DUET_CPU_STACK_BYTES, duet_cpu_fiber_main, f);
#else
  if (getcontext(&f->ctx) != 0) return -1;
  f->ctx.uc_stack.ss_sp = f->stackLow;
  f->ctx.uc_stack.ss_size = DUET_CPU_STACK_BYTES;
  f->ctx.uc_link = &t->schedCtx;
  makecontext(&f->ctx, duet_cpu_fiber_entry_uc, 0);
#endif
  f->state = DUET_FIBER_READY;
  return 0;
}

static inline void duet_cpu_resume(DuetCpuThread* t, DuetCpuFiber* f) {
  t->current = f;
#ifdef DUET_CPU_ASM_SWITCH
  duet_cpu_swctx(&t->schedSp, f->sp);
#else
  swapcontext(&t->schedCtx, &f->ctx);
#endif
  t->current = 0;
}

static inline void duet_cpu_barrier(void) {
  DuetCpuThread* t = duet_cpu_self;
  if (!t || !t->current) return; /* loop mode: the translator asked for no fibers */
  DuetCpuFiber* f = t->current;
  f->state = DUET_FIBER_BARRIER;
  duet_cpu_to_scheduler(f);
}
/* workgroupBarrier / storageBarrier in generated code (cuda_runtime.h: __syncthreads()). */
#define DUET_BARRIER() duet_cpu_barrier()

static inline unsigned duet_cpu_subgroup_exchange(const void* mine, unsigned bytes, void* lanes) {
  if (bytes > DUET_CPU_XCHG_BYTES) bytes = DUET_CPU_XCHG_BYTES;
  DuetCpuThread* t = duet_cpu_self;
  memset(lanes, 0, (size_t)bytes * DUET_CPU_SUBGROUP_SIZE);
  if (!t || !t->current) {
    unsigned lane = t && t->loopInv ? t->loopInv->subgroup_invocation_id : 0u;
    memcpy((unsigned char*)lanes + (size_t)lane * bytes, mine, bytes);
    return 1u << lane;
  }
  DuetCpuFiber* f = t->current;
  unsigned li = f->inv.local_index;
  memcpy(t->xin[li], mine, bytes);
  f->state = DUET_FIBER_SUBGROUP;
  duet_cpu_to_scheduler(f);
  unsigned sg = li / DUET_CPU_SUBGROUP_SIZE;
  for (unsigned i = 0; i < DUET_CPU_SUBGROUP_SIZE; i++) {
    memcpy((unsigned char*)lanes + (size_t)i * bytes, t->xout[sg * DUET_CPU_SUBGROUP_SIZE + i], bytes);
  }
  return t->xmask[sg];
}

static inline void duet_cpu_fill_inv(DuetInvocation* inv, const DuetParams* p, const unsigned wg[3],
                              const unsigned wgSize[3], unsigned x, unsigned y, unsigned z, unsigned li) {
  inv->local_id[0] = x;
  inv->local_id[1] = y;
  inv->local_id[2] = z;
  for (int d = 0; d < 3; d++) {
    inv->workgroup_id[d] = wg[d];
    inv->num_workgroups[d] = p->numWorkgroups[d];
    inv->global_id[d] = wg[d] * wgSize[d] + inv->local_id[d];
  }
  inv->local_index = li;
  inv->subgroup_id = li / DUET_CPU_SUBGROUP_SIZE;
  inv->subgroup_invocation_id = li % DUET_CPU_SUBGROUP_SIZE;
  inv->subgroup_size = DUET_CPU_SUBGROUP_SIZE;
}

/* Completes the subgroup syncs of one scheduling round: snapshot per subgroup, then release. */
static inline void duet_cpu_complete_subgroups(DuetCpuThread* t, unsigned n) {
  unsigned groups = (n + DUET_CPU_SUBGROUP_SIZE - 1) / DUET_CPU_SUBGROUP_SIZE;
  for (unsigned g = 0; g < groups; g++) {
    unsigned mask = 0;
    for (unsigned i = 0; i < DUET_CPU_SUBGROUP_SIZE; i++) {
      unsigned li = g * DUET_CPU_SUBGROUP_SIZE + i;
      if (li < n && t->fibers[li].state == DUET_FIBER_SUBGROUP) {
        mask |= 1u << i;
        memcpy(t->xout[li], t->xin[li], DUET_CPU_XCHG_BYTES);
      } else {
        memset(t->xout[li], 0, DUET_CPU_XCHG_BYTES);
      }
    }
    t->xmask[g] = mask;
  }
  for (unsigned i = 0; i < n; i++) {
    if (t->fibers[i].state == DUET_FIBER_SUBGROUP) t->fibers[i].state = DUET_FIBER_READY;
  }
}

/* Runs every invocation of workgroup `wg`. Returns 0, or the control[1] bit that stopped it
 * (4 barrier divergence, 2 aborted, 1 loop guard), after ORing its own findings into control[1].
 * Returns -1 when memory for fibers or workgroup memory cannot be had (nothing ran). */
static inline int duet_cpu_run_workgroup(const DuetParams* p, const unsigned wg[3], const unsigned wgSize[3],
                                  DuetBody body, size_t workgroupMemBytes, int usesBarriers) {
  DuetCpuThread* t = duet_cpu_thread();
  if (!t) return -1;
  unsigned long long n64 = (unsigned long long)wgSize[0] * wgSize[1] * wgSize[2];
  if (n64 == 0) return 0;
  if (n64 > DUET_CPU_MAX_INVOCATIONS) return -1;
  unsigned n = (unsigned)n64;
  if (workgroupMemBytes > t->wgMemCap) {
    free(t->wgMem);
    t->wgMem = (unsigned char*)aligned_alloc(64, (workgroupMemBytes + 63) & ~(size_t)63);
    t->wgMemCap = t->wgMem ? workgroupMemBytes : 0;
    if (!t->wgMem) return -1;
  }
  /* WGSL section 6.3: workgroup variables start zeroed (the translator also zeroes; cheap insurance). */
  if (workgroupMemBytes) memset(t->wgMem, 0, workgroupMemBytes);
  t->params = p;
  t->body = body;

  if (!usesBarriers) {
    DuetInvocation inv;
    unsigned li = 0;
    for (unsigned z = 0; z < wgSize[2]; z++)
      for (unsigned y = 0; y < wgSize[1]; y++)
        for (unsigned x = 0; x < wgSize[0]; x++, li++) {
          if ((li & 63u) == 0 && duet_cpu_abort_requested(p)) {
            t->loopInv = 0;
            return duet_cpu_finish(p, DUET_STATUS_ABORTED);
          }
          duet_cpu_fill_inv(&inv, p, wg, wgSize, x, y, z, li);
          t->loopInv = &inv;
          body(p, &inv, t->wgMem);
        }
    t->loopInv = 0;
    return duet_cpu_finish(p, 0);
  }

  if (duet_cpu_ensure_stacks(t, n) != 0) return -1;
  t->count = n;
  {
    unsigned li = 0;
    for (unsigned z = 0; z < wgSize[2]; z++)
      for (unsigned y = 0; y < wgSize[1]; y++)
        for (unsigned x = 0; x < wgSize[0]; x++, li++) {
          DuetCpuFiber* f = &t->fibers[li];
          duet_cpu_fill_inv(&f->inv, p, wg, wgSize, x, y, z, li);
          if (duet_cpu_prepare_fiber(t, f) != 0) return -1;
        }
  }
  for (;;) {
    for (unsigned i = 0; i < n; i++) {
      if (t->fibers[i].state == DUET_FIBER_READY) duet_cpu_resume(t, &t->fibers[i]);
    }
    unsigned atBarrier = 0, atSubgroup = 0, done = 0;
    for (unsigned i = 0; i < n; i++) {
      int s = t->fibers[i].state;
      atBarrier += s == DUET_FIBER_BARRIER;
      atSubgroup += s == DUET_FIBER_SUBGROUP;
      done += s == DUET_FIBER_DONE;
    }
    if (done == n) return duet_cpu_finish(p, 0);
    if (duet_cpu_abort_requested(p)) return duet_cpu_finish(p, DUET_STATUS_ABORTED);
    if (atSubgroup) {
      duet_cpu_complete_subgroups(t, n);
      continue;
    }
    if (done) return duet_cpu_finish(p, DUET_STATUS_BARRIER); /* WGSL section 4.2: uniformity violated */
    (void)atBarrier;
    for (unsigned i = 0; i < n; i++) t->fibers[i].state = DUET_FIBER_READY; /* next barrier phase */
  }
}

/* @end-sections */
#endif /* DUET_CPU_RUNTIME_H */
