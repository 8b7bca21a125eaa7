// The embedding API as a host uses it: only <tally/tally.hpp>.
#include <tally/tally.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

// One product in memory: ETM's counting, with an awkward ratio so that the
// QLU has no finite decimal form.
const char* const kRules = R"(import "prelude"
product THIRDS {
  method peak every 15 days
  param ratio: decimal = 1
  component assets = count distinct asset_id of snapshot where findings > 0
  usage = assets
  qlu = usage * ratio / 3
}
)";

tally::Rules compiled(const std::string& text = kRules, const tally::Limits& limits = {}) {
  tally::RuleSources sources;
  sources.add_text("thirds.tally", text);
  auto rules = tally::Rules::compile(sources, limits);
  INFO(rules.diagnostics().render());
  REQUIRE(rules.ok());
  return *rules;
}

tally::Contract bound(const tally::Rules& rules, tally::Terms terms = {}) {
  if (!terms.start) terms.start = "2026-01-01";
  auto contract = tally::Contract::bind(rules, terms);
  INFO(contract.diagnostics().render());
  REQUIRE(contract.ok());
  return *contract;
}

tally::ObservationBuilder builder_for(const tally::Rules& rules) {
  auto builder =
      tally::ObservationBuilder::create(rules, {"observed_at", "asset_id", "source", "findings"}, "fleet");
  INFO(builder.diagnostics().render());
  REQUIRE(builder.ok());
  return std::move(*builder);
}

const tally::Diagnostic& only_diagnostic(const tally::Diagnostics& diagnostics) {
  INFO(diagnostics.render());
  REQUIRE(diagnostics.list().size() == 1);
  return diagnostics.list().front();
}

} // namespace

TEST_CASE("a host compiles rule text and evaluates a table it builds row by row") {
  const auto rules = compiled();
  CHECK(rules.products() == std::vector<std::string>{"THIRDS"});
  tally::Terms terms;
  terms.product_settings["THIRDS"]["ratio"] = "2";
  const auto contract = bound(rules, terms);
  auto builder = builder_for(rules);
  CHECK(builder.column_count() == 4);
  CHECK(builder.append_row({"2026-01-01", "a1", "scanner", "3"}).empty());
  CHECK(builder.append_row({"2026-01-01", "a2", "scanner", "0"}).empty());
  CHECK(builder.append_row({"2026-01-02", "a1", "scanner", "1"}).empty());
  CHECK(builder.append_row({"2026-01-02", "a3", "scanner", "7"}).empty());
  const auto usage = contract.evaluate(builder.finish());
  INFO(usage.diagnostics().render());
  REQUIRE(usage.ok());
  CHECK(usage->start() == "2026-01-01");
  CHECK(usage->as_of() == "2026-01-02");
  CHECK(usage->rows_read() == 4);
  REQUIRE(usage->products().size() == 1);
  const auto& product = usage->products().front();
  CHECK(product.product == "THIRDS");
  CHECK(product.ratio.fraction() == "2");
  REQUIRE(product.periods.size() == 1);
  const auto& period = product.periods.front();
  CHECK(period.start == "2026-01-01");
  CHECK(period.end == "2026-01-15");
  CHECK(period.partial);
  CHECK(period.usage.fraction() == "2");
  CHECK(period.qlu.numerator == "4");
  CHECK(period.qlu.denominator == "3");
  CHECK(period.qlu.decimal == "1.333333");
  CHECK_FALSE(period.qlu.decimal_is_exact);
  REQUIRE(period.components.size() == 1);
  CHECK(period.components.front().first == "assets");
  CHECK(period.components.front().second.decimal == "2");
  CHECK(usage->provenance().engine.starts_with("tally "));
  CHECK(usage->provenance().data.path == "fleet");
  CHECK(usage->provenance().settings == std::vector<std::string>{"start=2026-01-01", "THIRDS.ratio=2"});
}

