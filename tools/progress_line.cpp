#include "progress_line.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <unistd.h>

namespace tally::cli {

ProgressLine::ProgressLine(std::string label, bool shown) : label_(std::move(label)), shown_(shown) {}

ProgressLine::~ProgressLine() {
  if (!drawn_) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
}

ReadProgressCallback ProgressLine::callback() {
  if (!shown_) return {};
  return [this](const ReadProgress& progress) { draw(progress); };
}

void ProgressLine::draw(const ReadProgress& progress) {
  constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  drawn_ = true;
  const auto percent = progress.bytes_total == 0 ? 100 : progress.bytes_read * 100 / progress.bytes_total;
  fmt::print(stderr, "\r\033[Kreading {}: {} rows, {}%", label_, progress.rows, percent);
  std::fflush(stderr);
}

bool progress_wanted(bool quiet) {
  return !quiet && ::isatty(STDERR_FILENO) == 1;
}

} // namespace tally::cli
