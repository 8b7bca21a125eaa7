#include "table.hpp"

#include "text_equal.hpp"

#include <bit>
#include <cstring>
#include <stdexcept>

namespace tally {

namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 16;
constexpr std::size_t kInitialSlots = 1024;
constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;

std::uint64_t load_word(const char* bytes) {
  std::uint64_t word;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

// Word-at-a-time multiply/rotate hash with a final avalanche: cells are short
// (ids, names), so per-byte hashing would dominate the cost of interning.
std::size_t hash_text(std::string_view text) {
  const char* bytes = text.data();
  std::size_t remaining = text.size();
  std::uint64_t hash = (remaining + 1) * kMultiplier;
  for (; remaining >= 8; bytes += 8, remaining -= 8)
    hash = std::rotl((hash ^ load_word(bytes)) * kMultiplier, 29);
  if (remaining > 0) {
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes, remaining);
    hash = std::rotl((hash ^ tail) * kMultiplier, 29);
  }
  hash ^= hash >> 32;
  hash *= 0xD6E8FEB86659FD93ull;
  hash ^= hash >> 32;
  return static_cast<std::size_t>(hash);
}

} // namespace

StringPool::StringPool() : views_{std::string_view{}}, slots_(kInitialSlots, 0) {}

std::uint32_t StringPool::lookup(std::string_view text, std::size_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t entry = slots_[slot];
    if (entry == 0 || same_text(views_[entry - 1], text)) return static_cast<std::uint32_t>(slot);
  }
}

std::optional<StringId> StringPool::find(std::string_view text) const {
  if (text.empty()) return StringId{0};
  const std::uint32_t entry = slots_[lookup(text, hash_text(text))];
  if (entry == 0) return std::nullopt;
  return entry - 1;
}

StringId StringPool::intern(std::string_view text) {
  if (text.empty()) return 0;
  const std::uint32_t slot = lookup(text, hash_text(text));
  if (slots_[slot] != 0) return slots_[slot] - 1;
  if (views_.size() >= std::numeric_limits<std::uint32_t>::max() - 1)
    throw std::length_error("string pool is full (more than 4 billion distinct strings)");

  char* stored;
  if (text.size() > kBlockBytes / 4) {
    // A long text gets a block of its own, kept behind the current block so the
    // current block's free space is not abandoned.
    auto own = std::make_unique<char[]>(text.size());
    stored = own.get();
    blocks_.insert(blocks_.empty() ? blocks_.end() : blocks_.end() - 1, std::move(own));
  } else {
    if (blocks_.empty() || block_size_ - block_used_ < text.size()) {
      blocks_.push_back(std::make_unique<char[]>(kBlockBytes));
      block_size_ = kBlockBytes;
      block_used_ = 0;
    }
    stored = blocks_.back().get() + block_used_;
    block_used_ += text.size();
  }
  std::memcpy(stored, text.data(), text.size());

  const auto id = static_cast<StringId>(views_.size());
  views_.emplace_back(stored, text.size());
  slots_[slot] = id + 1;
  if (views_.size() * 2 > slots_.size()) grow();
  return id;
}

void StringPool::grow() {
  std::vector<std::uint32_t> old = std::move(slots_);
  slots_.assign(old.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint32_t entry : old) {
    if (entry == 0) continue;
    std::size_t slot = hash_text(views_[entry - 1]) & mask;
    while (slots_[slot] != 0)
      slot = (slot + 1) & mask;
    slots_[slot] = entry;
  }
}

} // namespace tally
