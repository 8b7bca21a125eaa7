#include "csv_reader.hpp"
#include "file_digest.hpp"
#include "jsonl_reader.hpp"
#include "mapped_file.hpp"
#include "observation_sink.hpp"

#include <algorithm>
#include <cctype>

namespace tally {

namespace {

enum class Format { csv, json_lines };

std::string lowercase_extension(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
  std::string extension = path.substr(dot);
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

// An object on the first non-blank line means JSON Lines; anything else is
// taken for a CSV header.
Format sniff(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '{' ? Format::json_lines : Format::csv;
}

} // namespace

Table read_observations(const std::string& path, const Schema& schema, const ReadOptions& options) {
  const MappedFile file(path);
  const std::string extension = lowercase_extension(path);
  Format format;
  if (extension == ".csv")
    format = Format::csv;
  else if (extension == ".jsonl" || extension == ".ndjson")
    format = Format::json_lines;
  else
    format = sniff(file.bytes());

  FileDigest digest(file);
  ReadOptions reading = options;
  reading.on_progress = [&](const ReadProgress& progress) {
    digest.parsed_up_to(progress.bytes_read);
    if (options.on_progress) options.on_progress(progress);
  };
  Table table;
  table.path = path;
  ObservationSink sink(path, schema, table, reading);
  if (format == Format::csv)
    read_csv(file.bytes(), sink);
  else
    read_jsonl(file.bytes(), sink);
  table.sha256 = digest.sha256_hex();
  return table;
}

} // namespace tally
