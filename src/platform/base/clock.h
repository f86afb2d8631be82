// Clock: the only way Stepwise code asks for the time, so tests can move time without sleeping.
// Thread-safety: SystemClock is stateless; FakeClock is safe for concurrent reads and advances.
#pragma once

#include <atomic>
#include <chrono>

namespace stepwise {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : ns_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(ns_.load())); }
  void Advance(std::chrono::nanoseconds d) { ns_ += std::chrono::duration_cast<TimePoint::duration>(d).count(); }

 private:
  std::atomic<TimePoint::rep> ns_;
};

}  // namespace stepwise
