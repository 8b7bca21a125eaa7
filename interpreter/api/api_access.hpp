// The states behind the embedding API's handles, and the access the library's
// own tools (the CLI's explain, lint and diff) have to them. Hosts never see
// this header: it is not installed.
#pragma once

#include <tally/tally.hpp>

#include "diagnostic.hpp"
#include "engine.hpp"
#include "lower.hpp"
#include "plan.hpp"
#include "program.hpp"
#include "result.hpp"
#include "table.hpp"

namespace tally {

struct Rules::State {
  std::shared_ptr<const SourceRegistry> sources; // the rule files compiled, for rendering and provenance
  std::shared_ptr<const Program> program;
  Limits limits;
};

struct Contract::State {
  Rules rules;
  plan::Plan plan;
  std::vector<std::string> settings; // the host's terms, for provenance
};

struct Observations::State {
  Rules rules; // whose schema the table was read with
  Table table;
  std::vector<Diagnostic> skipped;
};

struct Usage::State {
  Report report;
  std::vector<ProductUsage> products;
  std::vector<TotalUsage> totals;
};

namespace api_access {

struct Access {
  static Diagnostics diagnostics(std::vector<Diagnostic> list, std::shared_ptr<const SourceRegistry> sources);
  static const SourceRegistry& sources(const Rules& rules) { return *rules.state_->sources; }
  static const Program& program(const Rules& rules) { return *rules.state_->program; }
  static std::shared_ptr<const Program> shared_program(const Rules& rules) { return rules.state_->program; }
  static const Rules& rules(const Contract& contract) { return contract.state_->rules; }
  static const plan::Plan& plan(const Contract& contract) { return contract.state_->plan; }
  static const std::vector<std::string>& settings(const Contract& contract) {
    return contract.state_->settings;
  }
  static const Table& table(const Observations& observations) { return observations.state_->table; }
  static const Report& report(const Usage& usage) { return usage.state_->report; }
  // Contract::bind, recording what lowering saw (explain uses it).
  static Outcome<Contract> bind(const Rules& rules, const Terms& terms, LowerTrace* trace);
  static Outcome<Usage> evaluate(const Contract& contract, const Observations& observations);
  // With `needed` (the columns a contract's products read), they are checked
  // at the header and only they are kept; without, every column is kept.
  static Outcome<Observations> read(const Rules& rules, const std::filesystem::path& path,
                                    const ReadSettings& settings,
                                    std::optional<std::vector<std::pair<std::string, std::string>>> needed);
  static Observations observations(const Rules& rules, Table table);
  // The report in the API's exact-value form (usage.cpp).
  static Usage usage(Report report);
};

} // namespace api_access
} // namespace tally
