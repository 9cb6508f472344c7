// Host code that needs no device: sha256, cache keys, JSON, frames, run frame checks, LRU,
// subprocess, watchdog, progress pacer, frame dispatch, host buffer pool.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "check.h"
#include "errors.h"
#include "frame.h"
#include "frame_dispatch.h"
#include "host_buffers.h"
#include "json.h"
#include "kernel_cache.h"
#include "progress_pacer.h"
#include "run_request.h"
#include "sha256.h"
#include "stdio_buffer.h"
#include "subprocess.h"
#include "watchdog.h"

using namespace duet;

TEST(sha256_known_vectors) {
  // FIPS 180-4 examples (NIST CSRC "Examples with intermediate values").
  CHECK_EQ(sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  CHECK_EQ(sha256Hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  CHECK_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
           std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
  Sha256 h;
  std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; i++) h.update(chunk);
  CHECK_EQ(h.hex(), std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
  // Split updates equal one update (block boundary handling).
  std::string s(200, 'x');
  Sha256 a;
  a.update(s.data(), 63).update(s.data() + 63, 1).update(s.data() + 64, 136);
  CHECK_EQ(a.hex(), sha256Hex(s));
}

TEST(cache_keys) {
  std::string k = cacheKey({"duet-cpu-v1", "src", "-O2", "g++ 12"});
  CHECK_EQ(k.size(), static_cast<std::size_t>(64));
  CHECK_EQ(k, cacheKey({"duet-cpu-v1", "src", "-O2", "g++ 12"}));
  CHECK(k != cacheKey({"duet-cpu-v1", "src2", "-O2", "g++ 12"}));
  CHECK(k != cacheKey({"duet-cpu-v1", "src", "-O3", "g++ 12"}));
  CHECK(k != cacheKey({"duet-cpu-v1", "src", "-O2", "g++ 13"}));
  CHECK(k != cacheKey({"duet-cuda-v1", "src", "-O2", "g++ 12"}));
  // Length-prefixed parts: moving a character across a boundary changes the key.
  CHECK(cacheKey({"ab", "c"}) != cacheKey({"a", "bc"}));
}

TEST(json_round_trip) {
  std::string err;
  Json j = Json::parse(R"({"a":[1,2.5,-3e2,true,false,null],"s":"q\"\\\n\t\u00e9\ud83d\ude00","o":{}})", &err);
  CHECK(err.empty());
  CHECK_EQ(j["a"].size(), static_cast<std::size_t>(6));
  CHECK_EQ(j["a"][2].number(), -300.0);
  CHECK_EQ(j["s"].str(), std::string("q\"\\\n\t\xc3\xa9\xf0\x9f\x98\x80"));
  CHECK(j["o"].isObject());
  CHECK(j["missing"].isNull());
  Json back = Json::parse(j.dump(), &err);
  CHECK(err.empty());
  CHECK_EQ(back.dump(), j.dump());
  CHECK_EQ(Json(0.1).dump(), std::string("0.1"));
  CHECK_EQ(Json(4294967296.0).dump(), std::string("4294967296"));
  CHECK_EQ(Json(std::string("\x01")).dump(), std::string("\"\\u0001\""));
}

TEST(json_rejects_bad_input) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "[1] x", "{\"a\":\"\x01\"}", "01x"}) {
    std::string err;
    Json::parse(bad, &err);
    CHECK(!err.empty());
  }
  std::string deep(10000, '[');
  std::string err;
  Json::parse(deep, &err);
  CHECK(err.find("deeply") != std::string::npos);
}

