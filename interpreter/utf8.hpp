// Well-formed UTF-8 (RFC 3629), shared by the rule parser (a rule file must be
// UTF-8: E0106) and the data readers (a string cell must be: E0705).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace tally {

// The offset of the first byte that is not part of well-formed UTF-8, if any.
inline std::optional<std::size_t> invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // ASCII eight bytes at a time: ids and names in exports nearly always are.
    if (i + 8 <= text.size()) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) return i;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if ((length == 2 && lead < 0xc2) || (length == 3 && lead == 0xe0 && second < 0xa0) ||
        (length == 3 && lead == 0xed && second >= 0xa0) || (length == 4 && lead == 0xf0 && second < 0x90) ||
        (length == 4 && (lead > 0xf4 || (lead == 0xf4 && second >= 0x90))))
      return i;
    i += length;
  }
  return std::nullopt;
}

} // namespace tally
