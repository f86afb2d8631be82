// Runs a unit of work in one transaction: commits when the work succeeds, rolls back otherwise.
#pragma once

#include <type_traits>
#include <utility>

#include "platform/db/database.h"

namespace stepwise::db {

// `work(Transaction&)` returns Result<T> or Status; the same comes back, after the commit.
template <typename Work>
auto InTransaction(Database& db, Access access, Work&& work) -> std::invoke_result_t<Work, Transaction&> {
  auto tx = db.Begin(access);
  if (!tx.ok()) return std::move(tx).error();
  auto result = work(**tx);
  if (!result.ok()) return result;  // the transaction rolls back when it goes out of scope
  auto committed = (*tx)->Commit();
  if (!committed.ok()) return std::move(committed).error();
  return result;
}

}  // namespace stepwise::db
