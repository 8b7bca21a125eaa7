#include "tools/output_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tally {

std::size_t valid_utf8_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  unsigned char second_min = 0x80, second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4;
  else
    return 0;
  if (lead == 0xE0)
    second_min = 0xA0; // overlong
  else if (lead == 0xED)
    second_max = 0x9F; // UTF-16 surrogates
  else if (lead == 0xF0)
    second_min = 0x90; // overlong
  else if (lead == 0xF4)
    second_max = 0x8F; // beyond U+10FFFF
  if (at + length > text.size() || byte(at + 1) < second_min || byte(at + 1) > second_max) return 0;
  for (std::size_t i = at + 2; i < at + length; ++i)
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  return length;
}

std::string json_string(std::string_view text) {
  std::string quoted = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      const std::size_t length = valid_utf8_length(text, i);
      quoted += length == 0 ? std::string_view("\\ufffd") : text.substr(i, length);
      i += std::max<std::size_t>(length, 1);
      continue;
    }
    switch (byte) {
    case '"':
      quoted += "\\\"";
      break;
    case '\\':
      quoted += "\\\\";
      break;
    case '\n':
      quoted += "\\n";
      break;
    case '\r':
      quoted += "\\r";
      break;
    case '\t':
      quoted += "\\t";
      break;
    case '\b':
      quoted += "\\b";
      break;
    case '\f':
      quoted += "\\f";
      break;
    default:
      if (byte < 0x20)
        quoted += fmt::format("\\u{:04x}", byte);
      else
        quoted += static_cast<char>(byte);
    }
    ++i;
  }
  return quoted + "\"";
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

PrintedValue printed(const Rational& value) {
  DecimalText decimal = to_decimal_text(value);
  PrintedValue result{std::move(decimal.text), decimal.rounded, {}};
  if (result.rounded) result.exact = to_fraction_text(value);
  return result;
}

} // namespace tally
