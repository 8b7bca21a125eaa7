// Checks round_to and to_decimal_text against vectors that Python's `decimal`
// module computed (tests/core/gen_rounding_vectors.py), so the expected values
// do not come from the code under test.
#include "number.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#ifndef TALLY_CORE_TEST_DIR
#error "TALLY_CORE_TEST_DIR must name the directory holding rounding_vectors.txt"
#endif

namespace {

struct Vector {
  std::string numerator, denominator, mode;
  int places = 0;
  std::string expected;
  int changed = 0;
};

std::vector<Vector> read_vectors() {
  std::ifstream file(std::string(TALLY_CORE_TEST_DIR) + "/rounding_vectors.txt");
  REQUIRE(file.good());
  std::vector<Vector> vectors;
  std::string line;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    Vector vector;
    fields >> vector.numerator >> vector.denominator >> vector.mode >> vector.places >> vector.expected >>
        vector.changed;
    INFO("line: " << line);
    REQUIRE_FALSE(fields.fail());
    vectors.push_back(vector);
  }
  return vectors;
}

} // namespace

TEST_CASE("rounding matches Python's decimal module on every vector", "[number][vectors]") {
  const std::vector<Vector> vectors = read_vectors();
  REQUIRE(vectors.size() >= 2000);

  std::set<std::string> modes_seen;
  std::set<int> places_seen;
  for (const Vector& vector : vectors) {
    INFO(vector.numerator << " " << vector.denominator << " " << vector.mode << " " << vector.places);
    const tally::Rational value(tally::Integer(vector.numerator), tally::Integer(vector.denominator));
    modes_seen.insert(vector.mode);
    places_seen.insert(vector.places);
    if (vector.mode == "text") {
      const tally::DecimalText printed = tally::to_decimal_text(value, vector.places);
      CHECK(printed.text == vector.expected);
      CHECK(printed.rounded == (vector.changed == 1));
      continue;
    }
    const auto mode = tally::rounding_mode_named(vector.mode);
    REQUIRE(mode.has_value());
    const tally::Rational rounded = tally::round_to(value, *mode, vector.places);
    const tally::DecimalText printed = tally::to_decimal_text(rounded);
    CHECK(printed.text == vector.expected);
    CHECK_FALSE(printed.rounded);
    CHECK((rounded != value) == (vector.changed == 1));
  }
  CHECK(modes_seen ==
        std::set<std::string>{"ceiling", "floor", "half_even", "half_up", "text", "toward_zero"});
  CHECK(places_seen.size() == 13);
}