TEST_CASE("whole columns build the same table as rows") {
  const auto rules = compiled();
  const auto contract = bound(rules);
  auto by_rows = builder_for(rules);
  auto by_columns = builder_for(rules);
  const std::vector<std::vector<std::string_view>> columns{{"2026-01-01", "2026-01-01", "2026-01-20"},
                                                           {"a1", "a2", "a1"},
                                                           {"scanner", "scanner", "scanner"},
                                                           {"3", "4", "5"}};
  for (std::size_t row = 0; row < 3; ++row)
    REQUIRE(by_rows.append_row({columns[0][row], columns[1][row], columns[2][row], columns[3][row]}).empty());
  REQUIRE(by_columns.append_columns(columns).empty());
  const auto a = contract.evaluate(by_rows.finish());
  const auto b = contract.evaluate(by_columns.finish());
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(a->products().front().periods.size() == 2);
  for (std::size_t i = 0; i < 2; ++i)
    CHECK(a->products().front().periods[i].qlu.fraction() == b->products().front().periods[i].qlu.fraction());
  CHECK(a->products().front().periods[0].qlu.fraction() == "2/3");
}

TEST_CASE("finish leaves the builder empty with the same columns") {
  const auto rules = compiled();
  auto builder = builder_for(rules);
  REQUIRE(builder.append_row({"2026-01-01", "a1", "scanner", "3"}).empty());
  CHECK(builder.finish().rows() == 1);
  CHECK(builder.rows() == 0);
  REQUIRE(builder.append_row({"2026-01-02", "a1", "scanner", "3"}).empty());
  CHECK(builder.finish().rows() == 1);
}

TEST_CASE("bad rules come back as located diagnostics") {
  tally::RuleSources sources;
  sources.add_text("typo.tally",
                   std::string(kRules).replace(std::string(kRules).find("findings"), 8, "findngs"));
  const auto rules = tally::Rules::compile(sources);
  CHECK_FALSE(rules.ok());
  const auto& diagnostic = only_diagnostic(rules.diagnostics());
  CHECK(diagnostic.code == "E0201");
  CHECK(diagnostic.pos.file == "typo.tally");
  CHECK(diagnostic.pos.line == 5);
  CHECK(diagnostic.pos.column == 64);
  CHECK(diagnostic.help == "did you mean `findings`?");
  CHECK(rules.diagnostics().render().find("typo.tally:5:64: error: unknown name `findngs`") !=
        std::string::npos);
  CHECK_THROWS_AS(rules.value(), std::logic_error);
}

TEST_CASE("bad terms are located where the host named them") {
  const auto rules = compiled();
  tally::Terms terms;
  terms.origin = "billing-job";
  terms.start = "2026-01-01";
  terms.product_settings["THIRDS"]["ratoi"] = "2";
  const auto contract = tally::Contract::bind(rules, terms);
  CHECK_FALSE(contract.ok());
  const auto& diagnostic = only_diagnostic(contract.diagnostics());
  CHECK(diagnostic.code == "E0206");
  CHECK(diagnostic.pos.file == "billing-job");
}

TEST_CASE("a second subscription block is refused") {
  tally::RuleSources sources;
  sources.add_text("rules.tally", kRules);
  sources.add_text("a.tally", "subscription \"a\" {\n  start = 2026-01-01\n}\n");
  sources.add_text("b.tally", "subscription \"b\" {\n  start = 2026-02-01\n}\n");
  const auto rules = tally::Rules::compile(sources);
  REQUIRE(rules.ok());
  const auto contract = tally::Contract::bind(*rules, {});
  CHECK_FALSE(contract.ok());
  const auto& diagnostic = only_diagnostic(contract.diagnostics());
  CHECK(diagnostic.code == "E0603");
  CHECK(diagnostic.pos.file == "b.tally");
}

TEST_CASE("a subscription block in the rules is the base the host's terms override") {
  tally::RuleSources sources;
  sources.add_text("rules.tally", kRules);
  sources.add_text("terms.tally", "subscription \"s\" {\n  start = 2026-01-01\n  THIRDS.ratio = 6\n}\n");
  const auto rules = tally::Rules::compile(sources);
  REQUIRE(rules.ok());
  auto builder = builder_for(*rules);
  REQUIRE(builder.append_row({"2026-01-01", "a1", "scanner", "3"}).empty());
  const auto table = builder.finish();
  const auto from_block = tally::Contract::bind(*rules, {})->evaluate(table);
  CHECK(from_block->products().front().periods.front().qlu.fraction() == "2");
  tally::Terms terms;
  terms.product_settings["THIRDS"]["ratio"] = "9";
  const auto overridden = tally::Contract::bind(*rules, terms)->evaluate(table);
  CHECK(overridden->products().front().periods.front().qlu.fraction() == "3");
}

