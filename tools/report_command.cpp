// `tally report --html FILE`: a subscription's ledger as one HTML page
// (tools/html_report.hpp, docs/ledger.md), written whole or not at all.
#include "commands.hpp"
#include "html_report.hpp"
#include "ledger_command.hpp"
#include "license_counts.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace tally {

namespace {

namespace fs = std::filesystem;

std::string failure(const fs::path& path, std::string_view doing) {
  return fmt::format("cannot {} {}: {}", doing, path.string(), std::strerror(errno));
}

// Writes `text` to FILE.tmp beside `path`, flushes it to the disk and renames
// it over `path`: whether the command fails or the machine stops midway,
// `path` is either as it was or the whole new page. Returns what failed.
std::optional<std::string> write_whole(const fs::path& path, const std::string& text) {
  auto temporary = path;
  temporary += ".tmp";
  const int file = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (file < 0) return failure(temporary, "write");
  std::optional<std::string> error;
  for (std::size_t done = 0; !error && done < text.size();) {
    const auto written = ::write(file, text.data() + done, text.size() - done);
    if (written >= 0)
      done += static_cast<std::size_t>(written);
    else if (errno != EINTR)
      error = failure(temporary, "write");
  }
  // Without fsync a crash after the rename could leave `path` empty on some file systems.
  if (!error && ::fsync(file) != 0) error = failure(temporary, "write");
  if (::close(file) != 0 && !error) error = failure(temporary, "write");
  if (!error && ::rename(temporary.c_str(), path.c_str()) != 0) error = failure(path, "replace");
  if (error) ::unlink(temporary.c_str());
  return error;
}

// The page charts a license's breakdown by operating system: the components
// named `on_<os>` (rules/pm-licenses.tally).
HtmlLicenceSection html_section_of(const LicenseCount& count, Day as_of) {
  HtmlLicenceSection section{count.title,        as_of, count.limit, count.consumed, count.licensed,
                             count.unlicensed(), {}};
  for (const auto& [name, value] : count.breakdown)
    if (name.rfind("on_", 0) == 0) section.by_os.emplace_back(name.substr(3), value);
  return section;
}

int write_report(const cli::Options& options) {
  const auto& pool = options.pool;
  const auto clock = clock_of(pool);
  auto book = ledger::Ledger::open(pool.ledger, ledger::Ledger::Open::existing, clock);
  auto input = report_input(book, pool.user, pool.subscription, clock.today());
  if (!options.inputs.empty()) {
    const auto counts = count_licenses(options, &book, std::cerr);
    if (!counts) return kExitFailed;
    if (!counts->licenses.empty()) input.licences = html_section_of(counts->licenses.front(), counts->as_of);
  }
  const auto page = render_html_report(input);
  if (const auto error = write_whole(options.html, page)) {
    std::cerr << "tally: " << *error << "\n";
    return kExitUsage;
  }
  std::cout << fmt::format("wrote the report of {} to {}\n", pool.subscription, options.html.string());
  return kExitOk;
}

} // namespace

int report_command(const cli::Options& options) {
  return run_ledger_command([&] { return write_report(options); });
}

} // namespace tally
