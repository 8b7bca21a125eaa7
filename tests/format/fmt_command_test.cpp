// `tally fmt` on files in a temporary folder: what each mode prints, writes and
// returns, and the unified diff it prints.
#include "tools/fmt_command.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace tally;

constexpr auto kFormatted = "let a = 1\n";
constexpr auto kUnformatted = "let   a=1\n";
constexpr auto kBroken = "let a = (1 2)\n";

// A fresh folder, removed with everything in it at the end of the test.
class TempFolder {
public:
  TempFolder() {
    static int count = 0;
    path_ = fs::temp_directory_path() /
            ("tally-fmt-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  fs::path write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  const fs::path& path() const { return path_; }

private:
  fs::path path_;
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Run {
  int exit_code;
  std::string out, err;
};

Run fmt(const std::vector<fs::path>& inputs, FmtMode mode) {
  std::ostringstream out, err;
  const int code = run_fmt(inputs, mode, out, err);
  return {code, out.str(), err.str()};
}

TEST_CASE("fmt --check lists the files that would change and writes nothing") {
  TempFolder folder;
  const auto clean = folder.write("clean.tally", kFormatted);
  const auto messy = folder.write("messy.tally", kUnformatted);

  const auto all_clean = fmt({clean}, FmtMode::check);
  CHECK(all_clean.exit_code == 0);
  CHECK(all_clean.out.empty());

  const auto one_messy = fmt({clean, messy}, FmtMode::check);
  CHECK(one_messy.exit_code == 1);
  CHECK(one_messy.out == messy.string() + "\n");
  CHECK(one_messy.err.empty());
  CHECK(read_text(messy) == kUnformatted);
}

TEST_CASE("fmt reads every .tally file below a folder in path order") {
  TempFolder folder;
  const auto second = folder.write("b/second.tally", kUnformatted);
  const auto first = folder.write("a/first.tally", kUnformatted);
  folder.write("a/notes.txt", kUnformatted);

  const auto run = fmt({folder.path()}, FmtMode::check);
  CHECK(run.exit_code == 1);
  CHECK(run.out == first.string() + "\n" + second.string() + "\n");
}

TEST_CASE("fmt --diff prints a unified diff of each file that would change") {
  TempFolder folder;
  const auto file = folder.write("rules.tally", "let a = 1\n"
                                                "let   b=2\n"
                                                "let c = 3\n"
                                                "let d = 4\n"
                                                "let e = 5\n"
                                                "let f = 6\n"
                                                "let g = 7\n"
                                                "let h = 8\n"
                                                "let i = 9\n"
                                                "let j   = 10\n");
  const auto run = fmt({file}, FmtMode::diff);
  CHECK(run.exit_code == 1);
  const auto path = file.generic_string();
  CHECK(run.out == "--- a/" + path + "\n+++ b/" + path +
                       "\n"
                       "@@ -1,5 +1,5 @@\n"
                       " let a = 1\n"
                       "-let   b=2\n"
                       "+let b = 2\n"
                       " let c = 3\n"
                       " let d = 4\n"
                       " let e = 5\n"
                       "@@ -7,4 +7,4 @@\n"
                       " let g = 7\n"
                       " let h = 8\n"
                       " let i = 9\n"
                       "-let j   = 10\n"
                       "+let j = 10\n");
  CHECK(read_text(file).find("let   b=2") != std::string::npos);

  CHECK(fmt({folder.write("clean.tally", kFormatted)}, FmtMode::diff).out.empty());
}

TEST_CASE("fmt rewrites in place the files that change and reports them") {
  TempFolder folder;
  const auto clean = folder.write("clean.tally", kFormatted);
  const auto messy = folder.write("messy.tally", kUnformatted);
  const auto clean_time = fs::last_write_time(clean);

  const auto run = fmt({clean, messy}, FmtMode::write);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "formatted " + messy.string() + "\n");
  CHECK(read_text(messy) == kFormatted);
  CHECK(read_text(clean) == kFormatted);
  CHECK(fs::last_write_time(clean) == clean_time);
  // Nothing but the two files: the temporary file was renamed over the original.
  CHECK(std::distance(fs::directory_iterator(folder.path()), fs::directory_iterator()) == 2);

  const auto again = fmt({clean, messy}, FmtMode::write);
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());
}

TEST_CASE("fmt keeps a rewritten file's permissions and rewrites the target of a symbolic link") {
  TempFolder folder;
  const auto messy = folder.write("messy.tally", kUnformatted);
  fs::permissions(messy, fs::perms::owner_read | fs::perms::owner_write);
  const auto link = folder.path() / "link.tally";
  fs::create_symlink(messy, link);

  CHECK(fmt({link}, FmtMode::write).exit_code == 0);
  CHECK(fs::is_symlink(link));
  CHECK(read_text(messy) == kFormatted);
  CHECK(fs::status(messy).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("fmt leaves a file that does not parse untouched and exits 2 whatever else changes") {
  TempFolder folder;
  const auto broken = folder.write("broken.tally", kBroken);
  const auto messy = folder.write("messy.tally", kUnformatted);

  for (const auto mode : {FmtMode::write, FmtMode::check, FmtMode::diff}) {
    const auto run = fmt({broken, messy}, mode);
    CHECK(run.exit_code == 2);
    CHECK(read_text(broken) == kBroken);
    // The located diagnostic, with the line it points at.
    CHECK(run.err.find(broken.string() + ":1:12: error: expected `)`\n    1 | let a = (1 2)\n") == 0);
  }
  CHECK(read_text(messy) == kFormatted); // the write run still formatted the other file
}

TEST_CASE("fmt reports a path it cannot read and exits 2") {
  TempFolder folder;
  const auto missing = folder.path() / "missing.tally";
  const auto run = fmt({missing}, FmtMode::check);
  CHECK(run.exit_code == 2);
  CHECK(run.err == missing.string() + ": error: cannot read `" + missing.string() + "`\n");

  const auto empty = folder.path() / "empty";
  fs::create_directories(empty);
  CHECK(fmt({empty}, FmtMode::check).err == empty.string() + ": error: no .tally files in this folder\n");
}

TEST_CASE("unified_diff marks a last line without a newline and merges nearby changes") {
  CHECK(unified_diff("f", "a\n", "a\n").empty());
  CHECK(unified_diff("f", "a", "a\n") == "--- a/f\n+++ b/f\n"
                                         "@@ -1,1 +1,1 @@\n"
                                         "-a\n"
                                         "\\ No newline at end of file\n"
                                         "+a\n");
  CHECK(unified_diff("f", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\nX\n3\n4\n5\n6\n7\nY\n") ==
        "--- a/f\n+++ b/f\n"
        "@@ -1,8 +1,8 @@\n"
        " 1\n-2\n+X\n 3\n 4\n 5\n 6\n 7\n-8\n+Y\n");
  CHECK(unified_diff("f", "", "a\nb\n") == "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  CHECK(unified_diff("f", "a\nb\nc\n", "a\nc\n") == "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
}

} // namespace
