// Slot sets as bit arrays for the optimizer (internal to optimizer*.cc; pure).
// A SlotBits holds one bit per 15-minute slot of the problem; the free/busy algebra the search needs is a few
// word-wise operations on them.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "care/scheduling/optimizer.h"

namespace stepwise::scheduling::optimize::detail {

// Words live inline up to kInlineWords (eight days), on the heap beyond: the search copies slot sets in its inner
// loops, and a week's set then costs no allocation.
class SlotBits {
 public:
  SlotBits() = default;
  explicit SlotBits(int slots) : slots_(slots), n_((slots + 63) / 64) {
    if (n_ > kInlineWords) heap_.assign(n_, 0);
  }

  int slots() const { return slots_; }
  bool Test(int t) const { return t >= 0 && t < slots_ && ((words()[t >> 6] >> (t & 63)) & 1); }
  void Set(int t) { words()[t >> 6] |= std::uint64_t{1} << (t & 63); }
  void SetRange(int a, int b) {  // [a, b), clipped
    a = std::max(a, 0);
    b = std::min(b, slots_);
    for (int t = a; t < b; ++t) Set(t);
  }
  void ClearRange(int a, int b) {
    a = std::max(a, 0);
    b = std::min(b, slots_);
    std::uint64_t* w = words();
    for (int t = a; t < b; ++t) w[t >> 6] &= ~(std::uint64_t{1} << (t & 63));
  }
  bool AllIn(int a, int b) const {  // every slot of [a, b) set (false when out of range)
    if (a < 0 || b > slots_) return false;
    for (int t = a; t < b; ++t)
      if (!Test(t)) return false;
    return true;
  }
  bool Any() const {
    const std::uint64_t* w = words();
    for (int i = 0; i < n_; ++i)
      if (w[i]) return true;
    return false;
  }
  int Count() const {
    const std::uint64_t* w = words();
    int n = 0;
    for (int i = 0; i < n_; ++i) n += std::popcount(w[i]);
    return n;
  }
  void AndWith(const SlotBits& o) {
    std::uint64_t* w = words();
    const std::uint64_t* v = o.words();
    for (int i = 0; i < n_; ++i) w[i] &= v[i];
  }
  void OrWith(const SlotBits& o) {
    std::uint64_t* w = words();
    const std::uint64_t* v = o.words();
    for (int i = 0; i < n_; ++i) w[i] |= v[i];
  }
  void AndNotWith(const SlotBits& o) {
    std::uint64_t* w = words();
    const std::uint64_t* v = o.words();
    for (int i = 0; i < n_; ++i) w[i] &= ~v[i];
  }
  void Fill() {
    std::fill(words(), words() + n_, ~std::uint64_t{0});
    TrimTail();
  }
  // Starts of runs of `length` set slots: bit s of the result is set iff slots s .. s+length-1 are all set.
  SlotBits Starts(int length) const {
    SlotBits out = *this;
    for (int k = 1; k < length; ++k) out.AndShiftedDown(*this, k);
    return out;
  }
  // this &= (o >> k): bit t keeps its value only if bit t+k of o is set.
  void AndShiftedDown(const SlotBits& o, int k) {
    const int ws = k >> 6, bs = k & 63, n = n_;
    std::uint64_t* w = words();
    const std::uint64_t* u = o.words();
    for (int i = 0; i < n; ++i) {
      std::uint64_t lo = i + ws < n ? u[i + ws] : 0;
      std::uint64_t hi = i + ws + 1 < n ? u[i + ws + 1] : 0;
      std::uint64_t v = bs == 0 ? lo : (lo >> bs) | (hi << (64 - bs));
      w[i] &= v;
    }
  }
  // Calls f(t) for every set slot in increasing order.
  template <class F>
  void ForEach(F&& f) const {
    const std::uint64_t* words_p = words();
    for (int i = 0; i < n_; ++i) {
      std::uint64_t w = words_p[i];
      while (w) {
        int b = std::countr_zero(w);
        f(static_cast<int>(i * 64 + b));
        w &= w - 1;
      }
    }
  }

 private:
  static constexpr int kInlineWords = 12;
  std::uint64_t* words() { return n_ > kInlineWords ? heap_.data() : inline_; }
  const std::uint64_t* words() const { return n_ > kInlineWords ? heap_.data() : inline_; }
  void TrimTail() {
    if (slots_ & 63) words()[n_ - 1] &= (std::uint64_t{1} << (slots_ & 63)) - 1;
  }
  int slots_ = 0, n_ = 0;
  std::uint64_t inline_[kInlineWords] = {};
  std::vector<std::uint64_t> heap_;
};

inline SlotBits FromWindows(int slots, const std::vector<Window>& windows) {
  SlotBits b(slots);
  for (const auto& w : windows) b.SetRange(w.start, w.end);
  return b;
}

// Individual and family therapy need a licensed clinician (ADR 0012; plans' licensed credentials).
// Individual and family sessions need a licensed clinician unless the request says otherwise (needs_license).
inline bool NeedsLicense(const Request& r) {
  return r.needs_license && (r.kind == "individual" || r.kind == "family");
}

}  // namespace stepwise::scheduling::optimize::detail
