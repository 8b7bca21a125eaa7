#include "table.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using tally::StringId;
using tally::StringPool;

TEST_CASE("the empty string is id 0 from the start", "[string_pool]") {
  StringPool pool;
  CHECK(pool.size() == 1);
  CHECK(pool.view(0).empty());
  CHECK(pool.intern("") == 0u);
  CHECK(pool.find("") == StringId{0});
  CHECK(pool.size() == 1);
}

TEST_CASE("interning gives one dense id per distinct text", "[string_pool]") {
  StringPool pool;
  const StringId host = pool.intern("host-1");
  const StringId other = pool.intern("host-2");
  CHECK(host == 1u);
  CHECK(other == 2u);
  CHECK(pool.intern(std::string("host-1")) == host);
  CHECK(pool.view(host) == "host-1");
  CHECK(pool.find("host-2") == other);
  CHECK_FALSE(pool.find("host-3"));
  CHECK(pool.size() == 3);
}

TEST_CASE("texts that share prefixes or lengths stay distinct", "[string_pool]") {
  StringPool pool;
  const std::vector<std::string> texts = {"a",
                                          "ab",
                                          "abcdefgh",
                                          "abcdefgi",
                                          "abcdefghabcdefgh",
                                          "abcdefghabcdefgX",
                                          "Xbcdefghabcdefgh",
                                          std::string("a\0b", 3),
                                          std::string("a\0c", 3)};
  std::vector<StringId> ids;
  for (const std::string& text : texts)
    ids.push_back(pool.intern(text));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(pool.view(ids[i]) == texts[i]);
    CHECK(pool.intern(texts[i]) == ids[i]);
  }
  CHECK(pool.size() == texts.size() + 1);
}

TEST_CASE("ids and views survive growth of the pool", "[string_pool]") {
  StringPool pool;
  const StringId first = pool.intern("first");
  const std::string_view first_view = pool.view(first);
  constexpr int kCount = 200000;
  for (int i = 0; i < kCount; ++i)
    REQUIRE(pool.intern(fmt::format("asset-{}", i)) == static_cast<StringId>(i + 2));
  CHECK(pool.size() == kCount + 2);
  CHECK(pool.view(first).data() == first_view.data());
  CHECK(pool.find("first") == first);
  for (int i = 0; i < kCount; i += 997) {
    const std::string text = fmt::format("asset-{}", i);
    CHECK(pool.find(text) == static_cast<StringId>(i + 2));
    CHECK(pool.view(static_cast<StringId>(i + 2)) == text);
  }
}

TEST_CASE("long texts are stored whole", "[string_pool]") {
  StringPool pool;
  const std::string long_text(100000, 'x');
  const StringId small = pool.intern("small");
  const StringId big = pool.intern(long_text);
  const StringId after = pool.intern("after");
  CHECK(pool.view(big) == long_text);
  CHECK(pool.view(small) == "small");
  CHECK(pool.view(after) == "after");
  CHECK(pool.intern(long_text) == big);
}
