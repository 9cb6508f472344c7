// The executor's stand-in in the overhead bench's floor (bench/floor/stack.ts): a separate process at
// the other end of a pipe that does nothing but answer. It reads a frame from stdin — two little-endian
// u32s (payload bytes, answer bytes), then the payload — and writes that many answer bytes (the payload
// again, repeated or cut) to stdout, so each direction carries the executor's own byte count for a
// tiny run. Built with g++ -O2 as the executor's Release build is; plain read(2)/write(2), no stdio
// buffering, as the executor's frame loop does.
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <vector>

static bool readAll(unsigned char* p, size_t n) {
  while (n > 0) {
    ssize_t r = read(0, p, n);
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

static bool writeAll(const unsigned char* p, size_t n) {
  while (n > 0) {
    ssize_t w = write(1, p, n);
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

int main() {
  std::vector<unsigned char> payload, answer;
  for (;;) {
    unsigned char head[8];
    if (!readAll(head, sizeof head)) return 0;
    uint32_t in = 0, out = 0;
    std::memcpy(&in, head, 4);
    std::memcpy(&out, head + 4, 4);
    payload.resize(in);
    if (!readAll(payload.data(), in)) return 1;
    answer.resize(out);
    for (uint32_t i = 0; i < out; i++) answer[i] = in ? payload[i % in] : 0;
    if (!writeAll(answer.data(), out)) return 1;
  }
}
