// The UTF-8 check finds the first bad byte wherever it falls, inside or after
// the runs of ASCII it skips eight bytes at a time.
#include "interpreter/utf8.hpp"

#include <catch2/catch.hpp>
#include <string>

using tally::invalid_utf8;

TEST_CASE("well-formed text has no bad byte", "[utf8]") {
  CHECK_FALSE(invalid_utf8(""));
  CHECK_FALSE(invalid_utf8("h-d8d3fa373e93"));
  CHECK_FALSE(invalid_utf8("6a5c4719-770b-43e2-9ea7-9d5f7674dafa"));
  CHECK_FALSE(invalid_utf8("Windows Server 2012 R2 \xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK_FALSE(invalid_utf8("1234567\xc3\xa9"));     // a two-byte character across an eight-byte boundary
  CHECK_FALSE(invalid_utf8("123456\xe2\x82\xac!")); // a three-byte one
}

TEST_CASE("the first bad byte is found at its offset", "[utf8]") {
  for (std::size_t ascii = 0; ascii < 20; ++ascii) {
    INFO(ascii << " ASCII bytes first");
    const std::string prefix(ascii, 'a');
    CHECK(invalid_utf8(prefix + "\xff") == ascii);
    CHECK(invalid_utf8(prefix + "\xff" + std::string(12, 'b')) == ascii);
    CHECK(invalid_utf8(prefix + "\xc3") == ascii);                       // cut short
    CHECK(invalid_utf8(prefix + "\xc0\xaf" + "tail-tail") == ascii);     // overlong
    CHECK(invalid_utf8(prefix + "\xed\xa0\x80" + "tail-tail") == ascii); // a surrogate
    CHECK(invalid_utf8(prefix + "\xf4\x90\x80\x80") == ascii);           // past U+10FFFF
  }
}
