// Disclosures as data: what was released to whom (the accounting of disclosures), the versioned §2.32
// notice that goes with every release, the content sections of a release and the accounting window.
// Pure: no I/O.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "care/consent/consent_model.h"
#include "platform/base/clock.h"
#include "platform/base/result.h"

namespace stepwise::consent {

const std::vector<CodeLabel>& Channels();  // pdf, print, csv, api, referral_packet

// One disclosure as recorded (append-only).
struct Disclosure {
  std::string id;
  std::string org_id;
  std::string client_id;
  std::string consent_id;      // "" when a court order alone authorized it
  std::string court_order_id;  // legal proceedings
  std::string disclosed_at;    // UTC timestamp
  std::string recipient_name;
  std::string recipient_address;
  std::string purpose;
  std::vector<std::string> categories;
  std::string description;
  std::string channel;
  std::string user_id;
  std::string user_name;
  std::string notice_version;
  bool part2 = true;
};

// A row of the accounting: the disclosure and where its consent stands now.
struct AccountingEntry {
  Disclosure disclosure;
  std::string consent_status_now;  // draft | active | revoked | expired | "" without a consent
};

struct Accounting {
  std::string window_start, window_end;  // UTC timestamps
  int years = 3;
  std::vector<AccountingEntry> items;    // newest first
};

// The start of an accounting window of `years` calendar years ending at `now` (same instant, `years` earlier;
// 29 February falls back to 28 February).
TimePoint WindowStart(TimePoint now, int years);

// The notice to accompany a disclosure (42 CFR 2.32), from a versioned text file: a first line
// "version: <v>", then the text (lines starting with "#" are comments; leading and trailing blank lines are
// dropped; "\n" line ends).
struct Notice {
  std::string version;
  std::string text;
};
Result<Notice> ParseNotice(std::string_view file_text);

// What a release contains for one information category, as the data's owner provides it: label/value fields,
// a table, or a note (e.g. "no records of this kind").
struct Section {
  std::string category;
  std::string title;
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::string note;
};

// A release: the recorded disclosure, the notice, the consent (or court order) summary and the content.
struct Packet {
  Disclosure disclosure;
  Notice notice;
  std::vector<std::pair<std::string, std::string>> authority;  // consent or court-order summary (label, value)
  std::vector<Section> sections;
};

// The consent summary that accompanies a release ("Patient", "Consent", "Kind", "Discloser", "Information",
// "Recipient", "Purpose", "Expires", "Right to revoke", "Signed").
std::vector<std::pair<std::string, std::string>> ConsentSummary(const Consent& c, std::string_view client_name);
std::vector<std::pair<std::string, std::string>> CourtOrderSummary(const CourtOrder& o, std::string_view client_name);

// The categories a release covers: "all_records" expands to every other category.
std::vector<std::string> ExpandCategories(const std::vector<std::string>& categories);

}  // namespace stepwise::consent
