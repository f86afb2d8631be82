// Use cases for setting up a program: the organization (first run), sites, programs and tracks.
// Each call runs one transaction, scoped to the actor's organization, and records an audit event for
// every change. Thread-safe: holds no state of its own.
#pragma once

#include <functional>
#include <vector>

#include "care/program/program_model.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::program {

// Fails with kConflict when the actor has no organization yet (before first-run set-up).
Status RequireOrganization(const Actor& actor);

// A later stage's check of a track update against what it holds of the track (the calendar's enrollments:
// a capacity below the clients enrolled), run inside the update's transaction with the stored track and the
// changes; an error refuses the update.
using TrackChangeCheck =
    std::function<Status(db::Transaction&, const Actor&, const Track& current, const Track& changes)>;

class ProgramService {
 public:
  ProgramService(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  // Wired by the composition root; none = no check.
  void SetTrackChangeCheck(TrackChangeCheck check) { track_change_check_ = std::move(check); }

  // All organizations (for resolving the acting organization); not exposed over HTTP.
  Result<std::vector<Organization>> ListOrganizations();
  Result<Organization> GetOrganization(const Actor& actor);
  // First run: creates the installation's organization; kConflict if one exists already.
  Result<Organization> CreateOrganization(const Actor& actor, Organization draft);
  // Creates an additional organization regardless (multi-organization installs, tests, demo).
  Result<Organization> AddOrganization(const Actor& actor, Organization draft);
  Result<Organization> UpdateOrganization(const Actor& actor, Organization changes, std::int64_t expected_version);

  Result<std::vector<Site>> ListSites(const Actor& actor, bool include_voided);
  Result<Site> GetSite(const Actor& actor, const std::string& id);
  Result<Site> CreateSite(const Actor& actor, Site draft);
  Result<Site> UpdateSite(const Actor& actor, Site changes, std::int64_t expected_version);
  Result<Site> VoidSite(const Actor& actor, const std::string& id, std::int64_t expected_version,
                        const std::string& reason);

  Result<std::vector<Program>> ListPrograms(const Actor& actor, bool include_voided);
  Result<Program> GetProgram(const Actor& actor, const std::string& id);
  Result<Program> CreateProgram(const Actor& actor, Program draft);
  Result<Program> UpdateProgram(const Actor& actor, Program changes, std::int64_t expected_version);
  Result<Program> VoidProgram(const Actor& actor, const std::string& id, std::int64_t expected_version,
                              const std::string& reason);

  // `program_id` "" lists the tracks of every program.
  Result<std::vector<Track>> ListTracks(const Actor& actor, const std::string& program_id, bool include_voided);
  Result<Track> GetTrack(const Actor& actor, const std::string& id);
  Result<Track> CreateTrack(const Actor& actor, Track draft);
  // Runs the TrackChangeCheck (when set) before saving: a lower capacity below the clients enrolled is a 409
  // naming capacity, and nothing is saved.
  Result<Track> UpdateTrack(const Actor& actor, Track changes, std::int64_t expected_version);
  Result<Track> VoidTrack(const Actor& actor, const std::string& id, std::int64_t expected_version,
                          const std::string& reason);

 private:
  std::string Now() const;
  db::Database& db_;
  const Clock& clock_;
  TrackChangeCheck track_change_check_;
};

}  // namespace stepwise::program
