// Runs one harness over files instead of under libFuzzer, so that every input
// that ever crashed a harness (tests/fuzz/regressions/HARNESS/) and every seed
// stays a regression test in builds without clang, sanitized or not.
//
//   fuzz_replay_HARNESS FILE|DIR...
//
// A folder is read recursively. Each input's name is printed before it runs,
// so a crash names its input. Exits 1 when no input ran: a test that replays
// nothing would pass without testing anything.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const fs::path path(argv[i]);
    if (fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file()) inputs.push_back(entry.path());
    } else if (fs::is_regular_file(path)) {
      inputs.push_back(path);
    } else {
      std::cerr << "fuzz_replay: no such file or folder: " << path.string() << "\n";
      return 2;
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const auto& input : inputs) {
    std::cerr << "fuzz_replay: " << input.string() << "\n";
    std::ifstream in(input, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << "fuzz_replay: " << inputs.size() << " inputs ran without a crash\n";
  return inputs.empty() ? 1 : 0;
}
