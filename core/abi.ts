/**
 * Limits every runner shares, defined once for TypeScript. The C++ executor (`kMaxSlots` in
 * daemon/executor/src/run_request.h and the fake driver) and the preludes (`DUET_MAX_SLOTS`) keep
 * their own copies; core/abi.test.ts checks they all agree.
 */

/** The generated source ABI's `DUET_MAX_SLOTS` (contracts §3): bindings one module may declare. */
export const MAX_SLOTS = 64;

/** WebGPU's default maxComputeWorkgroupsPerDimension: a dispatch the browser runs, CUDA runs too. */
export const MAX_WORKGROUPS_PER_DIMENSION = 65535;
