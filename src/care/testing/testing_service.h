// Use cases of drug testing (issue 9, ADR 0012 decision 9): each program's policy (the installation's
// config/drug_testing.json until the program stores its own; every version kept), the day's random
// selection from a recorded seed, the testing board, closing a day (uncollected → missed), collections,
// results (entered or imported from a lab CSV), the consequences ladder (each step an event, a task and a
// review), the review queue and decisions, the client's tests with the weekly share negative and their
// standing on the ladder. One transaction per call; client access as ClientService (clients outside it
// are "not found"); writes audited in their transaction (data category "drug_testing"), reads through
// the ReadLog. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/testing/lab_csv.h"
#include "care/testing/ladder_model.h"
#include "care/testing/testing_records.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::testing {

// Analyte codes expected from the client's medications active on a day (medications::ExpectedAnalytesIn,
// wired by the composition root); without it nothing is expected.
using ExpectedAnalytesFn = std::function<Result<std::set<std::string>>(
    db::Transaction&, const std::string& org_id, const std::string& client_id, Date on)>;

struct PolicyView {
  std::string program_id;
  std::string source;        // "program" (its own) or "installation"
  std::int64_t version = 0;  // 0 while the program has none of its own
  Policy policy;
};

struct BoardEntry {
  Selected selected;
  std::string client_name;
  std::string result_status;  // the collection's outcome ("pending", "negative", …) or "" before collection
};
struct PendingItem {
  Collection collection;
  std::string client_name;
};
struct ReviewItem {
  TestingEvent event;
  std::string client_name;
  bool needs_decide = false;  // a discharge review: testing.decide
};
struct Board {
  Date date{};
  std::vector<BoardEntry> selected;
  std::vector<PendingItem> pending_results;
  std::vector<ReviewItem> needs_review;
};

struct SelectionView {
  Selection selection;
  bool created = false;  // false when the day had been selected already (idempotent)
  std::vector<BoardEntry> selected;
};

struct CloseDayResult {
  Date date{};
  int missed = 0;
  std::vector<TestingEvent> events;
};

struct CollectionDraft {
  std::optional<TimePoint> collected_at;  // default now
  std::string specimen = "urine", chain_of_custody_id, lab, panel_code;
  std::optional<double> temperature_f;
  std::optional<bool> temperature_in_range, observed;
  bool refused = false;
};

struct ResultDraft {
  std::string method = "poc_cup";  // poc_cup | lab
  std::string presumptive_method;  // read_by_eye | instrument | analyzer; default by method
  std::vector<AnalyteEntry> analytes;
  ValidityInput validity;
};

struct CollectionView {
  Collection collection;
  std::string client_name;
  std::vector<TestResult> results;
  std::vector<Interpretation> interpretations;
  Validity validity;
  std::vector<BillingSuggestion> billing;
  std::optional<TestingEvent> event;  // the ladder event this collection triggered, if any
};

struct ImportReport {
  int rows = 0;
  std::vector<LabRowError> errors;
  bool duplicate = false;
  bool imported = false;
  std::vector<std::string> collection_ids, result_ids;
};

struct TimelineItem {
  Date on{};
  std::string kind;  // collection | missed
  std::optional<CollectionView> collection;
  std::optional<Selected> selected;
};
struct ClientTests {
  std::vector<TimelineItem> items;  // newest first
  std::vector<TrendWeek> weeks;
};

struct TestingState {
  int step = 0;
  std::string action;  // of the current step
  std::vector<TestingEvent> events;
  Contract contract;
  std::optional<TestingEvent> open_review;
};

