// The CSV reader, with the prelude's schema as `tally eval` reads data.
#include "fuzz_support.hpp"

#include "interpreter/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tally::fuzz::read_both_ways(tally::fuzz::bytes_of(data, size), tally::read_csv);
  return 0;
}
