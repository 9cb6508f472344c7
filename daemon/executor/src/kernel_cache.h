// Kernel caches shared by both backends: cache keys, the on-disk cache directory (atomic writes:
// temp file + rename, so concurrent executors never see half a file) and an in-memory LRU.
#pragma once
#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace duet {

// sha256 over length-prefixed parts: (backend tag, source, options, compiler version, arch…).
std::string cacheKey(const std::vector<std::string>& parts);

// Default cache directory: $DUET_CACHE_DIR, $XDG_CACHE_HOME/duet/executor, ~/.cache/duet/executor,
// else /tmp/duet-executor-<uid>.
std::string defaultCacheDir();
// mkdir -p; returns "" or why not.
std::string makeDirs(const std::string& path);
bool fileExists(const std::string& path);
bool readFile(const std::string& path, std::string& out);
// Writes via <path>.tmp.<pid> and rename(2).
bool writeFileAtomic(const std::string& path, const void* data, std::size_t n);

// Least-recently-used map from key to a loaded module; evicted values are destroyed (the
// value's destructor unloads it).
template <typename V>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity ? capacity : 1) {}
  std::shared_ptr<V> get(const std::string& key) {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      if (it->first == key) {
        items_.splice(items_.begin(), items_, it);
        return items_.front().second;
      }
    }
    return nullptr;
  }
  void put(const std::string& key, std::shared_ptr<V> v) {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      if (it->first == key) {
        items_.erase(it);
        break;
      }
    }
    items_.emplace_front(key, std::move(v));
    while (items_.size() > capacity_) items_.pop_back();
  }
  std::size_t size() const { return items_.size(); }
  void clear() { items_.clear(); }

 private:
  std::size_t capacity_;
  std::list<std::pair<std::string, std::shared_ptr<V>>> items_;
};

}  // namespace duet
