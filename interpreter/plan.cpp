#include "plan.hpp"

namespace tally::plan {

std::string_view name_of(Method method) {
  switch (method) {
  case Method::peak:
    return "peak";
  case Method::rolling_average:
    return "rolling average";
  case Method::rolling_total:
    return "rolling total";
  }
  return "?";
}

} // namespace tally::plan