TEST(frame_round_trip) {
  std::vector<std::uint8_t> p0 = {1, 2, 3}, p1 = {}, p2(70000, 7);
  Json h = Json::object();
  h.set("type", "run").set("id", "r1");
  auto bytes = encodeFrame(h, {{p0.data(), p0.size()}, {p1.data(), 0}, {p2.data(), p2.size()}});
  // Two frames back to back, decoded from memory.
  std::vector<std::uint8_t> two = bytes;
  two.insert(two.end(), bytes.begin(), bytes.end());
  std::vector<Frame> frames;
  std::string err;
  CHECK_EQ(decodeFrames(two.data(), two.size(), frames, &err), two.size());
  CHECK(err.empty());
  CHECK_EQ(frames.size(), static_cast<std::size_t>(2));
  CHECK_EQ(frames[1].type(), std::string("run"));
  CHECK_EQ(frames[1].header["id"].str(), std::string("r1"));
  CHECK(frames[1].payloads.size() == 3 && frames[1].payloads[0] == p0 && frames[1].payloads[1].empty() && frames[1].payloads[2] == p2);
  // A truncated buffer yields no frame (and no error).
  frames.clear();
  CHECK_EQ(decodeFrames(bytes.data(), bytes.size() - 1, frames, &err), static_cast<std::size_t>(0));
  CHECK(frames.empty() && err.empty());
  // Through a pipe, as the executor reads stdin (a writer thread: the frame exceeds the pipe buffer).
  int fds[2];
  CHECK(pipe(fds) == 0);
  std::thread w([&] {
    writeAll(fds[1], bytes.data(), bytes.size());
    close(fds[1]);
  });
  Frame f;
  CHECK(readFrame(fds[0], f, &err) == ReadStatus::Ok);
  CHECK(f.payloads.size() == 3 && f.payloads[2] == p2);
  CHECK(readFrame(fds[0], f, &err) == ReadStatus::Eof);
  w.join();
  close(fds[0]);
}

TEST(frame_errors) {
  auto readBytes = [](const std::vector<std::uint8_t>& b, std::string& err) {
    int fds[2];
    if (pipe(fds) != 0) return ReadStatus::Error;
    writeAll(fds[1], b.data(), b.size());
    close(fds[1]);
    Frame f;
    ReadStatus s = readFrame(fds[0], f, &err);
    close(fds[0]);
    return s;
  };
  std::string err;
  CHECK(readBytes({0, 0, 0, 0}, err) == ReadStatus::Error);
  CHECK(err.find("bad frame header length 0") != std::string::npos);
  std::vector<std::uint8_t> notJson = {3, 0, 0, 0, 'a', 'b', 'c'};
  CHECK(readBytes(notJson, err) == ReadStatus::Error);
  CHECK(err.find("not JSON") != std::string::npos);
  std::string noType = "{\"x\":1}";
  std::string raw = std::string(1, static_cast<char>(noType.size())) + std::string(3, '\0') + noType;
  std::vector<std::uint8_t> b(raw.begin(), raw.end());
  CHECK(readBytes(b, err) == ReadStatus::Error);
  CHECK(err.find("type") != std::string::npos);
  Json h = Json::object();
  h.set("type", "x");
  std::vector<std::uint8_t> payload(10, 1);
  auto full = encodeFrame(h, {{payload.data(), payload.size()}});
  full.resize(full.size() - 3);
  CHECK(readBytes(full, err) == ReadStatus::Error);
  CHECK(err.find("payload") != std::string::npos);
  std::vector<std::uint8_t> half = {5, 0};
  CHECK(readBytes(half, err) == ReadStatus::Error);
}

static Frame runFrame(const std::string& mutate) {
  std::string err;
  Json h = Json::parse(R"({"type":"run","id":"r","source":"x","kernels":[{"symbol":"duet_k_main","workgroupSize":[64,1,1]}],
    "slots":[{"slot":0,"bytes":8},{"slot":2,"bytes":16,"kind":"storage-read"}],
    "passes":[{"kernel":0,"dispatch":[4,1,1],"uniforms":[{"slot":0,"payload":2}],"swap":[0,2]}],"outputs":[2]})", &err);
  Frame f;
  f.header = h;
  f.payloads = {{1, 2}, {}, {9, 9, 9, 9}};
  if (mutate == "badSymbol") f.header.set("kernels", Json::parse(R"([{"symbol":"main","workgroupSize":[1]}])", &err));
  if (mutate == "bigWorkgroup") f.header.set("kernels", Json::parse(R"([{"symbol":"duet_k_a","workgroupSize":[64,32,1]}])", &err));
  if (mutate == "bigPayload") f.payloads[0].assign(9, 0);
  if (mutate == "fewPayloads") f.payloads.resize(1);
  if (mutate == "badOutput") f.header.set("outputs", Json::parse("[5]", &err));
  if (mutate == "dupSlot") f.header.set("slots", Json::parse(R"([{"slot":1,"bytes":4},{"slot":1,"bytes":4}])", &err));
  if (mutate == "badKernel") f.header.set("passes", Json::parse(R"([{"kernel":1,"dispatch":[1]}])", &err));
  if (mutate == "noSamples") f.header.set("samples", 0);
  return f;
}

