#include "platform/audit/audit_purge.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "platform/audit/audit_hash.h"
#include "platform/audit/audit_log.h"
#include "platform/audit/audit_verify.h"
#include "platform/base/dates.h"
#include "platform/base/log.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::audit {

namespace {

constexpr const char* kArchiveColumns[] = {
    "seq",           "id",          "org_id",    "occurred_at",   "user_id",        "username",   "role",    "action",
    "resource_type", "resource_id", "client_id", "data_category", "source_address", "request_id", "outcome", "reason",
    "prev_hash",     "hash"};

void JsonString(std::string& out, std::string_view s) {
  out += '"';
  log::AppendJsonEscaped(out, s);
  out += '"';
}

// The instant `years` calendar years before `now` (29 February becomes 28 February).
std::string YearsBefore(TimePoint now, std::int64_t years) {
  const std::string text = FormatTimestamp(now);  // YYYY-MM-DDTHH:MM:SS.mmmZ
  Date d = UtcDate(now);
  Date back{d.year() - std::chrono::years(years), d.month(), d.day()};
  if (!back.ok()) back = Date{back.year(), back.month(), std::chrono::day(28)};
  return FormatDate(back) + text.substr(10);
}

class ArchiveFile {
 public:
  ~ArchiveFile() {
    if (f_) std::fclose(f_);
  }
  Status Open(const std::string& path) {
    if (path.empty()) return Error::Field("archive", "is required: purged events are written there first");
    if (std::filesystem::exists(path)) return Error::Field("archive", "already exists; choose a new file");
    f_ = std::fopen(path.c_str(), "wbx");
    if (!f_) return Error::Field("archive", "cannot be created");
    return Ok();
  }
  Status Write(std::string_view s) {
    sha_.Update(s);
    if (std::fwrite(s.data(), 1, s.size(), f_) != s.size()) return Error::Unavailable("cannot write the archive");
    return Ok();
  }
  Result<std::string> Finish() {
    if (std::fflush(f_) != 0 || ::fsync(::fileno(f_)) != 0) return Error::Unavailable("cannot flush the archive");
    std::fclose(f_);
    f_ = nullptr;
    return sha_.HexDigest();
  }

 private:
  std::FILE* f_ = nullptr;
  Sha256 sha_;
};

}  // namespace

Status CheckRetentionYears(std::int64_t years, const std::string& field) {
  if (years < kMinRetentionYears) {
    return Error::Field(field, "must be at least " + std::to_string(kMinRetentionYears) +
                                   " years: audit events are kept at least that long");
  }
  if (years > 100) return Error::Field(field, "must be at most 100 years");
  return Ok();
}

Result<PurgeReport> Purge(db::Database& db, const Clock& clock, const Actor& actor, const PurgeOptions& o) {
  SW_TRY(CheckRetentionYears(o.older_than_years));
  const TimePoint now = clock.Now();
  PurgeReport report;
  report.cutoff = YearsBefore(now, o.older_than_years);
  return db::InTransaction(db, db::Access::kWrite, [&](db::Transaction& tx) -> Result<PurgeReport> {
    // Never purge a chain that does not verify: the archive would carry, and the purge hide, the damage.
    SW_ASSIGN(VerifyReport verified, VerifyIn(tx));
    if (!verified.ok) {
      return Error::Conflict("the audit chain does not verify (event " +
                             std::to_string(verified.first_broken_seq.value_or(0)) + ": " + verified.problem +
                             "); nothing was purged");
    }
    const std::int64_t first = verified.first_seq;
    SW_ASSIGN(auto young, tx.Query("SELECT MIN(seq) FROM audit_events WHERE occurred_at >= ?", {report.cutoff}));
    const std::int64_t last = young.rows[0].IsNull(0) ? verified.head_seq : young.rows[0].Int(0) - 1;
    if (last < first) return report;  // nothing old enough

    ArchiveFile archive;
    SW_TRY(archive.Open(o.archive_path));
    std::string line, last_hash, last_time;
    std::string select = "SELECT ";
    for (std::size_t i = 0; i < std::size(kArchiveColumns); ++i) {
      if (i) select += ", ";
      select += kArchiveColumns[i];
    }
    select += " FROM audit_events WHERE seq >= ? AND seq <= ? ORDER BY seq";
    Status written = Ok();
    SW_TRY(tx.ForEach(select, {first, last}, [&](const db::RowView& r) {
      line = "{";
      for (std::size_t i = 0; i < std::size(kArchiveColumns); ++i) {
        if (i) line += ',';
        JsonString(line, kArchiveColumns[i]);
        line += ':';
        if (r.IsNull(i))
          line += "null";
        else if (i == 0)
          line += r.Text(i);
        else
          JsonString(line, r.Text(i));
      }
      line += "}\n";
      written = archive.Write(line);
      last_time.assign(r.Text(3));
      last_hash.assign(r.Text(17));
      return written.ok();
    }));
    SW_TRY(written);
    SW_ASSIGN(report.archive_sha256, archive.Finish());

    const std::string created = FormatTimestamp(now);
    SW_TRY(tx.Execute(
        "INSERT INTO audit_checkpoints (seq, hash, occurred_at, events_purged, cutoff, archive_sha256, created_at, "
        "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {last, last_hash, last_time, last - first + 1, report.cutoff, report.archive_sha256, created, actor.user_id}));
    SW_ASSIGN(report.events_purged, tx.Execute("DELETE FROM audit_events WHERE seq >= ? AND seq <= ?", {first, last}));
    if (report.events_purged != last - first + 1)
      return Error::Internal("the purge deleted an unexpected number of events");
    report.checkpoint_seq = last;
    report.checkpoint_hash = last_hash;
    SW_TRY(Append(tx, actor,
                  {.action = "purge",
                   .resource_type = "audit_event",
                   .data_category = "audit",
                   .reason = "retention: " + std::to_string(report.events_purged) + " events before " + report.cutoff +
                             " archived (sha256 " + report.archive_sha256 + ")"},
                  created));
    return report;
  });
}

}  // namespace stepwise::audit
