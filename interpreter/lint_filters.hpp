// Decides whether a row filter can ever keep a row, or ever drop one, by trying
// every combination of the values its conditions can tell apart. Conditions it
// cannot see through (set membership, days relative to the evaluated day) are
// taken as free to be either true or false, so a verdict of `never` or
// `always` is certain; only `sometimes` may be an over-estimate.
#pragma once

#include "plan.hpp"
#include "schema.hpp"

namespace tally {

enum class FilterTruth {
  sometimes, // keeps some rows and drops others
  never,     // no row that passed the earlier filters can pass this one
  always,    // every row that passed the earlier filters passes this one
  unknown,   // too many combinations to try, or the earlier filters keep no row
};

// `before`: what the rows already satisfy; `condition`: what the filter adds.
FilterTruth filter_truth(const plan::RowPredPtr& before, const plan::RowPredPtr& condition,
                         const Schema& schema);

} // namespace tally