TEST(run_request_read_only_texture_kinds) {
  // Sampled textures and samplers are never written: no pristine copy; storage textures are restored.
  std::string err;
  Frame f;
  f.header = Json::parse(R"({"type":"run","id":"r","source":"x","kernels":[{"symbol":"duet_k_main","workgroupSize":[1,1,1]}],
    "slots":[{"slot":0,"bytes":36,"kind":"texture"},{"slot":1,"bytes":32,"kind":"sampler"},{"slot":2,"bytes":36,"kind":"storage-texture"}],
    "passes":[{"kernel":0,"dispatch":[1,1,1]}],"outputs":[2]})", &err);
  f.payloads = {{}, {}, {}};
  RunRequest r = parseRunRequest(std::move(f));
  CHECK(!r.slots[0].restore);
  CHECK(!r.slots[1].restore);
  CHECK(r.slots[2].restore);
}

TEST(run_request_parse_and_validate) {
  RunRequest r = parseRunRequest(runFrame(""));
  CHECK_EQ(r.kernels[0].workgroupSize[0], 64u);
  CHECK_EQ(r.kernels[0].workgroupSize[1], 1u);
  CHECK_EQ(r.slots.size(), static_cast<std::size_t>(2));
  CHECK(r.slots[0].restore);   // uniform written per pass → restored
  CHECK(r.slots[1].restore);  // storage-read, but swapped: written through its partner → restored
  CHECK(r.passes[0].hasSwap && r.passes[0].swap[1] == 2u);
  CHECK_EQ(r.executions(), 1u + 0u + 1u);
  for (const char* m : {"badSymbol", "bigWorkgroup", "bigPayload", "fewPayloads", "badOutput", "dupSlot", "badKernel", "noSamples"}) {
    bool threw = false;
    try {
      parseRunRequest(runFrame(m));
    } catch (const RunError& e) {
      threw = e.code == "internal" && std::string(e.what()).find("invalid run frame") == 0;
    }
    if (!threw) std::fprintf(stderr, "  not rejected: %s\n", m);
    CHECK(threw);
  }
}

TEST(output_sizes_follow_the_passes_swaps) {
  RunRequest r;
  r.slots = {{0, 16, false}, {1, 64, true}, {2, 256, true}};
  r.outputs = {1, 2};
  CHECK(r.outputBytesAfterSwaps() == (std::vector<std::uint64_t>{64, 256}));
  PassSpec swap12{};
  swap12.hasSwap = true;
  swap12.swap[0] = 1;
  swap12.swap[1] = 2;
  r.passes = {swap12};
  CHECK(r.outputBytesAfterSwaps() == (std::vector<std::uint64_t>{256, 64}));
  r.passes = {swap12, swap12};  // swapped back
  CHECK(r.outputBytesAfterSwaps() == (std::vector<std::uint64_t>{64, 256}));
}

namespace {
// A /proc/sys value, or `fallback` where it cannot be read.
int procSysInt(const char* path, int fallback) {
  std::ifstream in(path);
  int v = fallback;
  in >> v;
  return in ? v : fallback;
}
}  // namespace

TEST(write_buffer_grows_for_socket_pairs_and_pipes) {
  const int want = 1 << 20;
  // A socket pair, as Node's child_process gives the executor for stdio.
  int sv[2];
  CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  int before = 0;
  socklen_t len = sizeof before;
  getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &before, &len);
  int after = growWriteBuffer(sv[0], want);
  CHECK(after >= before);
  // The kernel caps the request at net.core.wmem_max and reports twice what it granted.
  int cap = procSysInt("/proc/sys/net/core/wmem_max", 0);
  if (cap >= want) CHECK(after >= want);
  CHECK_EQ(growWriteBuffer(sv[0], 4096), after);  // never shrinks
  close(sv[0]);
  close(sv[1]);
  int p[2];
  CHECK_EQ(pipe(p), 0);
  int pipeAfter = growWriteBuffer(p[1], want);
  if (procSysInt("/proc/sys/fs/pipe-max-size", 0) >= want) CHECK_EQ(pipeAfter, want);
  else CHECK(pipeAfter > 0);
  close(p[0]);
  close(p[1]);
  // Neither a socket nor a pipe: left alone.
  int devnull = open("/dev/null", O_WRONLY);
  CHECK_EQ(growWriteBuffer(devnull, want), -1);
  close(devnull);
}

TEST(lru_cache_evicts_least_recent) {
  LruCache<int> c(2);
  c.put("a", std::make_shared<int>(1));
  c.put("b", std::make_shared<int>(2));
  CHECK(c.get("a") != nullptr);  // a is now most recent
  c.put("c", std::make_shared<int>(3));
  CHECK(c.get("b") == nullptr);
  CHECK(c.get("a") && *c.get("a") == 1);
  CHECK(c.get("c") && *c.get("c") == 3);
}

