// Retention: purging audit events older than the retention period (at least 6 years, HIPAA
// 164.316(b)(2)(i)), without breaking the chain.
//
// The table is append-only and chained, so a purge is archive + anchor, in one write transaction:
// verify the chain; write the events to purge to an archive file (JSON lines with every column, fsynced)
// and take its SHA-256; record the last purged event's seq and hash in audit_checkpoints (the new
// genesis for `audit verify`); delete the events; append a "purge" audit event. The database refuses,
// by trigger, to delete an event not covered by a checkpoint or younger than 6 years.
#pragma once

#include <cstdint>
#include <string>

#include "platform/base/clock.h"
#include "platform/base/result.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::audit {

inline constexpr int kMinRetentionYears = 6;

// Checks a configured retention period: kInvalidArgument naming `field` below the floor or above 100.
Status CheckRetentionYears(std::int64_t years, const std::string& field = "older_than_years");

struct PurgeOptions {
  std::int64_t older_than_years = 0;  // at least kMinRetentionYears
  std::string archive_path;           // must not exist; receives the purged events
};

struct PurgeReport {
  std::int64_t events_purged = 0;
  std::string cutoff;  // events that occurred before this instant were purged
  std::int64_t checkpoint_seq = 0;
  std::string checkpoint_hash;
  std::string archive_sha256;  // "" when nothing was purged (no archive is written)
};

Result<PurgeReport> Purge(db::Database& db, const Clock& clock, const Actor& actor, const PurgeOptions& options);

}  // namespace stepwise::audit
