/*
 * Duet subgroup operations (WGSL "subgroups" extension, section 17.13) -- emitted after the target runtime when a
 * module uses them. Single source of truth; compiler/preludes/subgroups.ts is generated from it
 * (node scripts/gen-preludes.mjs). Subgroups have 32 lanes on both targets. Each operation gathers the
 * values of the active lanes (CUDA: warp shuffles; CPU: the runtime's duet_cpu_subgroup_exchange hook)
 * and computes its result from them, over active lanes only.
 */
#ifndef DUET_SUBGROUPS_H
#define DUET_SUBGROUPS_H

#ifndef __CUDACC__
template <class T> DUET_FN unsigned duet_sg_gather(const T& v, T* lanes) {
  return duet_cpu_subgroup_exchange(&v, (unsigned)sizeof(T), lanes);
}
#endif

DUET_FN unsigned duet_sg_first(unsigned mask) {
  unsigned i = 0;
  while (i < 31u && !((mask >> i) & 1u)) i++;
  return i;
}
template <class T> struct duet_sg_one {
  DUET_MFN static T get() { return (T)1; }
};
template <class T, int N> struct duet_sg_one<vec<T, N>> {
  DUET_MFN static vec<T, N> get() { return duet_splat<vec<T, N>>((T)1); }
};
template <class T> DUET_FN T duet_sg_and(const T& a, const T& b) { return a & b; }
template <class T> DUET_FN T duet_sg_or(const T& a, const T& b) { return a | b; }
template <class T> DUET_FN T duet_sg_xor(const T& a, const T& b) { return a ^ b; }

#define DUET_SG_REDUCE(NAME, OP)                                           \
  template <class T> DUET_FN T NAME(unsigned lane, const T& v) {           \
    T l[32];                                                               \
    const unsigned m = duet_sg_gather(v, l);                               \
    (void)lane;                                                            \
    T r = l[duet_sg_first(m)];                                             \
    for (unsigned i = duet_sg_first(m) + 1u; i < 32u; i++)                 \
      if ((m >> i) & 1u) r = OP(r, l[i]);                                  \
    return r;                                                              \
  }
DUET_SG_REDUCE(duet_subgroupAdd, duet_add)
DUET_SG_REDUCE(duet_subgroupMul, duet_mul)
DUET_SG_REDUCE(duet_subgroupMin, duet_min)
DUET_SG_REDUCE(duet_subgroupMax, duet_max)
DUET_SG_REDUCE(duet_subgroupAnd, duet_sg_and)
DUET_SG_REDUCE(duet_subgroupOr, duet_sg_or)
DUET_SG_REDUCE(duet_subgroupXor, duet_sg_xor)
#undef DUET_SG_REDUCE

/* Scans over the active lanes below this one; the exclusive identity is 0 for add, 1 for mul. */
#define DUET_SG_SCAN(NAME, OP, IDENTITY, INCLUSIVE)                         \
  template <class T> DUET_FN T NAME(unsigned lane, const T& v) {            \
    T l[32];                                                                \
    const unsigned m = duet_sg_gather(v, l);                                \
    T r = IDENTITY;                                                         \
    for (unsigned i = 0; i < lane && i < 32u; i++) /* l[] has 32 lanes */  \
      if ((m >> i) & 1u) r = OP(r, l[i]);                                   \
    return INCLUSIVE ? OP(r, v) : r;                                        \
  }
DUET_SG_SCAN(duet_subgroupExclusiveAdd, duet_add, T{}, false)
DUET_SG_SCAN(duet_subgroupInclusiveAdd, duet_add, T{}, true)
DUET_SG_SCAN(duet_subgroupExclusiveMul, duet_mul, duet_sg_one<T>::get(), false)
DUET_SG_SCAN(duet_subgroupInclusiveMul, duet_mul, duet_sg_one<T>::get(), true)
#undef DUET_SG_SCAN

template <class T> DUET_FN T duet_subgroupBroadcast(unsigned lane, const T& v, unsigned id) {
  T l[32];
  (void)lane;
  duet_sg_gather(v, l);
  return l[id & 31u];
}
template <class T> DUET_FN T duet_subgroupBroadcastFirst(unsigned lane, const T& v) {
  T l[32];
  (void)lane;
  const unsigned m = duet_sg_gather(v, l);
  return l[duet_sg_first(m)];
}
template <class T> DUET_FN T duet_subgroupShuffle(unsigned lane, const T& v, unsigned id) {
  return duet_subgroupBroadcast(lane, v, id);
}
template <class T> DUET_FN T duet_subgroupShuffleXor(unsigned lane, const T& v, unsigned mask) {
  return duet_subgroupBroadcast(lane, v, lane ^ mask);
}
template <class T> DUET_FN T duet_subgroupShuffleUp(unsigned lane, const T& v, unsigned delta) {
  return duet_subgroupBroadcast(lane, v, lane - delta);
}
template <class T> DUET_FN T duet_subgroupShuffleDown(unsigned lane, const T& v, unsigned delta) {
  return duet_subgroupBroadcast(lane, v, lane + delta);
}
/* Quad operations (WGSL subgroups extension): quads are lanes 4k..4k+3. */
template <class T> DUET_FN T duet_quadBroadcast(unsigned lane, const T& v, unsigned id) {
  return duet_subgroupBroadcast(lane, v, (lane & ~3u) | (id & 3u));
}
template <class T> DUET_FN T duet_quadSwapX(unsigned lane, const T& v) { return duet_subgroupBroadcast(lane, v, lane ^ 1u); }
template <class T> DUET_FN T duet_quadSwapY(unsigned lane, const T& v) { return duet_subgroupBroadcast(lane, v, lane ^ 2u); }
template <class T> DUET_FN T duet_quadSwapDiagonal(unsigned lane, const T& v) {
  return duet_subgroupBroadcast(lane, v, lane ^ 3u);
}
DUET_FN vec<unsigned, 4> duet_subgroupBallot(unsigned lane, bool pred) {
  unsigned l[32];
  (void)lane;
  const unsigned m = duet_sg_gather(pred ? 1u : 0u, l);
  unsigned bits = 0;
  for (unsigned i = 0; i < 32u; i++)
    if (((m >> i) & 1u) && l[i]) bits |= 1u << i;
  return vec<unsigned, 4>{bits, 0u, 0u, 0u};
}
DUET_FN bool duet_subgroupElect(unsigned lane) {
  unsigned l[32];
  const unsigned m = duet_sg_gather(1u, l);
  return lane == duet_sg_first(m);
}
DUET_FN bool duet_subgroupAll(unsigned lane, bool pred) {
  unsigned l[32];
  (void)lane;
  const unsigned m = duet_sg_gather(pred ? 1u : 0u, l);
  for (unsigned i = 0; i < 32u; i++)
    if (((m >> i) & 1u) && !l[i]) return false;
  return true;
}
DUET_FN bool duet_subgroupAny(unsigned lane, bool pred) {
  unsigned l[32];
  (void)lane;
  const unsigned m = duet_sg_gather(pred ? 1u : 0u, l);
  for (unsigned i = 0; i < 32u; i++)
    if (((m >> i) & 1u) && l[i]) return true;
  return false;
}

#endif /* DUET_SUBGROUPS_H */
