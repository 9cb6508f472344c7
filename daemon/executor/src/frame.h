// Duet frames (docs/contracts.md §4; same layout as core/frame.ts):
//   u32 LE header length H · H bytes UTF-8 JSON header · payloads (byte lengths in header.payloads)
#pragma once
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>
#include <sys/uio.h>

#include "json.h"

namespace duet {

constexpr std::uint32_t kMaxHeaderBytes = 64u * 1024u * 1024u;  // as MAX_HEADER_BYTES in frame.ts
constexpr std::uint64_t kMaxPayloadBytes = 1ull << 36;          // 64 GiB: a sanity bound only

struct Frame {
  Json header;
  std::vector<std::vector<std::uint8_t>> payloads;
  const std::string& type() const { return header["type"].str(); }
};

struct ByteSpan {
  const void* data;
  std::size_t size;
};

// Header bytes of a frame (length prefix + JSON with `payloads` filled in from the spans).
std::string encodeFrameHeader(Json header, const std::vector<ByteSpan>& payloads);
// Whole frame in one buffer (tests, small frames).
std::vector<std::uint8_t> encodeFrame(Json header, const std::vector<ByteSpan>& payloads = {});

// Validates a header's JSON and payload list; returns "" or why it is not a frame header.
std::string checkHeader(const std::string& json, Json& header, std::vector<std::uint64_t>& sizes);

enum class ReadStatus { Ok, Eof, Error };
// Reads one frame from a file descriptor. Eof only at a frame boundary; a stream cut inside a
// frame, a bad length or bad JSON is Error with *error set.
ReadStatus readFrame(int fd, Frame& out, std::string* error);

// In-memory decoder (tests): decodes frames from the front of `bytes`, returns how many bytes
// complete frames used; sets *error on a malformed frame.
std::size_t decodeFrames(const std::uint8_t* bytes, std::size_t n, std::vector<Frame>& out, std::string* error);

// Writes whole frames to a file descriptor; one writer lock so frames from several threads
// never interleave. A failed write (daemon gone) ends the process: nobody is left to answer.
class FrameWriter {
 public:
  explicit FrameWriter(int fd) : fd_(fd) {}
  void send(const Json& header, const std::vector<ByteSpan>& payloads = {});
  int fd() const { return fd_; }

 private:
  int fd_;
  std::mutex mu_;
};

bool writeAll(int fd, const void* data, std::size_t n);
// Writes every buffer in order with writev(2), resuming after partial writes.
bool writeAllv(int fd, std::vector<iovec> iov);

}  // namespace duet
