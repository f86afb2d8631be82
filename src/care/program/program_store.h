// SQL for the program set-up tables: organizations, sites, programs, tracks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/program/program_model.h"
#include "platform/db/database.h"

namespace stepwise::program {

class ProgramStore {
 public:
  // Organizations
  static Result<std::vector<Organization>> ListOrganizations(db::Transaction& tx);
  static Result<std::optional<Organization>> GetOrganization(db::Transaction& tx, const std::string& id);
  static Status InsertOrganization(db::Transaction& tx, const Organization& o);
  static Status UpdateOrganization(db::Transaction& tx, const Organization& o, std::int64_t expected,
                                   const std::string& now);

  // Sites
  static Result<std::vector<Site>> ListSites(db::Transaction& tx, const std::string& org_id, bool include_voided);
  static Result<std::optional<Site>> GetSite(db::Transaction& tx, const std::string& org_id, const std::string& id);
  static Status InsertSite(db::Transaction& tx, const Site& s);
  static Status UpdateSite(db::Transaction& tx, const Site& s, std::int64_t expected, const std::string& now);

  // Programs
  static Result<std::vector<Program>> ListPrograms(db::Transaction& tx, const std::string& org_id, bool include_voided);
  static Result<std::optional<Program>> GetProgram(db::Transaction& tx, const std::string& org_id,
                                                   const std::string& id);
  static Status InsertProgram(db::Transaction& tx, const Program& p);
  static Status UpdateProgram(db::Transaction& tx, const Program& p, std::int64_t expected, const std::string& now);

  // Tracks
  static Result<std::vector<Track>> ListTracks(db::Transaction& tx, const std::string& org_id,
                                               const std::string& program_id, bool include_voided);
  static Result<std::optional<Track>> GetTrack(db::Transaction& tx, const std::string& org_id, const std::string& id);
  static Status InsertTrack(db::Transaction& tx, const Track& t);
  static Status UpdateTrack(db::Transaction& tx, const Track& t, std::int64_t expected, const std::string& now);
};

}  // namespace stepwise::program
