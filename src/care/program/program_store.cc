#include "care/program/program_store.h"

#include "platform/db/records.h"

namespace stepwise::program {

using db::Param;
using db::Row;

namespace {

constexpr std::string_view kOrgCols = "id, name, time_zone, version, created_at, updated_at";

Organization ReadOrg(const Row& r) {
  Organization o;
  o.meta.id = r.Text(0);
  o.meta.org_id = r.Text(0);
  o.name = r.Text(1);
  o.time_zone = r.Text(2);
  o.meta.version = r.Int(3);
  o.meta.created_at = r.Text(4);
  o.meta.updated_at = r.Text(5);
  return o;
}

const std::string kSiteSelect =
    "SELECT name, phone, address_line1, address_line2, address_city, address_state, address_postal_code, " +
    std::string(db::kMetaColumns) + " FROM sites";

Site ReadSite(const Row& r) {
  Site s;
  s.name = r.Text(0);
  s.phone = r.Text(1);
  s.address = {r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)};
  s.meta = db::ReadMeta(r, 7);
  return s;
}

const std::string kProgramSelect =
    "SELECT site_id, name, level_of_care, " + std::string(db::kMetaColumns) + " FROM programs";

Program ReadProgram(const Row& r) {
  Program p;
  p.site_id = r.Text(0);
  p.name = r.Text(1);
  p.level_of_care = r.Text(2);
  p.meta = db::ReadMeta(r, 3);
  return p;
}

const std::string kTrackSelect =
    "SELECT program_id, name, days, start_time, end_time, capacity, " + std::string(db::kMetaColumns) + " FROM tracks";

Track ReadTrack(const Row& r) {
  Track t;
  t.program_id = r.Text(0);
  t.name = r.Text(1);
  t.days = db::SplitCodes(r.Text(2));
  t.start_minute = ParseClockTime(r.Text(3)).value_or(0);
  t.end_minute = ParseClockTime(r.Text(4)).value_or(0);
  t.capacity = static_cast<int>(r.Int(5));
  t.meta = db::ReadMeta(r, 6);
  return t;
}

std::string LiveFilter(bool include_voided) { return include_voided ? "" : " AND voided = 0"; }

}  // namespace

Result<std::vector<Organization>> ProgramStore::ListOrganizations(db::Transaction& tx) {
  return db::ReadAll<Organization>(tx, "SELECT " + std::string(kOrgCols) + " FROM organizations ORDER BY id", {},
                                   ReadOrg);
}

Result<std::optional<Organization>> ProgramStore::GetOrganization(db::Transaction& tx, const std::string& id) {
  return db::ReadOne<Organization>(tx, "SELECT " + std::string(kOrgCols) + " FROM organizations WHERE id = ?", {id},
                                   ReadOrg);
}

Status ProgramStore::InsertOrganization(db::Transaction& tx, const Organization& o) {
  SW_TRY(tx.Execute(
      "INSERT INTO organizations (id, name, time_zone, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
      {o.meta.id, o.name, o.time_zone, o.meta.created_at, o.meta.created_at}));
  return Ok();
}

Status ProgramStore::UpdateOrganization(db::Transaction& tx, const Organization& o, std::int64_t expected,
                                        const std::string& now) {
  SW_ASSIGN(auto changed, tx.Execute("UPDATE organizations SET name = ?, time_zone = ?, version = version + 1, "
                                     "updated_at = ? WHERE id = ? AND version = ?",
                                     {o.name, o.time_zone, now, o.meta.id, expected}));
  if (changed == 1) return Ok();
  return Error::StaleVersion();
}

Result<std::vector<Site>> ProgramStore::ListSites(db::Transaction& tx, const std::string& org_id, bool include_voided) {
  return db::ReadAll<Site>(tx, kSiteSelect + " WHERE org_id = ?" + LiveFilter(include_voided) + " ORDER BY name, id",
                           {org_id}, ReadSite);
}

Result<std::optional<Site>> ProgramStore::GetSite(db::Transaction& tx, const std::string& org_id,
                                                  const std::string& id) {
  return db::ReadOne<Site>(tx, kSiteSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadSite);
}

