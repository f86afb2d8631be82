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

class SlotBits {
 public:
  SlotBits() = default;
  explicit SlotBits(int slots) : slots_(slots), words_((slots + 63) / 64, 0) {}

  int slots() const { return slots_; }
  bool Test(int t) const { return t >= 0 && t < slots_ && ((words_[t >> 6] >> (t & 63)) & 1); }
  void Set(int t) { words_[t >> 6] |= std::uint64_t{1} << (t & 63); }
  void SetRange(int a, int b) {  // [a, b), clipped
    a = std::max(a, 0);
    b = std::min(b, slots_);
    for (int t = a; t < b; ++t) Set(t);
  }
  void ClearRange(int a, int b) {
    a = std::max(a, 0);
    b = std::min(b, slots_);
    for (int t = a; t < b; ++t) words_[t >> 6] &= ~(std::uint64_t{1} << (t & 63));
  }
  bool AllIn(int a, int b) const {  // every slot of [a, b) set (false when out of range)
    if (a < 0 || b > slots_) return false;
    for (int t = a; t < b; ++t)
      if (!Test(t)) return false;
    return true;
  }
  bool Any() const {
    for (auto w : words_)
      if (w) return true;
    return false;
  }
  int Count() const {
    int n = 0;
    for (auto w : words_) n += std::popcount(w);
    return n;
  }
  void AndWith(const SlotBits& o) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= o.words_[i];
  }
  void OrWith(const SlotBits& o) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= o.words_[i];
  }
  void AndNotWith(const SlotBits& o) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= ~o.words_[i];
  }
  void Fill() {
    std::fill(words_.begin(), words_.end(), ~std::uint64_t{0});
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
    const int ws = k >> 6, bs = k & 63, n = static_cast<int>(words_.size());
    for (int i = 0; i < n; ++i) {
      std::uint64_t lo = i + ws < n ? o.words_[i + ws] : 0;
      std::uint64_t hi = i + ws + 1 < n ? o.words_[i + ws + 1] : 0;
      std::uint64_t v = bs == 0 ? lo : (lo >> bs) | (hi << (64 - bs));
      words_[i] &= v;
    }
  }
  // Calls f(t) for every set slot in increasing order.
  template <class F>
  void ForEach(F&& f) const {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::uint64_t w = words_[i];
      while (w) {
        int b = std::countr_zero(w);
        f(static_cast<int>(i * 64 + b));
        w &= w - 1;
      }
    }
  }

 private:
  void TrimTail() {
    if (slots_ & 63) words_.back() &= (std::uint64_t{1} << (slots_ & 63)) - 1;
  }
  int slots_ = 0;
  std::vector<std::uint64_t> words_;
};

inline SlotBits FromWindows(int slots, const std::vector<Window>& windows) {
  SlotBits b(slots);
  for (const auto& w : windows) b.SetRange(w.start, w.end);
  return b;
}

// Individual and family therapy need a licensed clinician (ADR 0012; plans' licensed credentials).
inline bool NeedsLicense(const std::string& kind) { return kind == "individual" || kind == "family"; }

}  // namespace stepwise::scheduling::optimize::detail