class TestingService {
 public:
  TestingService(db::Database& db, const Clock& clock, admissions::ClientService& clients, const Policy& defaults)
      : db_(db), clock_(clock), clients_(clients), defaults_(&defaults) {}
  // The same service acting as of another clock's time (the demo's back-dated weeks, tests).
  TestingService(const TestingService& other, const Clock& clock)
      : db_(other.db_), clock_(clock), clients_(other.clients_), defaults_(other.defaults_),
        expected_(other.expected_), read_log_(other.read_log_) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }
  void SetExpectedAnalytes(ExpectedAnalytesFn f) { expected_ = std::move(f); }
  void SetDefaults(const Policy& p) { defaults_ = &p; }

  Result<PolicyView> GetPolicy(const Actor& actor, const std::string& program_id);
  // Stores a program's own policy (checked like the default); `expected` 0 for the first.
  Result<PolicyView> PutPolicy(const Actor& actor, const std::string& program_id, std::int64_t expected, Policy policy);

  // Runs (once) the random selection of `day` for a program and records it with the seed's fingerprint.
  // A day after today (the program's local date) → field error "date": nobody learns a day in advance.
  Result<SelectionView> Select(const Actor& actor, const std::string& program_id, Date day);
  Result<Board> BoardOf(const Actor& actor, Date day, const std::string& program_id);
  // Records every selected client not collected on `day` as missed (and a ladder event when the policy
  // counts a missed test as positive). A day after today → field error "date".
  Result<CloseDayResult> CloseDay(const Actor& actor, Date day, const std::string& program_id);

  Result<CollectionView> Collect(const Actor& actor, const std::string& client_id, CollectionDraft draft);
  Result<CollectionView> GetCollection(const Actor& actor, const std::string& id);
  // Adds a result (a cup reading, or values with units); the cut-offs are stored with each analyte.
  Result<CollectionView> AddResult(const Actor& actor, const std::string& collection_id, ResultDraft draft);
  // A lab CSV: every row checked; any error → nothing imported (kInvalidArgument naming rows[N].field);
  // the same file again → kConflict. `dry_run` checks and reports without importing.
  Result<ImportReport> ImportLab(const Actor& actor, const std::string& csv, bool dry_run);

  Result<ClientTests> TestsOfClient(const Actor& actor, const std::string& client_id);
  Result<TestingState> StateOf(const Actor& actor, const std::string& client_id);
  Result<std::vector<ReviewItem>> ReviewQueue(const Actor& actor);
  // Decides an open review: warning_given | contract_signed | discharge | continue | dismissed (a dismissed
  // event stops counting on the ladder). A discharge review needs testing.decide. `expected` 0 = any version.
  Result<TestingEvent> Decide(const Actor& actor, const std::string& event_id, std::int64_t expected,
                              const std::string& decision, const std::string& reason);

 private:
  struct Effective {
    Policy policy;
    std::int64_t version = 0;
  };
  Result<Effective> PolicyFor(db::Transaction& tx, const std::string& org_id, const std::string& program_id) const;
  Result<std::string> ZoneOf(db::Transaction& tx, const std::string& org_id) const;
  Result<Date> LocalToday(db::Transaction& tx, const std::string& org_id) const;
  Result<std::string> ClientName(db::Transaction& tx, const std::string& org_id, const std::string& client_id) const;
  Result<CollectionView> ViewOf(db::Transaction& tx, Collection c, const Policy& policy);
  // Re-judges a collection after a result: outcome, validity, and the ladder event it starts or withdraws.
  Result<CollectionView> RecomputeIn(db::Transaction& tx, const Actor& actor, Collection c, const Policy& policy);
  // Adds a counted event at the step the ladder reaches, with its task; audited.
  Result<TestingEvent> ApplyEventIn(db::Transaction& tx, const Actor& actor, const Policy& policy,
                                    const std::string& client_id, const std::string& program_id,
                                    const std::string& kind, Date on, const std::string& collection_id,
                                    const std::string& selected_id, std::vector<std::string> result_ids);
  Result<bool> ObservedFor(db::Transaction& tx, const std::string& org_id, const std::string& client_id,
                           const Policy& policy);
  Result<ResultDraft> CheckResult(const Policy& policy, ResultDraft draft, const std::string& path_prefix) const;
  Status RecordRead(const Actor& actor, const audit::Event& event) const;
  std::string Now() const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  const Policy* defaults_;
  ExpectedAnalytesFn expected_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::testing
