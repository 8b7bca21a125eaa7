// What the harnesses share. Each harness lets through only the errors tally
// documents for bad input — diagnostics returned in a result, or a thrown
// DiagnosticError — so any other exception, like a sanitizer report, reaches
// libFuzzer (or the replay driver) as a crash.
#pragma once

#include "interpreter/diagnostic.hpp"
#include "interpreter/observation_sink.hpp"
#include "interpreter/schema.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tally::fuzz {

// Far above what the fuzzers' inputs can hold, so the row limit never hides a
// bug; it only bounds the work of an input that repeats one short line.
inline constexpr std::size_t kMaxRows = 20'000;

inline std::string_view bytes_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The schema of stdlib/prelude.tally, compiled once: the one `tally eval`
// reads data with.
const Schema& prelude_schema();

// Renders a diagnostic as the CLI prints it, quoting `text` under the name
// `file`: a position past the end of its line must not break the excerpt.
void render(const Diagnostic& diagnostic, std::string_view file, std::string_view text);

using Reader = void (*)(std::string_view bytes, ObservationSink& sink);

// Reads `bytes` with `reader` and the prelude's schema twice: stopping at the
// first bad row, then skipping bad rows (another path through each reader).
void read_both_ways(std::string_view bytes, Reader reader);

} // namespace tally::fuzz
