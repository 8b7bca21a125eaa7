// Equality of short texts without a call to memcmp. Cells are mostly ids,
// enum values and dates of a few to a few dozen bytes, compared millions of
// times per file; word loads that overlap in the middle cover every length
// from 4 to 32 bytes in at most four compares.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace tally {

namespace text_equal_detail {

template <class Word> Word load(const char* bytes) {
  Word word;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

template <class Word> bool same_ends(const char* left, const char* right, std::size_t size) {
  return load<Word>(left) == load<Word>(right) &&
         load<Word>(left + size - sizeof(Word)) == load<Word>(right + size - sizeof(Word));
}

} // namespace text_equal_detail

inline bool same_text(std::string_view left, std::string_view right) {
  using namespace text_equal_detail;
  const std::size_t size = left.size();
  if (size != right.size()) return false;
  const char* a = left.data();
  const char* b = right.data();
  if (size < 4) {
    for (std::size_t i = 0; i < size; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  if (size < 8) return same_ends<std::uint32_t>(a, b, size);
  if (size <= 16) return same_ends<std::uint64_t>(a, b, size);
  if (size <= 32)
    return same_ends<std::uint64_t>(a, b, 16) && same_ends<std::uint64_t>(a + size - 16, b + size - 16, 16);
  return std::memcmp(a, b, size) == 0;
}

} // namespace tally