TEST_CASE("a bad row is refused with its row and cell and nothing of it is kept") {
  const auto rules = compiled();
  auto builder = builder_for(rules);
  REQUIRE(builder.append_row({"2026-01-01", "a1", "scanner", "3"}).empty());
  const auto bad_date = builder.append_row({"2026-02-30", "a2", "scanner", "3"});
  const auto& diagnostic = only_diagnostic(bad_date);
  CHECK(diagnostic.code == "E0705");
  CHECK(diagnostic.pos.file == "fleet");
  CHECK(diagnostic.pos.line == 2);
  CHECK(diagnostic.pos.column == 1);
  CHECK(only_diagnostic(builder.append_row({"2026-01-01", "a2", "scanner", "-1"})).pos.column == 4);
  CHECK(only_diagnostic(builder.append_row({"2026-01-01", "a2"})).code == "E0702");
  CHECK(only_diagnostic(builder.append_row({"2026-01-01", "", "scanner", "1"})).code == "E0705");
  CHECK(builder.rows() == 1);
}

TEST_CASE("columns of unequal length are refused before any row is added") {
  const auto rules = compiled();
  auto builder = builder_for(rules);
  const auto refused =
      builder.append_columns({{"2026-01-01", "2026-01-02"}, {"a1"}, {"scanner", "scanner"}, {"1", "2"}});
  CHECK(only_diagnostic(refused).code == "E0702");
  CHECK(only_diagnostic(refused).pos.column == 2);
  CHECK(builder.rows() == 0);
}

TEST_CASE("the host's columns are checked like a CSV header") {
  const auto rules = compiled();
  const auto missing = tally::ObservationBuilder::create(rules, {"asset_id", "findings"});
  CHECK_FALSE(missing.ok());
  CHECK(only_diagnostic(missing.diagnostics()).code == "E0704");
  const auto twice = tally::ObservationBuilder::create(rules, {"observed_at", "asset_id", "asset_id"});
  CHECK(only_diagnostic(twice.diagnostics()).code == "E0703");
  CHECK(only_diagnostic(twice.diagnostics()).pos.column == 3);
  const auto misspelt =
      tally::ObservationBuilder::create(rules, {"observed_at", "asset_id", "source", "findngs"});
  REQUIRE(misspelt.ok());
  CHECK(only_diagnostic(misspelt.diagnostics()).code == "W0701");
}

TEST_CASE("a column the contract reads but the table lacks is an error at evaluation") {
  const auto rules = compiled();
  const auto contract = bound(rules);
  auto builder = tally::ObservationBuilder::create(rules, {"observed_at", "asset_id", "source"});
  REQUIRE(builder.ok());
  REQUIRE(builder->append_row({"2026-01-01", "a1", "scanner"}).empty());
  const auto usage = contract.evaluate(builder->finish());
  CHECK_FALSE(usage.ok());
  const auto& diagnostic = only_diagnostic(usage.diagnostics());
  CHECK(diagnostic.code == "E0704");
  CHECK(diagnostic.message.find("`findings` is needed by product THIRDS") != std::string::npos);
}

TEST_CASE("a table read for one contract keeps only its columns and says so to another") {
  const auto rules = compiled(std::string(kRules) + R"(
product VULNS {
  method peak every 15 days
  param ratio: decimal = 1
  component assets = count distinct asset_id of snapshot where vulns > 0
  usage = assets
  qlu = usage * ratio
}
)");
  const auto path = std::filesystem::temp_directory_path() / "tally_api_two_products.csv";
  std::ofstream(path) << "observed_at,asset_id,source,findings,vulns\n2026-01-01,a1,scanner,1,2\n";
  tally::Terms thirds_only, vulns_only;
  thirds_only.only = {"THIRDS"};
  vulns_only.only = {"VULNS"};
  const auto table = tally::Observations::read(bound(rules, thirds_only), path);
  std::filesystem::remove(path);
  REQUIRE(table.ok());
  CHECK(bound(rules, thirds_only).evaluate(*table).ok());
  const auto usage = bound(rules, vulns_only).evaluate(*table);
  CHECK_FALSE(usage.ok());
  const auto& diagnostic = only_diagnostic(usage.diagnostics());
  CHECK(diagnostic.code == "E0803");
  CHECK(diagnostic.message.find("column `vulns`, which product `VULNS` reads") != std::string::npos);
  CHECK(diagnostic.help.find("keeps only the columns") != std::string::npos);
}

