// SHA-256 (FIPS 180-4) for cache keys: small, incremental, no dependencies.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace duet {

class Sha256 {
 public:
  Sha256();
  Sha256& update(const void* data, std::size_t n);
  Sha256& update(const std::string& s) { return update(s.data(), s.size()); }
  // Appends a length-prefixed field so that ("ab","c") and ("a","bc") never collide.
  Sha256& field(const std::string& s);
  std::string hex();  // finishes; the object is spent afterwards

 private:
  void block(const std::uint8_t* p);
  std::uint32_t h_[8];
  std::uint8_t buf_[64];
  std::size_t used_ = 0;
  std::uint64_t total_ = 0;
};

std::string sha256Hex(const std::string& s);

}  // namespace duet
