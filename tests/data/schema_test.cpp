#include "schema.hpp"
#include "tests/support/contract_schema.hpp"

#include <catch2/catch.hpp>

using tally::ColumnType;

TEST_CASE("column types have the names the prelude uses", "[schema]") {
  CHECK(tally::name_of(ColumnType::timestamp) == "timestamp");
  CHECK(tally::name_of(ColumnType::string) == "string");
  CHECK(tally::name_of(ColumnType::enumeration) == "enum");
  CHECK(tally::name_of(ColumnType::integer) == "integer");
  CHECK(tally::name_of(ColumnType::set) == "set");
}

TEST_CASE("a schema finds its columns by name", "[schema]") {
  const tally::Schema schema = tally::test::contract_schema();
  REQUIRE(schema.find("status") != nullptr);
  CHECK(schema.find("status")->type == ColumnType::enumeration);
  CHECK(schema.find("Status") == nullptr);
  CHECK(schema.index_of("observed_at") == 0u);
  CHECK(schema.index_of("activated_at") == 17u);
  CHECK_FALSE(schema.index_of("asset_typ"));

  const std::vector<std::string> names = schema.column_names();
  REQUIRE(names.size() == 18);
  CHECK(names.front() == "observed_at");
  CHECK(names[11] == "modules");
}

TEST_CASE("a column finds the index of its declared values", "[schema]") {
  const tally::Schema schema = tally::test::contract_schema();
  const tally::Column& status = *schema.find("status");
  CHECK(status.value_index("active") == 0u);
  CHECK(status.value_index("terminated") == 5u);
  CHECK_FALSE(status.value_index("Active"));
  CHECK_FALSE(status.value_index(""));
}

TEST_CASE("the contract schema matches observations.md", "[schema]") {
  const tally::Schema schema = tally::test::contract_schema();
  CHECK(schema.name == "observations");
  CHECK(schema.find("asset_type")->values.size() == 15);
  CHECK(schema.find("source")->values.size() == 24);
  CHECK(schema.find("source")->values[1] == "scanner");
  CHECK(schema.find("modules")->values.size() == 12);
  CHECK(schema.find("tags")->values.empty());
  CHECK(schema.find("asset_type")->default_value == "other");
  CHECK(schema.find("ot_class")->default_value == "basic");
  CHECK(schema.find("findings")->default_value == "0");
  CHECK(schema.find("observed_at")->required);
  CHECK(schema.find("asset_id")->required);
  CHECK(schema.find("source")->required);
  CHECK_FALSE(schema.find("agent_id")->required);

  const tally::Column& agent_id = *schema.find("agent_id");
  REQUIRE(agent_id.required_when_column);
  CHECK(schema.columns[*agent_id.required_when_column].name == "source");
  CHECK(schema.columns[*agent_id.required_when_column].values[agent_id.required_when_value] == "agent");

  REQUIRE(schema.tie_column);
  const tally::Column& status = schema.columns[*schema.tie_column];
  CHECK(status.name == "status");
  std::vector<std::string> order;
  for (const std::size_t index : schema.tie_order)
    order.push_back(status.values[index]);
  CHECK(order == std::vector<std::string>{"decommissioned", "terminated", "inactive", "disabled", "enabled",
                                          "active"});
}
