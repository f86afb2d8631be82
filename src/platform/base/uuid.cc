#include "platform/base/uuid.h"

#include <array>
#include <cstdint>
#include <random>

namespace stepwise {
namespace {

struct Generator {
  std::mt19937_64 rng{std::random_device{}() ^ (static_cast<std::uint64_t>(std::random_device{}()) << 32)};
  std::uint64_t last_ms = 0;
  std::uint16_t counter = 0;  // 12 bits: rand_a used as a monotonic counter (RFC 9562 method 1)
};

char Hex(unsigned v) { return "0123456789abcdef"[v & 0xF]; }

}  // namespace

std::string NewUuidV7() { return NewUuidV7(std::chrono::system_clock::now()); }

std::string NewUuidV7(std::chrono::system_clock::time_point now) {
  thread_local Generator gen;
  auto ms =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  if (ms <= gen.last_ms) {
    ms = gen.last_ms;
    if (++gen.counter > 0x0FFF) {  // counter exhausted: borrow the next millisecond
      ++ms;
      gen.counter = static_cast<std::uint16_t>(gen.rng() & 0x01FF);
    }
  } else {
    gen.counter = static_cast<std::uint16_t>(gen.rng() & 0x01FF);  // leave room to count up
  }
  gen.last_ms = ms;

  std::array<unsigned char, 16> b{};
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  b[6] = static_cast<unsigned char>(0x70 | ((gen.counter >> 8) & 0x0F));
  b[7] = static_cast<unsigned char>(gen.counter & 0xFF);
  std::uint64_t r = gen.rng();
  for (int i = 8; i < 16; ++i) b[i] = static_cast<unsigned char>(r >> (8 * (i - 8)));
  b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3F));

  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(Hex(b[i] >> 4));
    out.push_back(Hex(b[i]));
  }
  return out;
}

bool IsUuid(std::string_view t) {
  if (t.size() != 36) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace stepwise
