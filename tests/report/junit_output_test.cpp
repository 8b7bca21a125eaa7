#include "tools/junit_output.hpp"

#include <catch2/catch.hpp>

using tally::Diagnostic;
using tally::ExampleOutcome;
using tally::Severity;
using tally::SourceRegistry;

namespace {

ExampleOutcome outcome(std::string product, std::string title, std::string file, std::uint32_t line,
                       std::vector<Diagnostic> failures = {}) {
  return {std::move(product), std::move(title), {std::move(file), line, 1}, std::move(failures), {}};
}

Diagnostic failure(std::string file, std::uint32_t line, std::uint32_t column, std::uint32_t length,
                   std::string message, std::string help = {}) {
  return {Severity::error,    "E0901",        {std::move(file), line, column}, length,
          std::move(message), std::move(help)};
}

} // namespace

TEST_CASE("JUnit XML has a suite per rule file and the failures rendered", "[junit]") {
  SourceRegistry sources;
  sources.add("rules/vmdr.tally", "product VMDR {\n"
                                  "  example \"seed\" {\n"
                                  "    expect usage = 7000, qlu = 10500\n"
                                  "  }\n"
                                  "}\n");
  const std::vector<ExampleOutcome> outcomes{
      outcome("VMDR", "seed", "rules/vmdr.tally", 2,
              {failure("rules/vmdr.tally", 3, 20, 4, "expected usage = 7000, got 6999"),
               failure("rules/vmdr.tally", 3, 32, 5, "expected qlu = 10500, got 10498.5", "1.5 * 6999")}),
      outcome("ETM", "passes", "rules/etm.tally", 7),
      outcome("VMDR", "a <tricky> & \"quoted\" 'title'", "rules/vmdr.tally", 9),
  };
  CHECK(tally::junit_xml(outcomes, sources) == R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="tally test" tests="3" failures="1" errors="0">
  <testsuite name="rules/vmdr.tally" tests="2" failures="1" errors="0" skipped="0">
    <testcase classname="VMDR" name="seed" file="rules/vmdr.tally" line="2">
      <failure message="expected usage = 7000, got 6999" type="E0901">rules/vmdr.tally:3:20: error: expected usage = 7000, got 6999
    3 |     expect usage = 7000, qlu = 10500
      |                    ^~~~
rules/vmdr.tally:3:32: error: expected qlu = 10500, got 10498.5
    3 |     expect usage = 7000, qlu = 10500
      |                                ^~~~~
      = help: 1.5 * 6999
</failure>
    </testcase>
    <testcase classname="VMDR" name="a &lt;tricky&gt; &amp; &quot;quoted&quot; &apos;title&apos;" file="rules/vmdr.tally" line="9"/>
  </testsuite>
  <testsuite name="rules/etm.tally" tests="1" failures="0" errors="0" skipped="0">
    <testcase classname="ETM" name="passes" file="rules/etm.tally" line="7"/>
  </testsuite>
</testsuites>
)");
}

TEST_CASE("JUnit XML without examples", "[junit]") {
  CHECK(tally::junit_xml({}, SourceRegistry{}) == R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="tally test" tests="0" failures="0" errors="0">
</testsuites>
)");
}

TEST_CASE("XML escaping replaces what XML 1.0 cannot carry", "[junit]") {
  CHECK(tally::xml_escaped("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &apos; f");
  CHECK(tally::xml_escaped("line\nbreak\ttab\rreturn") == "line&#10;break&#9;tab&#13;return");
  // Control characters, a stray byte, a truncated sequence and U+FFFE become U+FFFD.
  CHECK(tally::xml_escaped("\x01\x1f|\xff|\xc3|\xef\xbf\xbe") ==
        "\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd");
  CHECK(tally::xml_escaped("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
        "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  CHECK(tally::xml_escaped("]]>") == "]]&gt;");
}

TEST_CASE("failure text keeps line breaks and escapes markup", "[junit]") {
  const std::vector<ExampleOutcome> outcomes{
      outcome("P", "t", "p.tally", 1, {failure("p.tally", 0, 0, 1, "bad <value> & \x02 more", "a\nb")})};
  CHECK(tally::junit_xml(outcomes, SourceRegistry{}) ==
        R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="tally test" tests="1" failures="1" errors="0">
  <testsuite name="p.tally" tests="1" failures="1" errors="0" skipped="0">
    <testcase classname="P" name="t" file="p.tally" line="1">
      <failure message="bad &lt;value&gt; &amp; )"
        "\xef\xbf\xbd"
        R"( more" type="E0901">p.tally: error: bad &lt;value&gt; &amp; )"
        "\xef\xbf\xbd"
        R"( more
      = help: a
b
</failure>
    </testcase>
  </testsuite>
</testsuites>
)");
}
