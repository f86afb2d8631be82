// Runs store and service tests against every engine: SQLite (a temp file per test) and PostgreSQL
// (a fresh database per test on the server named by STEPWISE_TEST_PG_ADMIN, started by scripts/test.sh).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::testing {

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;
  db::Database& database() { return *db_; }
  std::unique_ptr<db::Database> OpenAgain();  // a second handle on the same database
  FakeClock clock_{std::chrono::sys_days(std::chrono::year(2026) / 11 / 2) + std::chrono::hours(15)};

 private:
  std::unique_ptr<db::Database> db_;
  std::string sqlite_path_;
  std::string pg_name_;
  std::string url_;
};

// "sqlite" always; "postgres" when STEPWISE_TEST_PG_ADMIN is set (scripts/test.sh always sets it).
::testing::internal::ParamGenerator<std::string> Engines();

#define STORE_TEST_P(suite) \
  INSTANTIATE_TEST_SUITE_P(Engines, suite, ::stepwise::testing::Engines(), [](const auto& info) { return info.param; })

// An actor for service tests: a signed-in user of `org_id` who sees every client of the organization.
inline stepwise::Actor TestActor(std::string org_id, std::string user_id = "tester") {
  stepwise::Actor a;
  a.org_id = std::move(org_id);
  a.user_id = std::move(user_id);
  a.username = a.user_id;
  a.role = "program_director";
  a.client_scope = stepwise::ClientScope::kProgram;
  return a;
}

}  // namespace stepwise::testing

