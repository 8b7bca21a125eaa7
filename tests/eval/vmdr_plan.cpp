#include "tests/eval/vmdr_plan.hpp"

#include "tests/eval/eval_fixtures.hpp"

namespace tally::eval_test {

plan::ProductPlan vmdr_product(std::string name, bool purge, plan::RowPredPtr restriction,
                               plan::Method method, std::int32_t length, std::string_view ratio) {
  std::vector<plan::RowPredPtr> restricted_terms = {enum_in("asset_type", {"host", "vm"})};
  if (restriction) restricted_terms.push_back(restriction);
  const plan::RowPredPtr restricted = all_of(restricted_terms);
  const auto restricted_from = [&](std::string_view source) {
    return term(all_of({restricted, enum_in("source", {source})}));
  };

  const plan::AssetPredPtr purged = reduced_in(plan::Reduce::latest, term(restricted), "status",
                                               {"inactive", "decommissioned", "terminated"});
  const auto after_purge = [&](plan::UnitsPtr units) {
    return purge ? having(std::move(units), unit_not(all_assets(purged))) : units;
  };
  const plan::AssetPredPtr no_findings = every_row(
      term(restricted),
      all_of({int_compare("open_ports", plan::Compare::eq, 0), int_compare("vulns", plan::Compare::eq, 0)}));

  const plan::UnitsPtr a1 = after_purge(distinct("agent_id", restricted_from("agent")));
  const plan::UnitsPtr a2 = after_purge(minus(distinct("asset_id", restricted_from("scanner")),
                                              distinct("asset_id", restricted_from("agent"))));
  const plan::UnitsPtr b = distinct("instance_id", restricted_from("cloud_connector"));
  const auto ghosts = [&](const plan::UnitsPtr& units) {
    return count(having(units, all_assets(no_findings)));
  };

  return product(std::move(name), method, length,
                 {{"A1", count(a1)},
                  {"A2", count(a2)},
                  {"B", count(b)},
                  {"C", add(add(ghosts(a1), ghosts(a2)), ghosts(b))}},
                 sub(add(add(component(0), component(1)), component(2)), component(3)), ratio);
}

} // namespace tally::eval_test
