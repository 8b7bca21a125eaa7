// The compact column storage must give back exactly what was stored, whatever
// the values: narrow while they sit close together, wide once one does not.
#include "interpreter/packed_column.hpp"

#include <catch2/catch.hpp>
#include <limits>

using tally::PackedColumn;
using tally::RowLines;

namespace {

template <class T> std::vector<T> stored(const std::vector<T>& values) {
  PackedColumn<T> column;
  for (const T value : values)
    column.push_back(value);
  std::vector<T> back;
  for (std::size_t row = 0; row < column.size(); ++row)
    back.push_back(column[row]);
  return back;
}

} // namespace

TEST_CASE("values near the first one are stored narrow and read back", "[packed]") {
  const std::vector<std::int64_t> times{1'767'225'600, 1'767'225'600 + 86'400 * 90, 1'767'225'600 - 3600};
  CHECK(stored(times) == times);
  PackedColumn<std::int64_t> column;
  for (const auto value : times)
    column.push_back(value);
  CHECK(column.capacity() * sizeof(std::int32_t) <= column.capacity() * sizeof(std::int64_t) / 2);
  CHECK(column == times);
}

TEST_CASE("a value far from the first widens the column without losing any", "[packed]") {
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  CHECK(stored<std::int64_t>({0, 7, kMax, 3}) == std::vector<std::int64_t>{0, 7, kMax, 3});
  CHECK(stored<std::int64_t>({5, 5 + 2'147'483'647LL, 5 + 2'147'483'648LL}) ==
        std::vector<std::int64_t>{5, 2'147'483'652LL, 2'147'483'653LL});
  // The offset that would collide with the marker is stored wide.
  CHECK(stored<std::int64_t>({0, -2'147'483'648LL}) == std::vector<std::int64_t>{0, -2'147'483'648LL});
  CHECK(stored<std::int64_t>({kMin, 1, kMin, kMax, kMin}) ==
        std::vector<std::int64_t>{kMin, 1, kMin, kMax, kMin});
}

TEST_CASE("the empty-time marker needs no base and survives widening", "[packed]") {
  constexpr auto kNoTime = std::numeric_limits<std::int64_t>::min();
  CHECK(stored<std::int64_t>({kNoTime, kNoTime, 100, kNoTime}) ==
        std::vector<std::int64_t>{kNoTime, kNoTime, 100, kNoTime});
}

TEST_CASE("set bits in all 64 positions are stored as given", "[packed]") {
  const std::vector<std::uint64_t> bits{0b101, 0, std::uint64_t{1} << 63, ~std::uint64_t{0}, 0b11};
  CHECK(stored(bits) == bits);
  CHECK(stored<std::uint64_t>({0b11, 0b1, 0b1000'0000'0000}) ==
        std::vector<std::uint64_t>{0b11, 0b1, 0b1000'0000'0000});
}

TEST_CASE("row lines are kept as the jumps in numbering", "[packed]") {
  RowLines lines;
  for (const std::uint64_t line : {2, 3, 4, 7, 8, 20, 21, 22, 40})
    lines.push_back(line);
  CHECK(lines == std::vector<std::uint64_t>{2, 3, 4, 7, 8, 20, 21, 22, 40});
  CHECK(lines.size() == 9);
  CHECK(lines.back() == 40);
  RowLines plain;
  for (std::uint64_t line = 2; line < 100'002; ++line)
    plain.push_back(line);
  CHECK(plain[0] == 2);
  CHECK(plain[99'999] == 100'001);
}
