// The outcomes of `tally test` as JUnit XML, the report format CI services
// read. Deterministic: no timings, no host names, no timestamps.
#pragma once

#include "interpreter/diagnostic.hpp"
#include "interpreter/examples.hpp"

#include <string>
#include <vector>

namespace tally {

// <testsuites tests failures errors>, then one <testsuite> per rule file (named
// by its path, in the order the outcomes first mention it) holding one
// <testcase classname="PRODUCT" name="TITLE" file line> per example. A failed
// example has <failure message="FIRST MESSAGE" type="CODE"> whose text is
// every failure rendered as `tally test` prints it (no colour). Text that XML
// 1.0 cannot carry (control characters, invalid UTF-8) becomes U+FFFD.
std::string junit_xml(const std::vector<ExampleOutcome>& outcomes, const SourceRegistry& sources);

// `text` escaped for XML 1.0 character data and attribute values.
std::string xml_escaped(std::string_view text);

} // namespace tally
