// A table holding some rows of another, for explaining one asset by running
// the real evaluator over that asset's rows alone.
#pragma once

#include "table.hpp"

#include <string_view>

namespace tally {

// The rows whose `asset_id` is `asset`, in their original order and with
// their original input lines.
Table rows_of_asset(const Table& table, const Schema& schema, std::string_view asset);

} // namespace tally
