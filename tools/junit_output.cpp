#include "tools/junit_output.hpp"

#include "tools/output_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace tally {

namespace {

// In attribute values, line breaks and tabs become character references,
// which XML would otherwise normalise to spaces; in element text they stay.
std::string escape_xml(std::string_view text, bool attribute) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD
  std::string escaped;
  escaped.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      const std::size_t length = valid_utf8_length(text, i);
      // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
      const bool non_character = length == 3 && byte == 0xEF &&
                                 static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                                 static_cast<unsigned char>(text[i + 2]) >= 0xBE;
      escaped += length == 0 || non_character ? kReplacement : text.substr(i, length);
      i += std::max<std::size_t>(length, 1);
      continue;
    }
    switch (byte) {
    case '&':
      escaped += "&amp;";
      break;
    case '<':
      escaped += "&lt;";
      break;
    case '>':
      escaped += "&gt;";
      break;
    case '"':
      escaped += "&quot;";
      break;
    case '\'':
      escaped += "&apos;";
      break;
    case '\n':
      escaped += attribute ? "&#10;" : "\n";
      break;
    case '\r':
      escaped += "&#13;"; // kept as a reference even in text, where a parser would drop it
      break;
    case '\t':
      escaped += attribute ? "&#9;" : "\t";
      break;
    default:
      if (byte < 0x20)
        escaped += kReplacement; // no XML 1.0 document may contain these, escaped or not
      else
        escaped += static_cast<char>(byte);
    }
    ++i;
  }
  return escaped;
}

struct Suite {
  std::string file;
  std::vector<const ExampleOutcome*> cases;
  std::size_t failures = 0;
};

std::string testcase(const ExampleOutcome& outcome, const SourceRegistry& sources) {
  std::string xml = fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                                xml_escaped(outcome.product), xml_escaped(outcome.title),
                                xml_escaped(outcome.pos.file), outcome.pos.line);
  if (outcome.failures.empty()) return xml + "/>\n";
  const Diagnostic& first = outcome.failures.front();
  std::string rendered;
  for (const Diagnostic& failure : outcome.failures)
    rendered += format_diagnostic(failure, &sources);
  xml += fmt::format(">\n      <failure message=\"{}\" type=\"{}\">", xml_escaped(first.message),
                     xml_escaped(first.code));
  return xml + escape_xml(rendered, false) + "</failure>\n    </testcase>\n";
}

} // namespace

std::string xml_escaped(std::string_view text) {
  return escape_xml(text, true);
}

std::string junit_xml(const std::vector<ExampleOutcome>& outcomes, const SourceRegistry& sources) {
  std::vector<Suite> suites;
  std::map<std::string, std::size_t, std::less<>> suite_of;
  std::size_t failures = 0;
  for (const ExampleOutcome& outcome : outcomes) {
    auto [at, added] = suite_of.emplace(outcome.pos.file, suites.size());
    if (added) suites.push_back({outcome.pos.file, {}, 0});
    Suite& suite = suites[at->second];
    suite.cases.push_back(&outcome);
    if (!outcome.failures.empty()) {
      ++suite.failures;
      ++failures;
    }
  }

  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format("<testsuites name=\"tally test\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                     outcomes.size(), failures);
  for (const Suite& suite : suites) {
    xml += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
                       xml_escaped(suite.file), suite.cases.size(), suite.failures);
    for (const ExampleOutcome* outcome : suite.cases)
      xml += testcase(*outcome, sources);
    xml += "  </testsuite>\n";
  }
  return xml + "</testsuites>\n";
}

} // namespace tally