Status ProgramStore::InsertSite(db::Transaction& tx, const Site& s) {
  SW_TRY(
      tx.Execute("INSERT INTO sites (id, org_id, name, phone, address_line1, address_line2, address_city, "
                 "address_state, address_postal_code, version, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                 {s.meta.id, s.meta.org_id, s.name, db::OptText(s.phone), db::OptText(s.address.line1),
                  db::OptText(s.address.line2), db::OptText(s.address.city), db::OptText(s.address.state),
                  db::OptText(s.address.postal_code), s.meta.created_at, s.meta.created_at}));
  return Ok();
}

Status ProgramStore::UpdateSite(db::Transaction& tx, const Site& s, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(
      tx, "sites", s.meta.org_id, s.meta.id, expected,
      "name = ?, phone = ?, address_line1 = ?, address_line2 = ?, address_city = ?, "
      "address_state = ?, address_postal_code = ?",
      {s.name, db::OptText(s.phone), db::OptText(s.address.line1), db::OptText(s.address.line2),
       db::OptText(s.address.city), db::OptText(s.address.state), db::OptText(s.address.postal_code)},
      now);
}

Result<std::vector<Program>> ProgramStore::ListPrograms(db::Transaction& tx, const std::string& org_id,
                                                        bool include_voided) {
  return db::ReadAll<Program>(tx,
                              kProgramSelect + " WHERE org_id = ?" + LiveFilter(include_voided) + " ORDER BY name, id",
                              {org_id}, ReadProgram);
}

Result<std::optional<Program>> ProgramStore::GetProgram(db::Transaction& tx, const std::string& org_id,
                                                        const std::string& id) {
  return db::ReadOne<Program>(tx, kProgramSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadProgram);
}

Status ProgramStore::InsertProgram(db::Transaction& tx, const Program& p) {
  SW_TRY(
      tx.Execute("INSERT INTO programs (id, org_id, site_id, name, level_of_care, version, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                 {p.meta.id, p.meta.org_id, p.site_id, p.name, p.level_of_care, p.meta.created_at, p.meta.created_at}));
  return Ok();
}

Status ProgramStore::UpdateProgram(db::Transaction& tx, const Program& p, std::int64_t expected,
                                   const std::string& now) {
  return db::UpdateVersioned(tx, "programs", p.meta.org_id, p.meta.id, expected,
                             "site_id = ?, name = ?, level_of_care = ?", {p.site_id, p.name, p.level_of_care}, now);
}

Result<std::vector<Track>> ProgramStore::ListTracks(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& program_id, bool include_voided) {
  if (program_id.empty()) {
    return db::ReadAll<Track>(
        tx, kTrackSelect + " WHERE org_id = ?" + LiveFilter(include_voided) + " ORDER BY start_time, name", {org_id},
        ReadTrack);
  }
  return db::ReadAll<Track>(
      tx,
      kTrackSelect + " WHERE org_id = ? AND program_id = ?" + LiveFilter(include_voided) + " ORDER BY start_time, name",
      {org_id, program_id}, ReadTrack);
}

Result<std::optional<Track>> ProgramStore::GetTrack(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& id) {
  return db::ReadOne<Track>(tx, kTrackSelect + " WHERE org_id = ? AND id = ?", {org_id, id}, ReadTrack);
}

Status ProgramStore::InsertTrack(db::Transaction& tx, const Track& t) {
  SW_TRY(tx.Execute(
      "INSERT INTO tracks (id, org_id, program_id, name, days, start_time, end_time, capacity, version, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      {t.meta.id, t.meta.org_id, t.program_id, t.name, db::JoinCodes(t.days), FormatClockTime(t.start_minute),
       FormatClockTime(t.end_minute), static_cast<std::int64_t>(t.capacity), t.meta.created_at, t.meta.created_at}));
  return Ok();
}

Status ProgramStore::UpdateTrack(db::Transaction& tx, const Track& t, std::int64_t expected, const std::string& now) {
  return db::UpdateVersioned(tx, "tracks", t.meta.org_id, t.meta.id, expected,
                             "name = ?, days = ?, start_time = ?, end_time = ?, capacity = ?",
                             {t.name, db::JoinCodes(t.days), FormatClockTime(t.start_minute),
                              FormatClockTime(t.end_minute), static_cast<std::int64_t>(t.capacity)},
                             now);
}

}  // namespace stepwise::program
