#include "cli_options.hpp"

#include <fmt/format.h>

#include <string_view>

namespace tally::cli {

std::string usage() {
  return R"(usage:
  tally check FILE|DIR...        parse and check rule files; exit 1 on errors
  tally test  FILE|DIR...        run every example block; exit 1 on a failure
  tally eval  --rules FILE|DIR... --data FILE [options]
                                 evaluate usage and QLU over an observation table

eval options:
  --subscription FILE     a file with one `subscription { ... }` block
  --start DATE            subscription start (required without a subscription file)
  --end DATE              subscription end, inclusive (default: a year less a day)
  --as-of DATE            evaluate up to this day (default: the last day in the data)
  --purge-rules           the customer enabled purge rules
  --ratio PRODUCT=DECIMAL override a product's ratio (repeatable)
  --product NAME          report only this product (repeatable)
  --format table|json|csv output format (default: table)
  --skip-bad-rows         skip invalid rows, listing them in the report
Flags override the subscription file.
)";
}

namespace {

const SourcePos kCommandLine{"<command line>", 0, 0};

class Parser {
public:
  Parser(int argc, const char* const* argv) : args_(argv + 1, argv + argc) {}

  Parsed run() {
    Parsed out;
    if (args_.empty()) return fail("missing command");
    if (args_[0] == "--help" || args_[0] == "-h" || args_[0] == "help") {
      out.help = true;
      return out;
    }
    options_.command = args_[0];
    if (options_.command != "check" && options_.command != "test" && options_.command != "eval")
      return fail(fmt::format("unknown command `{}`", options_.command));
    for (next_ = 1; next_ < args_.size(); ++next_) {
      const std::string_view arg = args_[next_];
      if (arg == "--help" || arg == "-h") {
        out.help = true;
        return out;
      }
      if (options_.command != "eval") {
        if (arg.substr(0, 2) == "--") return fail(fmt::format("unknown option `{}`", arg));
        options_.inputs.emplace_back(arg);
        continue;
      }
      if (!eval_option(arg)) return out_error_;
    }
    if (options_.inputs.empty())
      return fail(options_.command == "eval" ? "eval needs --rules FILE|DIR"
                                             : "give at least one rule file or folder");
    if (options_.command == "eval") {
      if (options_.data.empty()) return fail("eval needs --data FILE");
      if (!options_.subscription_file && !options_.subscription.start)
        return fail("eval needs --start DATE or --subscription FILE");
    }
    out.options = std::move(options_);
    return out;
  }

private:
  std::vector<std::string> args_;
  std::size_t next_ = 0;
  Options options_;
  Parsed out_error_;

  Parsed fail(std::string message) {
    Parsed out;
    out.error = std::move(message);
    return out;
  }

  std::optional<std::string> value(std::string_view option) {
    if (next_ + 1 >= args_.size()) {
      out_error_ = fail(fmt::format("{} needs a value", option));
      return std::nullopt;
    }
    return args_[++next_];
  }

  bool eval_option(std::string_view arg) {
    if (arg == "--rules") {
      const auto first = value(arg);
      if (!first) return false;
      options_.inputs.emplace_back(*first);
      // --rules takes every following argument up to the next option.
      while (next_ + 1 < args_.size() && args_[next_ + 1].rfind("--", 0) != 0)
        options_.inputs.emplace_back(args_[++next_]);
      return true;
    }
    if (arg == "--purge-rules") {
      options_.subscription.globals["purge_rules"] = Setting{"true", kCommandLine};
      return true;
    }
    if (arg == "--skip-bad-rows") {
      options_.skip_bad_rows = true;
      return true;
    }
    const auto text = value(arg);
    if (!text) return false;
    if (arg == "--data")
      options_.data = *text;
    else if (arg == "--subscription")
      options_.subscription_file = *text;
    else if (arg == "--start")
      options_.subscription.start = Setting{*text, kCommandLine};
    else if (arg == "--end")
      options_.subscription.end = Setting{*text, kCommandLine};
    else if (arg == "--as-of")
      options_.subscription.as_of = Setting{*text, kCommandLine};
    else if (arg == "--product")
      options_.subscription.only.push_back(*text);
    else if (arg == "--format") {
      if (*text != "table" && *text != "json" && *text != "csv") {
        out_error_ = fail(fmt::format("unknown format `{}` (table, json or csv)", *text));
        return false;
      }
      options_.format = *text;
    } else if (arg == "--ratio") {
      const auto equals = text->find('=');
      if (equals == std::string::npos || equals == 0) {
        out_error_ = fail(fmt::format("--ratio takes PRODUCT=DECIMAL, not `{}`", *text));
        return false;
      }
      options_.subscription.product_params[text->substr(0, equals)]["ratio"] =
          Setting{text->substr(equals + 1), kCommandLine};
    } else {
      out_error_ = fail(fmt::format("unknown option `{}`", arg));
      return false;
    }
    return true;
  }
};

} // namespace

Parsed parse(int argc, const char* const* argv) {
  return Parser(argc, argv).run();
}

} // namespace tally::cli
