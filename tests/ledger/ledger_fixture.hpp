// What the ledger tests share: a ledger in a fresh temporary folder, a clock
// fixed on a day, a standard subscription, and a dump of every table to
// compare a file before and after.
#pragma once

#include "tools/ledger/errors.hpp"
#include "tools/ledger/ledger.hpp"
#include "tools/ledger/qlu.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace ledger_test {

using namespace tally;
using namespace tally::ledger;

// Products as Rules::products() lists them: in load order.
extern const std::vector<std::string> kProducts;

Day day(const std::string& text);
Rational qlu(const std::string& text);
Clock clock_on(const std::string& date);

// A folder of its own, removed with everything in it at the end of the test.
class TempFolder {
public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

struct LedgerFixture {
  TempFolder folder;
  std::filesystem::path file = folder.path() / "ledger.db";

  Ledger open_on(const std::string& today) const;
  // acme-2026: 2026-01-01 .. 2026-12-31, 100000 QLU, primary contact alice.
  SubscriptionTerms acme() const;
  Ledger with_acme(const std::string& today = "2026-01-01") const;
};

// EDR's QLU in consecutive 15-day intervals from 2026-01-01, recorded as of `as_of`.
UsageRun edr_intervals(const std::vector<std::string>& qlus, const std::string& as_of);

// Every table's rows, the schema and the version, as text: equal dumps are
// equal ledgers.
std::string dump(const std::filesystem::path& file);

// The entries of the audit log, whoever wrote them.
std::vector<AuditEntry> audit_entries(const std::filesystem::path& file, const std::string& subscription);

} // namespace ledger_test
