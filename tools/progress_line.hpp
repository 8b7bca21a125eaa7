// The progress of reading a large table, as one line on a terminal's stderr:
// rows read and percent done, redrawn at most ten times a second and erased
// once reading is over, so that nothing of it stays in the output.
#pragma once

#include <tally/read_progress.hpp>

#include <chrono>
#include <string>

namespace tally::cli {

class ProgressLine {
public:
  // Draws nothing unless `shown`.
  ProgressLine(std::string label, bool shown);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // What to pass as ReadSettings::on_progress; empty when nothing is drawn.
  ReadProgressCallback callback();

private:
  void draw(const ReadProgress& progress);

  std::string label_;
  bool shown_, drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

// True when stderr is a terminal and the user did not ask for quiet.
bool progress_wanted(bool quiet);

} // namespace tally::cli
