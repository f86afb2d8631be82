// The stored drug-testing records (migration 0016): a program's policy, the day's selection and the
// selected clients, collections, results, lab imports and the ladder's events (also the review queue).
// Codes are stored as text; never rename one once released.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/testing/testing_model.h"
#include "platform/base/record.h"

namespace stepwise::testing {

struct StoredPolicy {
  std::string program_id;
  std::string policy_json;
  std::int64_t version = 0;
  std::string updated_by, updated_at;
};

struct Seed {
  std::string id, org_id, program_id, secret, fingerprint, created_at;
};

struct Selection {
  std::string id, org_id, program_id;
  Date selected_on{};
  std::string seed_fingerprint;
  std::int64_t policy_version = 0;
  int candidates = 0;
  std::string created_by, created_at;
};

struct Selected {
  RecordMeta meta;
  std::string selection_id, program_id, client_id;
  Date selected_on{};
  std::string reason;  // random | schedule | contract
  double probability = 0, draw = 0;
  bool observed = false;
  std::string status = "to_collect";  // to_collect | collected | missed | refused
  std::string collection_id;
};

struct Collection {
  RecordMeta meta;
  std::string client_id, program_id;
  std::string collected_at;  // UTC instant (stored with milliseconds)
  Date collected_on{};       // local date
  std::string collector_staff_id, collector_user, collector_name;
  std::string specimen = "urine";
  std::optional<double> temperature_f;
  std::optional<bool> temperature_in_range;
  bool observed = false;
  std::string chain_of_custody_id, lab, panel_code;
  bool refused = false;
  std::string selected_id;
  std::string outcome = "pending";  // pending | negative | positive | expected_positive | refused
  std::string validity = "not_tested";
};

struct TestResult {
  RecordMeta meta;
  std::string collection_id, client_id;
  std::string method;              // poc_cup | lab
  std::string presumptive_method;  // read_by_eye | instrument | analyzer | ""
  std::vector<AnalyteEntry> analytes;
  ValidityInput validity;  // creatinine, specific_gravity, ph, nitrite (temperature is the collection's)
  std::string import_id;
  std::string entered_by, entered_by_name;
};

struct LabImport {
  std::string id, org_id, sha256;
  int rows = 0;
  std::string created_by, created_at;
};

struct TestingEvent {
  RecordMeta meta;
  std::string client_id, program_id;
  std::string kind;  // positive | missed | refused
  Date occurred_on{};
  int step = 0;
  std::string action;
  std::string collection_id, selected_id;
  std::vector<std::string> result_ids;
  std::string task_id;
  std::string status = "open";  // open | decided | withdrawn
  std::string decision, reason, decided_by, decided_by_name, decided_at;
  // Counts on the ladder unless withdrawn or dismissed.
  bool Counted() const { return status != "withdrawn" && decision != "dismissed"; }
};

// A client in a program on a day, for selection: their admission date and counselor.
struct EnrolledClient {
  std::string client_id;
  Date admission_date{};
  std::string counselor_id;
};

}  // namespace stepwise::testing
