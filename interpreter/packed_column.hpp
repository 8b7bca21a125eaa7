// Compact per-row storage for the observation table. A table of millions of
// rows is mostly numbers that sit close together (timestamps within a few
// months, small counts, a handful of module bits) and input lines that follow
// one another; storing them at full width would take more memory than the
// file they were read from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace tally {

namespace packed_detail {
template <class Left, class Right> bool same_rows(const Left& left, const Right& right) {
  if (left.size() != right.size()) return false;
  for (std::size_t row = 0; row < left.size(); ++row)
    if (left[row] != right[row]) return false;
  return true;
}
} // namespace packed_detail

// A column of 64-bit values (std::int64_t or std::uint64_t), kept as 32-bit
// offsets from the column's first value while every value fits, and widened
// to 64 bits, once, when one does not. The value whose bits are 0x8000...0
// (kNoTime for timestamps) is stored as its own 32-bit marker.
template <class T> class PackedColumn {
  static_assert(sizeof(T) == sizeof(std::uint64_t));

public:
  void reserve(std::size_t rows) {
    if (wide_)
      values_.reserve(rows);
    else
      offsets_.reserve(rows);
  }
  std::size_t capacity() const { return wide_ ? values_.capacity() : offsets_.capacity(); }
  const void* data() const { return wide_ ? static_cast<const void*>(values_.data()) : offsets_.data(); }
  std::size_t size() const { return wide_ ? values_.size() : offsets_.size(); }
  bool empty() const { return size() == 0; }

  void push_back(T value) {
    if (wide_) {
      values_.push_back(value);
      return;
    }
    const auto bits = static_cast<std::uint64_t>(value);
    if (bits == kMarkedBits) {
      offsets_.push_back(kMarker);
      return;
    }
    if (!based_) {
      base_ = bits;
      based_ = true;
    }
    const auto offset = static_cast<std::int64_t>(bits - base_);
    if (offset > kMarker && offset <= std::numeric_limits<std::int32_t>::max()) {
      offsets_.push_back(static_cast<std::int32_t>(offset));
      return;
    }
    widen();
    values_.push_back(value);
  }

  T operator[](std::size_t row) const {
    if (wide_) return values_[row];
    const std::int32_t offset = offsets_[row];
    if (offset == kMarker) return static_cast<T>(kMarkedBits);
    return static_cast<T>(base_ + static_cast<std::uint64_t>(static_cast<std::int64_t>(offset)));
  }
  T back() const { return (*this)[size() - 1]; }

  bool operator==(const std::vector<T>& values) const { return packed_detail::same_rows(*this, values); }
  bool operator==(const PackedColumn& other) const { return packed_detail::same_rows(*this, other); }

private:
  static constexpr std::uint64_t kMarkedBits = std::uint64_t{1} << 63;
  static constexpr std::int32_t kMarker = std::numeric_limits<std::int32_t>::min();

  void widen() {
    std::vector<T> values;
    values.reserve(std::max(offsets_.capacity(), offsets_.size() + 1));
    for (std::size_t row = 0; row < offsets_.size(); ++row)
      values.push_back((*this)[row]);
    values_ = std::move(values);
    offsets_ = {};
    wide_ = true;
  }

  std::vector<std::int32_t> offsets_;
  std::vector<T> values_; // once wide
  std::uint64_t base_ = 0;
  bool based_ = false, wide_ = false;
};

// The input line of each row, stored only where the numbering does not go up
// by one from the row before (blank lines, quoted fields spanning lines, rows
// skipped as bad): a plain file takes no memory per row.
class RowLines {
public:
  void push_back(std::uint64_t line) {
    if (rows_ == 0 || line != (*this)[rows_ - 1] + 1) jumps_.push_back({rows_, line});
    ++rows_;
  }
  std::uint64_t operator[](std::size_t row) const {
    // The last jump at or before `row`.
    std::size_t low = 0, high = jumps_.size();
    while (high - low > 1) {
      const std::size_t middle = (low + high) / 2;
      (jumps_[middle].row <= row ? low : high) = middle;
    }
    return jumps_[low].line + (row - jumps_[low].row);
  }
  std::uint64_t back() const { return (*this)[rows_ - 1]; }
  std::size_t size() const { return rows_; }
  bool operator==(const std::vector<std::uint64_t>& lines) const {
    return packed_detail::same_rows(*this, lines);
  }

private:
  struct Jump {
    std::size_t row;
    std::uint64_t line;
  };
  std::vector<Jump> jumps_;
  std::size_t rows_ = 0;
};

} // namespace tally
