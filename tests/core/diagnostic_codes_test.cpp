#include "diagnostic_codes.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every code written as a string literal ("E0201") in the C++ sources under
// interpreter/ and tools/, with the first file that uses it.
std::map<std::string, std::string> codes_in_sources() {
  const std::regex literal(R"re("([EW]0[0-9]{3})")re");
  std::map<std::string, std::string> codes;
  for (const char* folder : {"interpreter", "tools"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(TALLY_SOURCE_DIR) / folder)) {
      const auto extension = entry.path().extension();
      if (extension != ".cpp" && extension != ".hpp") continue;
      const std::string text = read_file(entry.path());
      for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it)
        codes.emplace((*it)[1].str(), entry.path().lexically_relative(TALLY_SOURCE_DIR).string());
    }
  }
  return codes;
}

// The codes of docs/diagnostics.md's table rows (`| E0201 | ...`), with how
// often each is listed.
std::map<std::string, int> codes_in_docs() {
  const std::string text = read_file(fs::path(TALLY_SOURCE_DIR) / "docs" / "diagnostics.md");
  const std::regex row(R"re((^|\n)\| ([EW]0[0-9]{3}) \|)re");
  std::map<std::string, int> codes;
  for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it)
    ++codes[(*it)[2].str()];
  return codes;
}

} // namespace

TEST_CASE("the scan of the sources finds the codes they use", "[codes]") {
  const auto codes = codes_in_sources();
  // Codes from every stage, so a broken scan cannot pass by finding nothing.
  for (const char* code : {"E0101", "E0201", "E0301", "E0401", "E0501", "E0601", "E0701", "E0801", "E0901"})
    CHECK(codes.count(code) == 1);
  CHECK(codes.size() >= 50);
}

TEST_CASE("every code the sources use is in the catalogue", "[codes]") {
  for (const auto& [code, file] : codes_in_sources()) {
    INFO(code << " is used in " << file);
    CHECK(tally::code_info(code) != nullptr);
  }
}

TEST_CASE("every code the sources use is documented in docs/diagnostics.md", "[codes]") {
  const auto documented = codes_in_docs();
  for (const auto& [code, file] : codes_in_sources()) {
    INFO(code << " is used in " << file);
    CHECK(documented.count(code) == 1);
  }
}

TEST_CASE("the catalogue and docs/diagnostics.md list the same codes once each", "[codes]") {
  const auto documented = codes_in_docs();
  std::set<std::string> catalogued;
  for (const auto& info : tally::diagnostic_codes())
    catalogued.emplace(info.code);
  for (const auto& [code, count] : documented) {
    INFO(code << " is in docs/diagnostics.md");
    CHECK(count == 1);
    CHECK(catalogued.count(code) == 1);
  }
  for (const auto& code : catalogued) {
    INFO(code << " is in the catalogue");
    CHECK(documented.count(code) == 1);
  }
}

TEST_CASE("catalogue entries are well formed", "[codes]") {
  const std::regex code_form("[EW]0[1-9][0-9]{2}");
  const std::regex name_form("[A-Z][A-Za-z0-9]+");
  std::set<std::string_view> names;
  std::string_view previous;
  for (const auto& info : tally::diagnostic_codes()) {
    INFO(info.code);
    CHECK(std::regex_match(std::string(info.code), code_form));
    CHECK(previous < info.code);
    previous = info.code;
    CHECK(info.severity == (info.code.front() == 'E' ? tally::Severity::error : tally::Severity::warning));
    CHECK_FALSE(info.title.empty());
    CHECK(info.title.find('\n') == std::string_view::npos);
    CHECK(info.title.back() != '.');
    CHECK(info.example.find('\n') == std::string_view::npos);
    CHECK(std::regex_match(std::string(info.name), name_form));
    CHECK(names.insert(info.name).second);
  }
}

TEST_CASE("code_info finds entries by code", "[codes]") {
  const auto* unknown_name = tally::code_info("E0201");
  REQUIRE(unknown_name != nullptr);
  CHECK(unknown_name->code == "E0201");
  CHECK(unknown_name->title == "an unknown name");
  CHECK(unknown_name->name == "UnknownName");
  CHECK(unknown_name->severity == tally::Severity::error);

  const auto* unused = tally::code_info("W0202");
  REQUIRE(unused != nullptr);
  CHECK(unused->title == "a parameter that nothing uses");
  CHECK(unused->severity == tally::Severity::warning);

  CHECK(tally::code_info("E0402")->title == "a product without `usage`");
  CHECK(tally::code_info("E0505")->title == "more than 64 values in one column");
  CHECK(tally::code_info("W0701") == &tally::diagnostic_codes().back());
  CHECK(tally::code_info("E0101") == &tally::diagnostic_codes().front());
  CHECK(tally::code_info("E0999") == nullptr);
  CHECK(tally::code_info("W0200") == nullptr);
  CHECK(tally::code_info("e0201") == nullptr);
  CHECK(tally::code_info("") == nullptr);
}

TEST_CASE("the catalogue has every error and lint code", "[codes]") {
  std::vector<std::string_view> codes;
  for (const auto& info : tally::diagnostic_codes())
    codes.push_back(info.code);
  CHECK(codes.size() == 71);
  for (const char* code :
       {"E0401", "E0402", "E0403", "E0404", "E0501", "E0502", "E0503", "E0504", "E0505", "E0506", "E0507",
        "E0508", "E0804", "W0201", "W0202", "W0203", "W0301", "W0302", "W0303", "W0304", "W0401", "W0402"})
    CHECK(std::find(codes.begin(), codes.end(), code) != codes.end());
}
