// Random selection for drug tests (ADR 0012 decision 9). Each (program seed, date, client) gives one
// uniform number u in [0, 1) from SHA-256(secret seed | date | client id); the client is selected on a
// collection day when u < the day's probability (testing_model SelectionRate). Without the secret nobody
// can predict a day; every client and every weekday has the same chance, so the rate converges to the
// policy's; the recorded seed replays any day exactly. Thread-safety: plain functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "care/testing/ladder_model.h"
#include "platform/base/dates.h"

namespace stepwise::testing {

// The uniform draw in [0, 1) for one client on one day.
double Draw(std::string_view secret_seed, Date day, std::string_view client_id);

// A new secret seed (32 random bytes, base64url) and the fingerprint recorded with each selection
// (SHA-256 hex of the seed; identifies it without revealing it).
std::string NewSeed();
std::string SeedFingerprint(std::string_view secret_seed);

struct Candidate {
  std::string client_id;
  int day_in_program = 1;
  Contract contract;
};
struct Pick {
  std::string client_id;
  std::string reason;  // random | schedule | contract
  double probability = 0;
  double draw = 0;
};
// The clients selected on `day`: none when the day is not a collection day of the policy.
std::vector<Pick> Select(const Policy& policy, std::string_view secret_seed, Date day,
                         const std::vector<Candidate>& candidates);

}  // namespace stepwise::testing
