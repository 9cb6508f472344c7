// Test fixture: a module that does not compile (the executor must answer code "compile" + log).
extern "C" int duet_abi_version() { return 1; }
extern "C" int duet_k_main(const DuetParams* p, const unsigned wg[3]) {
  return this_is_not_declared(p, wg);
}
