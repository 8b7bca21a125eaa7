// A set over 0..n-1 that is emptied often: emptying bumps a stamp instead of
// touching the array, so a per-day or per-hour set costs only what it holds.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace tally::eval {

class StampSet {
public:
  void resize(std::size_t size) { marks_.assign(size, 0); }
  void clear() {
    if (++current_ == 0) { // wrapped: old marks could collide with new stamps
      std::fill(marks_.begin(), marks_.end(), 0);
      current_ = 1;
    }
  }
  bool contains(std::uint32_t item) const { return marks_[item] == current_; }
  // False when already present.
  bool insert(std::uint32_t item) {
    if (marks_[item] == current_) return false;
    marks_[item] = current_;
    return true;
  }

private:
  std::vector<std::uint32_t> marks_;
  std::uint32_t current_ = 1;
};

} // namespace tally::eval
