// How far the reading of an observation file has got, for a host (or the
// command line) that shows progress on long reads.
#pragma once

#include <cstdint>
#include <functional>

namespace tally {

struct ReadProgress {
  std::uint64_t bytes_read = 0, bytes_total = 0;
  std::uint64_t rows = 0; // data records read so far
};

// Called on the reading thread about once per MiB of input; it must not throw.
using ReadProgressCallback = std::function<void(const ReadProgress&)>;

} // namespace tally
