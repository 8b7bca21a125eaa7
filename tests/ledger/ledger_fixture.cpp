#include "ledger_fixture.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

namespace ledger_test {

namespace fs = std::filesystem;

const std::vector<std::string> kProducts{"VMDR", "EDR", "CSAM", "ETM", "PM"};

Day day(const std::string& text) {
  const auto parsed = parse_date(text);
  REQUIRE(parsed);
  return *parsed;
}

Rational qlu(const std::string& text) {
  const auto parsed = parse_decimal(text);
  REQUIRE(parsed);
  return *parsed;
}

Clock clock_on(const std::string& date) {
  return {start_of(day(date))};
}

TempFolder::TempFolder() {
  static int count = 0;
  path_ = fs::temp_directory_path() /
          ("tally-ledger-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Ledger LedgerFixture::open_on(const std::string& today) const {
  return Ledger::open(file, Ledger::Open::create, clock_on(today));
}

SubscriptionTerms LedgerFixture::acme() const {
  return {"acme-2026", day("2026-01-01"), day("2026-12-31"), qlu("100000"), "alice"};
}

Ledger LedgerFixture::with_acme(const std::string& today) const {
  auto ledger = open_on(today);
  ledger.create_subscription("admin", acme());
  return ledger;
}

std::string dump(const fs::path& file) {
  auto database = Database::open(file, Database::Open::existing);
  std::string out = "user_version " + std::to_string(database.pragma_integer("user_version")) + "\n";
  std::vector<std::string> tables;
  auto schema = database.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name");
  while (schema.step()) {
    out += schema.text(2) + "\n";
    if (schema.text(0) == "table") tables.push_back(schema.text(1));
  }
  for (const auto& table : tables) {
    out += "-- " + table + "\n";
    auto rows = database.prepare("SELECT * FROM \"" + table + "\" ORDER BY rowid");
    while (rows.step()) {
      for (int column = 0; column < rows.columns(); ++column)
        out += (column ? "|" : "") + (rows.is_null(column) ? std::string("NULL") : rows.text(column));
      out += "\n";
    }
  }
  return out;
}

std::vector<AuditEntry> audit_entries(const fs::path& file, const std::string& subscription) {
  auto database = Database::open(file, Database::Open::existing);
  return read_audit(database, subscription);
}

UsageRun edr_intervals(const std::vector<std::string>& qlus, const std::string& as_of) {
  UsageRun run;
  run.as_of = day(as_of);
  run.engine = "tally 0.1.0";
  run.rules_sha256 = run.data_sha256 = std::string(64, 'b');
  Day start = day("2026-01-01");
  for (const auto& value : qlus) {
    run.periods.push_back({"EDR", start, start + 14, false, {value, "1", value}, {value, "1", value}});
    start += 15;
  }
  return run;
}

} // namespace ledger_test
