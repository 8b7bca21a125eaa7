// The rule-file parser, and `tally fmt` on every file it accepts: the
// formatter re-parses with its own view of the grammar and promises to change
// only blanks, so its output must parse again and be left as it is by a
// second pass (what `tally fmt --check` relies on).
#include "fuzz_support.hpp"

#include "interpreter/formatter.hpp"
#include "interpreter/parser.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

constexpr const char* kFile = "fuzz.tally";

[[noreturn]] void broken_promise(const char* what, const std::string& formatted) {
  std::fprintf(stderr, "fuzz_parse: %s; the formatted text:\n%s\n", what, formatted.c_str());
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = tally::fuzz::bytes_of(data, size);
  const auto parsed = tally::parse_rules(kFile, text);
  if (parsed.error) {
    tally::fuzz::render(*parsed.error, kFile, text);
    return 0;
  }
  // The parser accepted the file, so the formatter must lay it out.
  const std::string formatted = tally::format_rules(kFile, text).text.value();
  const auto again = tally::format_rules(kFile, formatted);
  if (!again.text) broken_promise("fmt's output does not parse", formatted);
  if (*again.text != formatted) broken_promise("fmt's output is not in canonical layout", formatted);
  return 0;
}
