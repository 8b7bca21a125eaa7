// A table holding some rows of another, for explaining one asset by running
// the real evaluator over that asset's rows alone.
#pragma once

#include "table.hpp"

#include <string_view>
#include <vector>

namespace tally {

// The rows `rows` names (indices into `table`), in that order, with their
// original input lines.
Table select_rows(const Table& table, const std::vector<std::size_t>& rows);

// The rows whose `asset_id` is `asset`, in their original order.
Table rows_of_asset(const Table& table, const Schema& schema, std::string_view asset);

} // namespace tally
