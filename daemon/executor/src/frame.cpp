#include "frame.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <new>
#include <unistd.h>

namespace duet {

namespace {
bool readExact(int fd, void* buf, std::size_t n, std::size_t* got) {
  auto* p = static_cast<std::uint8_t*>(buf);
  std::size_t done = 0;
  while (done < n) {
    std::size_t chunk = n - done;
    if (chunk > (1u << 30)) chunk = 1u << 30;
    ssize_t r = ::read(fd, p + done, chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    done += static_cast<std::size_t>(r);
  }
  if (got) *got = done;
  return done == n;
}

void putU32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; i++) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
std::uint32_t getU32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[3]) << 24);
}
}  // namespace

std::string encodeFrameHeader(Json header, const std::vector<ByteSpan>& payloads) {
  Json sizes = Json::array();
  for (const auto& p : payloads) sizes.push(Json(static_cast<unsigned long long>(p.size)));
  header.set("payloads", std::move(sizes));
  std::string json = header.dump();
  std::string out;
  out.reserve(json.size() + 4);
  putU32(out, static_cast<std::uint32_t>(json.size()));
  out += json;
  return out;
}

std::vector<std::uint8_t> encodeFrame(Json header, const std::vector<ByteSpan>& payloads) {
  std::string h = encodeFrameHeader(std::move(header), payloads);
  std::vector<std::uint8_t> out(h.begin(), h.end());
  for (const auto& p : payloads) {
    const auto* b = static_cast<const std::uint8_t*>(p.data);
    out.insert(out.end(), b, b + p.size);
  }
  return out;
}

std::string checkHeader(const std::string& json, Json& header, std::vector<std::uint64_t>& sizes) {
  std::string err;
  header = Json::parse(json, &err);
  if (!err.empty()) return "frame header is not JSON: " + err;
  if (!header.isObject() || !header["type"].isString()) return "frame header lacks a string \"type\"";
  sizes.clear();
  const Json& p = header["payloads"];
  if (p.isNull()) return "";
  if (!p.isArray()) return "frame header \"payloads\" must be a list of byte lengths";
  for (const Json& s : p.items()) {
    double d = s.number(-1);
    if (!s.isNumber() || d < 0 || d != static_cast<double>(static_cast<std::uint64_t>(d)) ||
        d > static_cast<double>(kMaxPayloadBytes)) {
      return "frame header \"payloads\" must be a list of byte lengths";
    }
    sizes.push_back(static_cast<std::uint64_t>(d));
  }
  return "";
}

ReadStatus readFrame(int fd, Frame& out, std::string* error) {
  std::uint8_t prefix[4];
  std::size_t got = 0;
  if (!readExact(fd, prefix, 4, &got)) {
    if (got == 0) return ReadStatus::Eof;
    if (error) *error = "stream ended inside a frame length";
    return ReadStatus::Error;
  }
  std::uint32_t len = getU32(prefix);
  if (len == 0 || len > kMaxHeaderBytes) {
    if (error) *error = "bad frame header length " + std::to_string(len);
    return ReadStatus::Error;
  }
  std::string json(len, '\0');
  if (!readExact(fd, &json[0], len, nullptr)) {
    if (error) *error = "stream ended inside a frame header";
    return ReadStatus::Error;
  }
  std::vector<std::uint64_t> sizes;
  std::string why = checkHeader(json, out.header, sizes);
  if (!why.empty()) {
    if (error) *error = why;
    return ReadStatus::Error;
  }
  out.payloads.clear();
  try {
    out.payloads.resize(sizes.size());
    for (std::size_t i = 0; i < sizes.size(); i++) {
      out.payloads[i].resize(static_cast<std::size_t>(sizes[i]));
      if (sizes[i] && !readExact(fd, out.payloads[i].data(), out.payloads[i].size(), nullptr)) {
        if (error) *error = "stream ended inside a frame payload";
        return ReadStatus::Error;
      }
    }
  } catch (const std::bad_alloc&) {
    if (error) *error = "out of memory reading a frame payload";
    return ReadStatus::Error;
  }
  return ReadStatus::Ok;
}

std::size_t decodeFrames(const std::uint8_t* bytes, std::size_t n, std::vector<Frame>& out, std::string* error) {
  std::size_t pos = 0;
  for (;;) {
    if (n - pos < 4) return pos;
    std::uint32_t len = getU32(bytes + pos);
    if (len == 0 || len > kMaxHeaderBytes) {
      if (error) *error = "bad frame header length " + std::to_string(len);
      return pos;
    }
    if (n - pos - 4 < len) return pos;
    Frame f;
    std::vector<std::uint64_t> sizes;
    std::string why = checkHeader(std::string(reinterpret_cast<const char*>(bytes + pos + 4), len), f.header, sizes);
    if (!why.empty()) {
      if (error) *error = why;
      return pos;
    }
    std::uint64_t need = 0;
    for (auto s : sizes) need += s;
    std::size_t at = pos + 4 + len;
    if (n - at < need) return pos;
    for (auto s : sizes) {
      f.payloads.emplace_back(bytes + at, bytes + at + s);
      at += static_cast<std::size_t>(s);
    }
    out.push_back(std::move(f));
    pos = at;
  }
}

bool writeAll(int fd, const void* data, std::size_t n) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  while (n) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

bool writeAllv(int fd, std::vector<iovec> iov) {
  std::size_t at = 0;
  while (at < iov.size()) {
    int count = static_cast<int>(std::min<std::size_t>(iov.size() - at, IOV_MAX));
    ssize_t w = ::writev(fd, iov.data() + at, count);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    // Skip what was written: whole buffers, then the front of a partly written one.
    auto left = static_cast<std::size_t>(w);
    while (at < iov.size() && left >= iov[at].iov_len) left -= iov[at++].iov_len;
    if (left) {
      iov[at].iov_base = static_cast<std::uint8_t*>(iov[at].iov_base) + left;
      iov[at].iov_len -= left;
    }
  }
  return true;
}

void FrameWriter::send(const Json& header, const std::vector<ByteSpan>& payloads) {
  std::string h = encodeFrameHeader(header, payloads);
  // One writev(2) for the header and the payloads: a small result reaches the daemon as one
  // chunk (one wake-up of its event loop), and large payloads are still never copied.
  std::vector<iovec> iov;
  iov.reserve(payloads.size() + 1);
  iov.push_back({h.data(), h.size()});
  for (const auto& p : payloads)
    if (p.size) iov.push_back({const_cast<void*>(p.data), p.size});
  std::lock_guard<std::mutex> lock(mu_);
  if (!writeAllv(fd_, std::move(iov))) _exit(0);  // the reading end is gone (the daemon exited)
}

}  // namespace duet
