// Amendment requests as use cases (HIPAA 164.526): record a request with its 60-day due date, extend it
// once, accept (the correction is appended) or deny (the denial is appended, and later the client's
// disagreement), list a client's requests and the organization's open ones. The record the request is
// about is never changed here. Client access as ClientService; changes audited in their transaction
// (category "amendment"), reads through the ReadLog.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/documents/amendment_model.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::documents {

struct OpenAmendment {
  Amendment amendment;
  std::string client_name;
  bool overdue = false;
};

class AmendmentService {
 public:
  AmendmentService(db::Database& db, const Clock& clock, admissions::ClientService& clients)
      : db_(db), clock_(clock), clients_(clients) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }

  // `draft` carries client_id, record_type/id/description, requested_change, client_reason, received_on.
  Result<Amendment> Create(const Actor& actor, Amendment draft);
  Result<Amendment> Get(const Actor& actor, const std::string& id);
  Result<std::vector<Amendment>> OfClient(const Actor& actor, const std::string& client_id);
  // Pending requests of clients the actor may open, soonest due first.
  Result<std::vector<OpenAmendment>> Open(const Actor& actor);
  Result<Amendment> Extend(const Actor& actor, const std::string& id, std::int64_t expected, Date extended_to,
                           const std::string& reason);
  Result<Amendment> Decide(const Actor& actor, const std::string& id, std::int64_t expected,
                           const std::string& decision, const std::string& amendment_text,
                           const std::string& denial_reason);
  Result<Amendment> AddDisagreement(const Actor& actor, const std::string& id, std::int64_t expected,
                                    const std::string& statement);
  Date Today() const;

 private:
  Result<Amendment> Change(const Actor& actor, const std::string& id, std::int64_t expected, const char* what,
                           const std::function<Status(Amendment&)>& change);
  Status RecordRead(const Actor& actor, const audit::Event& event) const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::documents