TEST(subprocess_captures_output_and_status) {
  ProcessResult r = runProcess({"sh", "-c", "echo out; echo err 1>&2; exit 3"}, 10000);
  CHECK(r.started);
  CHECK_EQ(r.exitCode, 3);
  CHECK(r.output.find("out") != std::string::npos && r.output.find("err") != std::string::npos);
  ProcessResult missing = runProcess({"/nonexistent/duet-cc"}, 10000);
  CHECK(!missing.started || missing.exitCode == 127);
  ProcessResult slow = runProcess({"sleep", "5"}, 100);
  CHECK(slow.timedOut);
  CHECK(findProgram("sh").size() > 0);
  CHECK(findProgram("duet-no-such-program").empty());
}

TEST(watchdog_raises_abort_flag) {
  RunControl control;
  bool stuck = false;
  Watchdog w(control, [&](double) { stuck = true; }, 60000);
  unsigned word = 0;
  control.begin("r1", &word);
  w.arm(20);
  for (int i = 0; i < 5000 && !control.raised(); i++) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(control.reason() == AbortReason::TimeLimit);
  CHECK_EQ(word, 1u);
  w.disarm();
  control.end();
  CHECK(!stuck);
}

TEST(writev_resumes_after_partial_writes) {
  // Three buffers, 200 KiB in all: more than a pipe holds, so writev(2) returns short and resumes
  // in the middle of a buffer.
  std::vector<std::vector<std::uint8_t>> parts = {std::vector<std::uint8_t>(70000), std::vector<std::uint8_t>(3),
                                                  std::vector<std::uint8_t>(134797)};
  std::vector<std::uint8_t> want;
  for (std::size_t k = 0; k < parts.size(); k++) {
    for (std::size_t i = 0; i < parts[k].size(); i++) parts[k][i] = static_cast<std::uint8_t>(i * 7 + k);
    want.insert(want.end(), parts[k].begin(), parts[k].end());
  }
  int fds[2];
  CHECK(pipe(fds) == 0);
  std::vector<std::uint8_t> got;
  std::thread r([&] {
    std::uint8_t buf[4096];
    for (;;) {
      ssize_t n = read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      got.insert(got.end(), buf, buf + n);
      std::this_thread::sleep_for(std::chrono::microseconds(50));  // a slow reader: short writes
    }
  });
  std::vector<iovec> iov;
  for (auto& p : parts) iov.push_back({p.data(), p.size()});
  CHECK(writeAllv(fds[1], iov));
  close(fds[1]);
  r.join();
  close(fds[0]);
  CHECK(got == want);
}

namespace {
Json phaseFrame(const char* phase) {
  Json h = Json::object();
  h.set("type", "phase").set("id", "r1").set("phase", phase);
  return h;
}
// The phases the pacer wrote to the pipe so far (non-blocking read end).
std::vector<std::string> phasesWritten(int fd) {
  std::vector<std::uint8_t> bytes(4096);
  ssize_t n = read(fd, bytes.data(), bytes.size());
  std::vector<Frame> frames;
  std::string err;
  if (n > 0) decodeFrames(bytes.data(), static_cast<std::size_t>(n), frames, &err);
  std::vector<std::string> out;
  for (const auto& f : frames) out.push_back(f.header["phase"].str());
  return out;
}
}  // namespace

TEST(progress_pacer_writes_only_phases_that_outlast_the_window) {
  int fds[2];
  CHECK(pipe(fds) == 0);
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  FrameWriter out(fds[1]);
  {
    // A window no test machine stalls through: what must never be written is not.
    ProgressPacer slow(out, 60000);
    slow.post(phaseFrame("compiling"));
    slow.post(phaseFrame("running"));
    slow.settle();
    slow.post(phaseFrame("downloading"));
    slow.settle();
  }
  CHECK(phasesWritten(fds[0]).empty());
  {
    // A run that goes on: only the latest phase is written, once, about a window after the first.
    ProgressPacer pacer(out, 20);
    pacer.post(phaseFrame("compiling"));
    pacer.post(phaseFrame("uploading"));
    std::vector<std::string> got;
    for (int i = 0; i < 500 && got.empty(); i++) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      got = phasesWritten(fds[0]);
    }
    CHECK(got == std::vector<std::string>{"uploading"});
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    CHECK(phasesWritten(fds[0]).empty());
    pacer.settle();
  }
  {
    // No window: each phase is written by post() itself.
    ProgressPacer now(out, 0);
    now.post(phaseFrame("compiling"));
    CHECK(phasesWritten(fds[0]) == std::vector<std::string>{"compiling"});
  }
  close(fds[0]);
  close(fds[1]);
}

