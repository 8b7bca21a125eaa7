// tally's embedding API: run rule files in-process, the way `tally eval` does
// (the command is a client of this API).
//
//   tally::RuleSources sources;
//   sources.add_file("rules");                                  // a folder: every *.tally in it
//   auto rules = tally::Rules::compile(sources);                // once; immutable
//   auto contract = tally::Contract::bind(*rules, terms);       // once per subscription
//   auto data = tally::ObservationBuilder::create(*rules, {"observed_at", "asset_id", ...});
//   data->append_row({"2026-01-05T10:00:00Z", "h-1", ...});     // or Observations::read(path)
//   auto usage = contract->evaluate(data->finish());            // many times, from any thread
//
// Every step returns an Outcome: the value, or the located diagnostics that
// say why there is none. Bad rules and bad data are never exceptions; only
// running out of memory (std::bad_alloc) is. Rules, Contract, Observations and
// Usage are immutable once made, cheap to copy, and safe to share between
// threads. docs/embedding.md walks through a complete host.
#pragma once

#include <tally/diagnostic.hpp>
#include <tally/export.hpp>
#include <tally/limits.hpp>
#include <tally/provenance.hpp>
#include <tally/read_progress.hpp>

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tally {

class SourceRegistry; // the texts diagnostics quote; internal
namespace api_access {
struct Access; // the library's own tools reach the internals through it
}

// Diagnostics in the order tally reports them, with the source texts they
// point into so they can be rendered with the offending line and a caret.
class TALLY_API Diagnostics {
public:
  Diagnostics() = default;
  const std::vector<Diagnostic>& list() const { return list_; }
  bool empty() const { return list_.empty(); }
  bool has_errors() const;
  // Each diagnostic as the command line prints it: "file:line:col: error:
  // message", the source line and a caret when the text is known, the hint.
  std::string render() const;

private:
  friend struct api_access::Access;
  std::vector<Diagnostic> list_;
  std::shared_ptr<const SourceRegistry> sources_;
};

// What a step produced, or the diagnostics that explain why it produced
// nothing. Warnings may accompany a value.
template <class T> class Outcome {
public:
  Outcome(T value, Diagnostics diagnostics)
      : value_(std::move(value)), diagnostics_(std::move(diagnostics)) {}
  explicit Outcome(Diagnostics diagnostics) : diagnostics_(std::move(diagnostics)) {}

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  // Calling these when !ok() is a programming error: std::logic_error.
  const T& value() const {
    require_value();
    return *value_;
  }
  T& value() {
    require_value();
    return *value_;
  }
  const T& operator*() const { return value(); }
  T& operator*() { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Diagnostics& diagnostics() const { return diagnostics_; }

private:
  void require_value() const {
    if (!value_) throw std::logic_error("tally::Outcome has no value:\n" + diagnostics_.render());
  }
  std::optional<T> value_;
  Diagnostics diagnostics_;
};

// Rule files, folders (every *.tally inside, sorted) and texts held in memory.
// `import "name"` resolves against the standard library and the importing
// file's folder; an in-memory text imports from the standard library only.
class TALLY_API RuleSources {
public:
  RuleSources& add_file(std::filesystem::path path);
  // `name` is where diagnostics point ("pricing/vmdr.tally", say).
  RuleSources& add_text(std::string name, std::string text);

private:
  friend class Rules;
  struct Text {
    std::string name, text;
  };
  std::vector<std::filesystem::path> files_;
  std::vector<Text> texts_;
};

// The terms of one subscription, as text in the rule language's forms: dates
// "2026-01-01", numbers "1.7", booleans "true", sets "a;b". Anything left unset
// keeps what the rules' `subscription` block (if they have one) or their
// parameter defaults say. A mistake (an unknown product or parameter, a value
// of the wrong type) is a diagnostic located in `origin`.
struct Terms {
  std::optional<std::string> start, end, as_of;
  std::map<std::string, std::string> settings;                                // {"purge_rules", "true"}
  std::map<std::string, std::map<std::string, std::string>> product_settings; // {"VMDR", {{"ratio", "1.7"}}}
  std::optional<std::vector<std::string>> products; // bought; unset: the block's list, else every product
  std::vector<std::string> only;                    // report only these; empty: every product bought
  std::string origin = "<host>";
};

// An exact rational value. Text keeps it exact however large it grows.
struct Exact {
  std::string numerator;   // base 10, signed: "-15105"
  std::string denominator; // base 10, positive, in lowest terms: "2"
  // "-7552.5"; a value with no finite decimal form is rounded half-even to 6
  // places, and decimal_is_exact says so.
  std::string decimal;
  bool decimal_is_exact = true;
  std::string fraction() const { return denominator == "1" ? numerator : numerator + "/" + denominator; }
};

struct PeriodUsage {
  std::string start, end; // ISO dates, inclusive; a rolling product has start == end
  bool partial = false;   // the interval extends past the as-of day
  Exact usage, qlu;
  std::vector<std::pair<std::string, Exact>> components; // in the product's declaration order
};

struct ProductUsage {
  std::string product, title;
  std::string method; // "peak", "rolling average", "rolling total"
  Exact ratio;
  std::vector<PeriodUsage> periods;
  std::optional<Exact> license_limit; // a license: the licences bought
};

struct TotalUsage {
  std::string start, end; // inclusive
  bool partial = false;
  Exact qlu; // the QLU of every product reported, summed over the period
};

class Observations;
class Usage;

// Compiled rules: immutable, shareable between threads, bound to many
// subscriptions.
class TALLY_API Rules {
public:
  static Outcome<Rules> compile(const RuleSources& sources, const Limits& limits = {});

  std::vector<std::string> products() const; // metered products, in load order
  // The licenses (`license NAME {...}`), in load order: bought only when
  // Terms::products names them, each reported as one period a day whose usage
  // is the licences consumed (ProductUsage::license_limit).
  std::vector<std::string> licenses() const;
  std::vector<std::string> columns() const; // the observation schema's columns
  const Limits& limits() const;

private:
  friend struct api_access::Access;
  Rules() = default;
  struct State;
  std::shared_ptr<const State> state_;
};

// Rules bound to one subscription's terms: what is evaluated.
class TALLY_API Contract {
public:
  static Outcome<Contract> bind(const Rules& rules, const Terms& terms);

  // Columns the bound products read, each with the first product that needs it.
  std::vector<std::pair<std::string, std::string>> columns_needed() const;
  // Evaluates every bought product over `observations`, which must have been
  // made for the same Rules. Runtime failures (a division by zero, say) and
  // missing columns come back as diagnostics.
  Outcome<Usage> evaluate(const Observations& observations) const;

private:
  friend struct api_access::Access;
  Contract() = default;
  struct State;
  std::shared_ptr<const State> state_;
};

struct ReadSettings {
  bool skip_bad_rows = false;       // skip (and report as warnings) rows that would otherwise be errors
  ReadProgressCallback on_progress; // optional: how far reading has got, about once per MiB
};

// An observation table, read from a file or built in memory; immutable.
class TALLY_API Observations {
public:
  // CSV or JSON Lines, chosen by extension or, failing that, by content. With
  // a Contract, a column its products need is checked at the header, as
  // `tally eval` does, and only those columns are kept in memory (every cell
  // is still checked): the table then serves contracts that read no other
  // column. With Rules alone every column is kept, and a missing one is
  // reported by evaluate(). A large file is hashed (for the provenance) on a
  // second thread while it is parsed.
  static Outcome<Observations> read(const Rules& rules, const std::filesystem::path& path,
                                    const ReadSettings& settings = {});
  static Outcome<Observations> read(const Contract& contract, const std::filesystem::path& path,
                                    const ReadSettings& settings = {});

  std::size_t rows() const;
  const std::vector<Diagnostic>& skipped_rows() const; // warnings, under skip_bad_rows

private:
  friend struct api_access::Access;
  Observations() = default;
  struct State;
  std::shared_ptr<const State> state_;
};

// Builds an observation table from host memory, a row or a batch of columns
// at a time. Cells are text in the data contract's formats (as in a CSV
// cell) and are checked as they arrive: a bad row is refused with a
// diagnostic and nothing of it is kept. Rows are numbered from 1 in the order
// appended; a diagnostic's column is the cell's position in `columns`.
class TALLY_API ObservationBuilder {
public:
  // `columns` plays the part of a CSV header: every required column must be
  // there; a column the schema does not know is kept and ignored.
  static Outcome<ObservationBuilder> create(const Rules& rules, std::vector<std::string> columns,
                                            std::string name = "<host>");
  ObservationBuilder(ObservationBuilder&&) noexcept;
  ObservationBuilder& operator=(ObservationBuilder&&) noexcept;
  ~ObservationBuilder();

  // One cell per column, in the order of `columns`.
  Diagnostics append_row(const std::vector<std::string_view>& cells);
  // One vector per column, in the order of `columns`, all of one length: row
  // i is every column's cell i. Stops at the first bad row; the rows before
  // it are kept.
  Diagnostics append_columns(const std::vector<std::vector<std::string_view>>& columns);
  std::size_t column_count() const; // cells per row
  std::size_t rows() const;
  // The table; the builder is left empty.
  Observations finish();

private:
  struct State;
  explicit ObservationBuilder(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// The usage and QLU of every bought product, per period, exactly.
class TALLY_API Usage {
public:
  std::string start() const, end() const, as_of() const; // ISO dates
  const std::vector<ProductUsage>& products() const;
  const std::vector<TotalUsage>& totals() const;
  const Provenance& provenance() const;
  std::size_t rows_read() const;

private:
  friend struct api_access::Access;
  Usage() = default;
  struct State;
  std::shared_ptr<const State> state_;
};

} // namespace tally
