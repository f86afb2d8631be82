// Use cases for the admissions pipeline: inquiries, stage moves, booking an assessment, follow-up tasks,
// the waitlist, the duplicate check and linking an inquiry to a client record. One transaction per
// call, scoped to the actor's organization; every change is audited (audit::Append) and every read
// recorded (audit::ReadLog), data category "admissions". Thread-safe.
//
// Confidentiality (42 CFR Part 2): nothing here tells a caller whether the person is or was a client.
// Only PossibleDuplicates (which needs clients.read and is audited) compares an inquiry with client
// records, and an inquiry names its client only after a user linked one.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/admissions/inquiry_model.h"
#include "care/program/program_service.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::admissions {

struct InquiryListQuery {
  std::string stage;  // "" = every stage
  std::string q;      // words that prefix the person's or the caller's names
  bool overdue_only = false;
  std::optional<Date> today;  // for "overdue"; the server's UTC date when absent
  int limit = 200;
};

struct InquiryBoard {
  std::vector<InquiryRecord> items;  // newest first
  std::map<std::string, int> counts;  // live inquiries per stage (every stage listed, zeros included)
};

struct TaskQuery {
  std::optional<Date> due_before;  // open tasks due before this date (the board's overdue follow-ups)
  std::string assigned_to;         // staff id; "" = anyone
  bool include_done = false;
  int limit = 200;
};

struct WaitlistTrack {
  std::string track_id;
  std::string name;
  int capacity = 0;
  int enrolled = 0;  // clients with an open episode in the track
  int open_places = 0;
  std::vector<WaitlistEntry> entries;  // in waitlist order
};

// How to link an inquiry to a client: an existing client, or a new one.
struct ClientLink {
  std::string client_id;        // link this existing client, or
  std::optional<Client> draft;  // register this new one
};

struct LinkResult {
  InquiryRecord inquiry;
  std::string client_id;
  Episode episode;
};

class InquiryService {
 public:
  InquiryService(db::Database& db, const Clock& clock, ClientService& clients, program::ProgramService& programs)
      : db_(db), clock_(clock), clients_(clients), programs_(programs) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }

  Result<InquiryBoard> List(const Actor& actor, InquiryListQuery query);
  Result<InquiryRecord> Get(const Actor& actor, const std::string& id);
  // Records a call; received_at defaults to now. Starts at stage "inquiry".
  Result<InquiryRecord> Create(const Actor& actor, Inquiry draft);
  // Updates the call's fields (not its stage, booking or link).
  Result<InquiryRecord> Update(const Actor& actor, Inquiry changes, std::int64_t expected_version);
  Result<InquiryRecord> Void(const Actor& actor, const std::string& id, std::int64_t expected_version,
                             const std::string& reason);

  // Moves along the pipeline (see CheckStageMove); kInvalidArgument naming the field that is missing.
  Result<InquiryRecord> MoveStage(const Actor& actor, const std::string& id, std::int64_t expected_version,
                                  const StageMove& move);
  // Books the assessment: `at` a UTC timestamp, `assessor_id` a live staff member. Stage → assessment_booked.
  Result<InquiryRecord> BookAssessment(const Actor& actor, const std::string& id, std::int64_t expected_version,
                                       const std::string& at, const std::string& assessor_id);

  // Existing clients who may be the inquiry's person (needs clients.read; audited as a client query).
  Result<std::vector<PossibleDuplicate>> PossibleDuplicates(const Actor& actor, const std::string& id);
  // Links an existing client or registers a new one, and opens an episode at stage "assessment" whose
  // counselor is the booked assessor, in one transaction. Needs a booked (or later) assessment.
  Result<LinkResult> LinkClient(const Actor& actor, const std::string& id, std::int64_t expected_version,
                                ClientLink link);

  // Cross-stage hook (assessment → admissions), inside the caller's write transaction: records the
  // inquiry's outcome. `stage` is one of assessed | admitted | referred | waitlisted; `detail` is the
  // referral destination for referred, the track id for waitlisted, a note otherwise. A move to the
  // stage the inquiry is already at only updates the detail. kNotFound for an unknown inquiry,
  // kFailedPrecondition for a move the pipeline does not allow (e.g. from closed).
  Status RecordOutcomeIn(db::Transaction& tx, const Actor& actor, const std::string& inquiry_id,
                         const std::string& stage, const std::string& detail);
  // Cross-stage hook (assessment → admissions), inside the caller's transaction: the inquiry an assessment
  // of `client_id` belongs to. A named `inquiry_id` must be a live inquiry of the organization not linked to
  // another client (field error "inquiry_id"); without one, the client's newest live inquiry that is not
  // yet settled, or "" when there is none.
  Result<std::string> InquiryOfClientIn(db::Transaction& tx, const Actor& actor, const std::string& client_id,
                                        const std::string& inquiry_id);

  Result<std::vector<InquiryTask>> ListTasks(const Actor& actor, const std::string& inquiry_id);
  Result<InquiryTask> AddTask(const Actor& actor, InquiryTask draft);
  Result<InquiryTask> CompleteTask(const Actor& actor, const std::string& task_id, std::int64_t expected_version);
  Result<std::vector<TaskSummary>> Tasks(const Actor& actor, TaskQuery query);

  // Who waits for which track, with capacity and open places; `track_id` "" = every track.
  Result<std::vector<WaitlistTrack>> Waitlist(const Actor& actor, const std::string& track_id);

 private:
  Result<InquiryRecord> Load(db::Transaction& tx, const Actor& actor, const std::string& id);
  Status RecordRead(const Actor& actor, audit::Event event) const;
  Date Today() const;

  db::Database& db_;
  const Clock& clock_;
  ClientService& clients_;
  program::ProgramService& programs_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::admissions
