// The CPU backend's worker pool: every item runs exactly once however the claims are chunked, and a
// stop (fn returned false) ends the job without running the rest.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "check.h"
#include "thread_pool.h"

using namespace duet;

TEST(thread_pool_runs_every_item_exactly_once) {
  for (unsigned threads : {1u, 2u, 4u}) {
    ThreadPool pool(threads);
    // Sizes around the chunk bounds: single items, fewer items than threads, a chunk cap's worth, many.
    for (std::uint64_t count : {1ull, 3ull, 255ull, 256ull, 257ull, 10000ull, 262144ull}) {
      std::vector<std::atomic<unsigned>> hits(count);
      for (auto& h : hits) h = 0;
      std::function<bool(std::uint64_t)> job = [&](std::uint64_t i) {
        hits[i]++;
        return true;
      };
      pool.run(count, job);
      std::uint64_t wrong = 0;
      for (auto& h : hits) wrong += h.load() != 1;
      CHECK_EQ(wrong, 0ull);
    }
  }
}

TEST(thread_pool_stops_when_an_item_fails) {
  ThreadPool pool(2);
  const std::uint64_t count = 1000000, failAt = 1000;
  std::atomic<std::uint64_t> ran{0};
  std::function<bool(std::uint64_t)> job = [&](std::uint64_t i) {
    ran++;
    return i != failAt;
  };
  pool.run(count, job);
  // The other thread may finish the item it is on and the rest of its chunk check; never the whole job.
  CHECK(ran.load() < count / 2);
  // A later job on the same pool runs in full: the stop does not leak into it.
  std::atomic<std::uint64_t> again{0};
  std::function<bool(std::uint64_t)> all = [&](std::uint64_t) {
    again++;
    return true;
  };
  pool.run(5000, all);
  CHECK_EQ(again.load(), 5000ull);
}
