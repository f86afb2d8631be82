#include "care/testing/selection.h"

#include <algorithm>
#include <cstdint>

#include "platform/security/crypto.h"

namespace stepwise::testing {

double Draw(std::string_view secret_seed, Date day, std::string_view client_id) {
  std::string message(secret_seed);
  message += '|';
  message += FormatDate(day);
  message += '|';
  message += client_id;
  const std::string hex = security::Sha256Hex(message);
  // The first 53 bits (a double's mantissa) as a fraction of 2^53: uniform in [0, 1).
  const std::uint64_t bits = std::stoull(hex.substr(0, 16), nullptr, 16) >> 11;
  return static_cast<double>(bits) / static_cast<double>(std::uint64_t{1} << 53);
}

std::string NewSeed() { return security::RandomToken(32); }
std::string SeedFingerprint(std::string_view secret_seed) { return security::Sha256Hex(secret_seed); }

std::vector<Pick> Select(const Policy& policy, std::string_view secret_seed, Date day,
                         const std::vector<Candidate>& candidates) {
  std::vector<Pick> out;
  const std::string weekday = WeekdayCode(day);
  if (std::find(policy.random_days.begin(), policy.random_days.end(), weekday) == policy.random_days.end()) {
    return out;
  }
  for (const auto& c : candidates) {
    const Rate rate = SelectionRate(policy, c.day_in_program, c.contract);
    const double u = Draw(secret_seed, day, c.client_id);
    if (u < rate.per_day) out.push_back({c.client_id, rate.reason, rate.per_day, u});
  }
  return out;
}

}  // namespace stepwise::testing