TEST(frame_dispatch_handles_in_order_and_reads_cancel_mid_run) {
  auto frame = [](const char* type, const char* id) {
    Json h = Json::object();
    h.set("type", type).set("id", id);
    return encodeFrame(h);
  };
  int fds[2];
  CHECK(pipe(fds) == 0);
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> handled, cancelled;
  bool cancelSeenDuringA = false;
  std::string endedWhy = "(not called)";
  FrameDispatch d(fds[0], {[&](Frame& f) {
                             std::string id = f.header["id"].str();
                             std::unique_lock<std::mutex> lock(mu);
                             handled.push_back(id);
                             // Run "a" lasts until its cancel is read: only the other thread can.
                             if (id == "a") cancelSeenDuringA = cv.wait_for(lock, std::chrono::seconds(10), [&] { return !cancelled.empty(); });
                           },
                           [&](const std::string& id) {
                             std::lock_guard<std::mutex> lock(mu);
                             cancelled.push_back(id);
                             cv.notify_all();
                           },
                           [&](const std::string& why) { endedWhy = why; }});
  std::thread writer([&] {
    for (auto bytes : {frame("run", "a"), frame("cancel", "a"), frame("run", "b"), frame("health", "c")})
      writeAll(fds[1], bytes.data(), bytes.size());
    close(fds[1]);
  });
  std::string why = d.run();
  writer.join();
  close(fds[0]);
  CHECK(cancelSeenDuringA);
  CHECK(cancelled == std::vector<std::string>{"a"});
  CHECK(handled == (std::vector<std::string>{"a", "b", "c"}));
  CHECK(why.empty() && endedWhy.empty());
}

TEST(frame_dispatch_reports_a_broken_stream) {
  int fds[2];
  CHECK(pipe(fds) == 0);
  const std::uint8_t garbage[] = {0, 0, 0, 0, 'x'};  // a zero header length is no frame
  writeAll(fds[1], garbage, sizeof garbage);
  close(fds[1]);
  int handled = 0;
  std::string endedWhy;
  FrameDispatch d(fds[0], {[&](Frame&) { handled++; }, [](const std::string&) {},
                           [&](const std::string& why) { endedWhy = why; }});
  std::string why = d.run();
  close(fds[0]);
  CHECK_EQ(handled, 0);
  CHECK(!why.empty() && why == endedWhy);
}

TEST(cancel_marks_running_and_queued_runs) {
  RunControl control;
  unsigned word = 0;
  control.cancel("later");
  control.begin("now", &word);
  control.cancel("other");
  CHECK_EQ(word, 0u);
  control.cancel("now");
  CHECK_EQ(word, 1u);
  CHECK(control.reason() == AbortReason::Cancel);
  control.end();
  CHECK(control.takeEarlyCancel("later"));
  CHECK(!control.takeEarlyCancel("later"));
}

TEST(host_buffer_pool_reuses_zeroes_and_bounds) {
  HostBufferPool pool(4096);
  unsigned char* first = nullptr;
  {
    HostBuffer a = pool.acquire(1000, true);
    CHECK(a != nullptr);
    CHECK_EQ(reinterpret_cast<std::uintptr_t>(a.get()) % 64, static_cast<std::uintptr_t>(0));
    first = a.get();
    std::memset(a.get(), 0xab, 1000);
  }
  CHECK_EQ(pool.cachedBytes(), static_cast<std::size_t>(1024));  // rounded up to 64
  {
    // Same rounded size: the same memory again, zero-filled on request.
    HostBuffer b = pool.acquire(1010, true);
    CHECK(b.get() == first);
    bool zero = true;
    for (std::size_t i = 0; i < 1010; i++) zero = zero && b[i] == 0;
    CHECK(zero);
    CHECK_EQ(pool.cachedBytes(), static_cast<std::size_t>(0));
  }
  {
    // More than the bound in flight: what comes back beyond it is freed, not cached.
    HostBuffer big = pool.acquire(8192, false);
    HostBuffer c = pool.acquire(3000, false);
    HostBuffer d = pool.acquire(3000, false);
  }
  CHECK(pool.cachedBytes() <= static_cast<std::size_t>(4096));
  CHECK(HostBufferPool::defaultCap() <= (std::size_t{1} << 30));
}