TEST_CASE("a table made for other rules is refused") {
  const auto first = compiled();
  const auto second = compiled();
  auto builder = builder_for(first);
  const auto usage = bound(second).evaluate(builder.finish());
  CHECK_FALSE(usage.ok());
  CHECK(only_diagnostic(usage.diagnostics()).code == "E0708");
}

TEST_CASE("a runtime failure is a diagnostic, not an exception") {
  const auto rules = compiled(R"(import "prelude"
product SHARE {
  method peak every 15 days
  param ratio: decimal = 1
  component assets = count distinct asset_id of snapshot
  component risky = count distinct asset_id of snapshot where findings > 0
  usage = risky / assets
  qlu = usage * ratio
}
)");
  auto builder = builder_for(rules);
  const auto usage = bound(rules).evaluate(builder.finish());
  CHECK_FALSE(usage.ok());
  CHECK(only_diagnostic(usage.diagnostics()).code == "E0801");
}

TEST_CASE("reading a file reports a bad row at its line and column and quotes it") {
  const auto rules = compiled();
  const auto path = std::string(TALLY_SOURCE_DIR) + "/tests/bad_input/data/csv_date_february_30.csv";
  const auto table = tally::Observations::read(rules, path);
  CHECK_FALSE(table.ok());
  const auto& diagnostic = only_diagnostic(table.diagnostics());
  CHECK(diagnostic.code == "E0705");
  CHECK(diagnostic.pos.line > 1);
  CHECK(table.diagnostics().render().find(" | ") != std::string::npos);
}

TEST_CASE("every limit is enforced with a diagnostic that names it") {
  SECTION("rule source size") {
    tally::Limits limits;
    limits.max_rule_bytes = 64;
    tally::RuleSources sources;
    sources.add_text("big.tally", kRules);
    CHECK(only_diagnostic(tally::Rules::compile(sources, limits).diagnostics()).code == "E0108");
  }
  SECTION("nesting depth") {
    tally::Limits limits;
    limits.max_nesting = 50;
    const auto deep = std::string(kRules).replace(std::string(kRules).find("usage * ratio"), 13,
                                                  std::string(40, '(') + "usage" + std::string(40, ')'));
    tally::RuleSources sources;
    sources.add_text("deep.tally", deep);
    CHECK(only_diagnostic(tally::Rules::compile(sources, limits).diagnostics()).code == "E0104");
  }
  SECTION("identifier length") {
    tally::Limits limits;
    limits.max_identifier_length = 5;
    tally::RuleSources sources;
    sources.add_text("names.tally", kRules);
    const auto rules = tally::Rules::compile(sources, limits);
    CHECK_FALSE(rules.ok());
    CHECK(rules.diagnostics().list().front().code == "E0109");
  }
  SECTION("products") {
    tally::Limits limits;
    limits.max_products = 1;
    std::string two = kRules;
    two += std::string(kRules).substr(std::string(kRules).find("product")).replace(8, 6, "HALVES");
    tally::RuleSources sources;
    sources.add_text("two.tally", two);
    CHECK(only_diagnostic(tally::Rules::compile(sources, limits).diagnostics()).code == "E0407");
  }
  SECTION("subscription term") {
    tally::Limits limits;
    limits.max_term_days = 30;
    const auto rules = compiled(kRules, limits);
    tally::Terms terms;
    terms.start = "2026-01-01";
    terms.end = "2026-03-31";
    const auto contract = tally::Contract::bind(rules, terms);
    CHECK(only_diagnostic(contract.diagnostics()).code == "E0604");
  }
  SECTION("rows") {
    tally::Limits limits;
    limits.max_rows = 2;
    const auto rules = compiled(kRules, limits);
    auto builder = builder_for(rules);
    REQUIRE(builder.append_row({"2026-01-01", "a1", "scanner", "1"}).empty());
    REQUIRE(builder.append_row({"2026-01-01", "a2", "scanner", "1"}).empty());
    const auto refused = builder.append_row({"2026-01-01", "a3", "scanner", "1"});
    const auto& diagnostic = only_diagnostic(refused);
    CHECK(diagnostic.code == "E0706");
    CHECK(diagnostic.message == "too many rows (limit is 2)");
    CHECK(builder.rows() == 2);
  }
}
