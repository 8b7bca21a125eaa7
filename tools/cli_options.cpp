#include "cli_options.hpp"
#include "postgres_copy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <string_view>

namespace tally::cli {

std::string usage() {
  return R"(usage:
  tally check   FILE|DIR...     parse and check rule files
  tally lint    FILE|DIR...     check, and warn about likely mistakes
                [--format text|json|sarif] [--strict] [--max-errors N]
  tally fmt     FILE|DIR...     rewrite rule files in the canonical layout
                [--check | --diff]
  tally test    FILE|DIR...     run every example block
                [--junit FILE] [--coverage]
  tally eval    --rules FILE|DIR... --data FILE [subscription] [--format table|json|csv]
                [--engine native|postgres --dsn DSN [--table NAME] [--partition COLUMN=VALUE]]
                                evaluate usage and QLU over an observation table (--engine
                                postgres: inside PostgreSQL, over a table `tally load` made)
  tally explain --rules FILE|DIR... --data FILE --product NAME [subscription]
                (--asset ID --day DATE | --period N)
                                why an asset is counted or not; how a period's QLU arises
  tally diff    --old FILE|DIR... --new FILE|DIR... --data FILE [subscription]
                [--format table|json|csv]
                                usage and QLU of two versions of the rules, per period
  tally load    --dsn DSN --data FILE [--table NAME] [--rules FILE|DIR...]
                [--skip-bad-rows] [--replace] [--quiet]
                                copy an observation table into PostgreSQL, every row checked
                                as eval checks it (the schema of --rules, else the prelude's),
                                in one transaction: the whole table or nothing
  tally sql     --dialect postgres --rules FILE|DIR... [subscription] [--table NAME]
                [--partition COLUMN=VALUE]
                                print a SQL script that computes eval's report inside the database
  tally pool    ACTION --ledger FILE --user NAME --subscription NAME [--today DATE]
                                the QFlex ledger: a pool of QLU and its allocations
    create      --start DATE [--end DATE] --purchased QLU [--contact NAME]
                                a subscription with its pool (the file is made if need be)
    grant       --grantee NAME  let NAME view and change the allocations
    revoke      --grantee NAME  take that right back
    allocate    --rules FILE|DIR... --qlu PRODUCT=QLU... [--effective DATE]
                                the first allocation across products
    rebalance   --rules FILE|DIR... --qlu PRODUCT=QLU... [--effective DATE]
                                change allocations (once in 90 days); other products keep theirs
    show                        purchased, allocated and available QLU
    record      --rules FILE|DIR... --data FILE [--as-of DATE] [--purge-rules] [--quiet]
                                evaluate the subscription's term and store every period's usage
    status                      per product: allocated, used at the latest period, remaining
    alerts                      every crossing of a threshold of an allocation, with its period
    thresholds  --percent N...  the alert thresholds, in percent of each allocation (default 80, 100)
    export      --report usage|subscription|audit [--from DATE] [--to DATE] [--format csv|json]
                                a report of the 12 months kept (default: all of them)
    prune                       remove the usage history of periods ended before the 12 months kept
    audit       [--format csv|json]
                                the audit log: who, when, what, before, after
  tally licenses --rules FILE|DIR... --data FILE --as-of DATE [--license NAME]...
                [--set LICENSE.PARAM=VALUE]... [--format table|json]
                [--ledger FILE --user NAME --subscription NAME]
                                the licences of each license rule (`license NAME {...}`) on one
                                day: limit, consumed, licensed, unlicensed and their breakdown;
                                with a ledger, its stored settings apply (--set overrides them)
    set         --ledger FILE --user NAME --subscription NAME --rules FILE|DIR...
                --set LICENSE.PARAM=VALUE...
                                store a license's settings (tags, limit, ...): admin and super users
    role        --ledger FILE --user NAME --subscription NAME --grantee NAME --role super|sub
                                the admin (primary contact) names or removes a super user
    show        --ledger FILE --user NAME --subscription NAME [--license NAME]
                                the stored settings; any user may read them
  tally report  --html FILE --ledger FILE --user NAME --subscription NAME [--today DATE]
                [--rules FILE|DIR... --data FILE --as-of DATE]
                                the ledger as one HTML page: the pool, each product's usage
                                against its allocation, the alerts (written whole, via FILE.tmp)

subscription options (eval, explain, diff, sql):
  --subscription FILE     a file with one `subscription { ... }` block
  --start DATE            subscription start (required without a subscription file)
  --end DATE              subscription end, inclusive (default: a year less a day)
  --as-of DATE            evaluate up to this day (default: the last day in the data)
  --purge-rules           the customer enabled purge rules
  --ratio PRODUCT=DECIMAL override a product's ratio (repeatable)
  --product NAME          report only this product (repeatable; explain: the product)
  --skip-bad-rows         skip invalid rows, listing them in the report
  --quiet                 no progress line while a large table is read
Flags override the subscription file. Progress (rows read, percent done) is
shown on stderr only when stderr is a terminal.

pool and report options:
  --ledger FILE           the ledger (SQLite); only `create` makes a new one
  --user NAME             who acts: every change and refusal is audited under this name
  --subscription NAME     the subscription in the ledger
  --today DATE            the day the command runs (default: today, UTC); fixes the audit time too
  --start DATE, --end DATE  the term, inclusive (default end: a year less a day)
  --purchased QLU         QLU in the pool, an exact decimal
  --contact NAME          the primary contact (default: --user)
  --qlu PRODUCT=QLU       a product's allocation (repeatable); products come from --rules
  --effective DATE        when the allocations take effect (default: today, or the start if later)
  --html FILE             report: where the page goes (written to FILE.tmp, then renamed over FILE)

database options (load, sql, eval --engine postgres):
  --dsn DSN               the database: a libpq connection string ("host=/tmp/pg dbname=tally")
                          or a postgresql:// URI
  --table NAME            the observations table, NAME or SCHEMA.NAME, in lowercase letters,
                          digits and _ (default observations)
  --engine native|postgres  eval: evaluate in tally (the default) or inside PostgreSQL
  --dialect NAME          sql: the SQL dialect; postgres (the default) is the only one
  --partition COLUMN=VALUE  sql, eval: only the rows whose COLUMN is VALUE, one tenant of a
                          table shared by many (on Citus, its distribution column)
  --replace               load: drop the table first if it exists, in the same transaction

limits (every command; see docs/diagnostics.md):
  --max-rule-bytes N       size of one rule file (default 4194304)
  --max-nesting N          grammar levels of one expression (default 1000)
  --max-identifier-length N  bytes of one name (default 128)
  --max-products N         products in one program (default 1000)
  --max-rows N             rows of one observation table (default 200000000)
  --max-term-days N        days from a subscription's start to its end (default 36525)

exit codes:
  check, test, eval  0 ok, 1 errors in the rules or data or a failed example
  lint               0 clean, 1 warnings under --strict, 2 errors
  fmt --check/--diff 0 nothing to change, 1 files would change, 2 a file does not parse
  diff               0 no period changed, 1 some did, 2 errors in the rules or data
  pool               0 ok, 1 refused by a rule (no right, early rebalance, over-allocation),
                     2 a bad request or an unusable ledger
  licenses           0 ok, 1 errors in the rules or data
  load               0 loaded, 1 errors in the rules or data, or the database refused
                     (nothing of the table is then left in the database)
  sql                0 printed, 1 errors in the rules, or a rule SQL cannot express (E0804)
  report             0 written, 1 refused (no right to view the usage), 2 a bad request,
                     an unusable ledger or a file that cannot be written
  every command      2 for a command-line mistake
)";
}

namespace {

const std::set<std::string_view> kCommands{"check", "lint", "fmt",    "test",     "eval", "explain",
                                           "diff",  "pool", "report", "licenses", "load", "sql"};
const std::set<std::string_view> kLicensesActions{"set", "role", "show"};
const std::set<std::string_view> kPoolActions{"create",     "grant",  "revoke", "allocate", "rebalance",
                                              "show",       "record", "status", "alerts",   "audit",
                                              "thresholds", "export", "prune"};

bool reads_data(std::string_view command) {
  return command == "eval" || command == "explain" || command == "diff" || command == "licenses";
}

class Parser {
public:
  Parser(int argc, const char* const* argv) : args_(argv + 1, argv + argc) {
    options_.terms.origin = "<command line>";
  }

  Parsed run() {
    Parsed out;
    if (args_.empty()) return fail("missing command");
    if (args_[0] == "--help" || args_[0] == "-h" || args_[0] == "help") {
      out.help = true;
      return out;
    }
    options_.command = args_[0];
    if (!kCommands.count(options_.command))
      return fail(fmt::format("unknown command `{}`", options_.command));
    next_ = 1;
    const bool help_next = args_.size() > 1 && (args_[1] == "--help" || args_[1] == "-h");
    if (options_.command == "pool" && !help_next) {
      if (args_.size() < 2 || !kPoolActions.count(args_[1]))
        return fail(fmt::format("pool needs an action first: {}", fmt::join(kPoolActions, ", ")));
      options_.pool.action = args_[1];
      next_ = 2;
    }
    if (options_.command == "licenses" && args_.size() > 1 && kLicensesActions.count(args_[1])) {
      options_.pool.action = args_[1];
      next_ = 2;
    }
    for (; next_ < args_.size(); ++next_) {
      const std::string_view arg = args_[next_];
      if (arg == "--help" || arg == "-h") {
        out.help = true;
        return out;
      }
      if (arg.substr(0, 2) != "--") {
        if (reads_data(options_.command) || options_.command == "pool" || options_.command == "report" ||
            options_.command == "load" || options_.command == "sql")
          return fail(fmt::format("unexpected argument `{}`", arg));
        options_.inputs.emplace_back(arg);
        continue;
      }
      if (!limit_option(arg) && !option(arg)) return error_;
    }
    if (auto problem = missing(); !problem.empty()) return fail(std::move(problem));
    out.options = std::move(options_);
    return out;
  }

private:
  std::vector<std::string> args_;
  std::size_t next_ = 0;
  Options options_;
  Parsed error_;
  bool table_given_ = false; // --table, whose default is a name too

  Parsed fail(std::string message) {
    Parsed out;
    out.error = std::move(message);
    return out;
  }

  bool reject(std::string message) {
    error_ = fail(std::move(message));
    return false;
  }

  std::string missing() const {
    const auto& command = options_.command;
    if (command == "pool") return missing_pool();
    if (command == "report") return missing_report();
    if (command == "licenses") return missing_licenses();
    if (command == "load") return missing_load();
    if (command == "sql") return missing_sql();
    if (command == "diff") {
      if (options_.old_inputs.empty() || options_.inputs.empty()) return "diff needs --old and --new";
    } else if (options_.inputs.empty()) {
      return reads_data(command) ? fmt::format("{} needs --rules FILE|DIR", command)
                                 : std::string("give at least one rule file or folder");
    }
    if (command == "eval") {
      if (auto problem = missing_engine(); !problem.empty()) return problem;
    }
    if (reads_data(command)) {
      // The postgres engine reads the rows from the database.
      if (options_.data.empty() && options_.engine != "postgres")
        return fmt::format("{} needs --data FILE", command);
      if (!options_.subscription_file && !options_.terms.start)
        return fmt::format("{} needs --start DATE or --subscription FILE", command);
    }
    if (command == "explain") {
      if (options_.product.empty()) return "explain needs --product NAME";
      if (options_.period && (options_.day || !options_.asset.empty()))
        return "explain takes either --asset ID --day DATE or --period N";
      if (!options_.period && (options_.asset.empty() || !options_.day))
        return "explain needs --asset ID and --day DATE, or --period N";
    }
    if (command == "fmt" && options_.fmt_check && options_.fmt_diff)
      return "fmt takes --check or --diff, not both";
    return {};
  }

  std::string missing_pool() const {
    const auto& pool = options_.pool;
    const auto needs = [&](std::string_view what) {
      return fmt::format("pool {} needs {}", pool.action, what);
    };
    if (pool.ledger.empty()) return needs("--ledger FILE");
    if (pool.user.empty()) return needs("--user NAME");
    if (pool.subscription.empty()) return needs("--subscription NAME");
    if (pool.action == "create") {
      if (!pool.start) return needs("--start DATE");
      if (!pool.purchased) return needs("--purchased QLU");
    }
    if ((pool.action == "grant" || pool.action == "revoke") && pool.grantee.empty())
      return needs("--grantee NAME");
    if (pool.action == "thresholds" && pool.percents.empty()) return needs("--percent N");
    if (pool.action == "export" && pool.report.empty()) return needs("--report usage|subscription|audit");
    if (pool.action == "record") {
      if (options_.inputs.empty()) return needs("--rules FILE|DIR");
      if (options_.data.empty()) return needs("--data FILE");
    }
    if (pool.action == "allocate" || pool.action == "rebalance") {
      if (options_.inputs.empty()) return needs("--rules FILE|DIR");
      if (pool.qlu.empty()) return needs("--qlu PRODUCT=QLU");
    }
    return {};
  }

  std::string missing_licenses() const {
    const auto& pool = options_.pool;
    const bool ledger = !pool.ledger.empty() || !pool.user.empty() || !pool.subscription.empty();
    if ((pool.action.empty() || pool.action == "set") && options_.inputs.empty())
      return "licenses needs --rules FILE|DIR";
    if (pool.action.empty()) {
      if (options_.data.empty()) return "licenses needs --data FILE";
      if (!options_.terms.as_of) return "licenses needs --as-of DATE";
      if (!ledger) return {};
    }
    const auto action = pool.action.empty() ? std::string("licenses") : "licenses " + pool.action;
    if (pool.ledger.empty()) return action + " needs --ledger FILE";
    if (pool.user.empty()) return action + " needs --user NAME";
    if (pool.subscription.empty()) return action + " needs --subscription NAME";
    if (pool.action == "set" && options_.terms.product_settings.empty())
      return "licenses set needs --set LICENSE.PARAM=VALUE";
    if (pool.action == "show" && options_.licenses.empty()) return "licenses show needs --license NAME";
    if (pool.action == "role" && (pool.grantee.empty() || pool.role.empty()))
      return "licenses role needs --grantee NAME and --role super|sub";
    return {};
  }

  std::string missing_load() const {
    if (options_.dsn.empty()) return "load needs --dsn DSN";
    if (options_.data.empty()) return "load needs --data FILE";
    return {};
  }

  std::string missing_sql() const {
    if (options_.inputs.empty()) return "sql needs --rules FILE|DIR";
    if (!options_.subscription_file && !options_.terms.start)
      return "sql needs --start DATE or --subscription FILE";
    return {};
  }

  // --dsn and --table name the database eval reads with --engine postgres, and only then.
  std::string missing_engine() const {
    if (options_.engine == "postgres" && options_.dsn.empty())
      return "eval --engine postgres needs --dsn DSN";
    if (options_.engine == "postgres" && !options_.data.empty())
      return "eval --engine postgres reads the rows of --table in the database, not --data";
    if (options_.engine != "postgres" && (!options_.dsn.empty() || table_given_))
      return "--dsn, --table and --partition are for eval --engine postgres";
    return {};
  }

  std::string missing_report() const {
    const auto& pool = options_.pool;
    if (options_.html.empty()) return "report needs --html FILE";
    if (pool.ledger.empty()) return "report needs --ledger FILE";
    if (pool.user.empty()) return "report needs --user NAME";
    if (pool.subscription.empty()) return "report needs --subscription NAME";
    const bool licences = !options_.inputs.empty() || !options_.data.empty() || options_.terms.as_of;
    if (licences && (options_.inputs.empty() || options_.data.empty() || !options_.terms.as_of))
      return "report's licences section needs --rules FILE|DIR, --data FILE and --as-of DATE together";
    return {};
  }

  std::optional<std::string> value(std::string_view option) {
    if (next_ + 1 >= args_.size()) {
      reject(fmt::format("{} needs a value", option));
      return std::nullopt;
    }
    return args_[++next_];
  }

  // An option followed by every argument up to the next option.
  bool paths(std::string_view option, std::vector<std::filesystem::path>& into) {
    const auto first = value(option);
    if (!first) return false;
    into.emplace_back(*first);
    while (next_ + 1 < args_.size() && args_[next_ + 1].rfind("--", 0) != 0)
      into.emplace_back(args_[++next_]);
    return true;
  }

  // A --max-* flag, accepted by every command: true when `arg` was one (and valid).
  bool limit_option(std::string_view arg) {
    std::size_t Limits::*member = arg == "--max-rule-bytes"          ? &Limits::max_rule_bytes
                                  : arg == "--max-nesting"           ? &Limits::max_nesting
                                  : arg == "--max-identifier-length" ? &Limits::max_identifier_length
                                  : arg == "--max-products"          ? &Limits::max_products
                                  : arg == "--max-rows"              ? &Limits::max_rows
                                  : arg == "--max-term-days"         ? &Limits::max_term_days
                                                                     : nullptr;
    if (!member) return false;
    const auto text = value(arg);
    if (!text) return false;
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc{} || end != text->data() + text->size() || n == 0)
      return reject(fmt::format("{} takes a whole number of at least 1, not `{}`", arg, *text));
    options_.limits.*member = n;
    return true;
  }

  bool unknown(std::string_view arg) {
    return reject(fmt::format("unknown option `{}` for `tally {}`", arg, options_.command));
  }

  bool option(std::string_view arg) {
    const auto& command = options_.command;
    if (command == "pool") return pool_option(arg);
    if (command == "report") return report_option(arg);
    if (command == "lint") return lint_option(arg);
    if (command == "fmt") return fmt_option(arg);
    if (command == "test") return test_option(arg);
    if (command == "check") return unknown(arg);
    if (command == "licenses") return licenses_option(arg);
    if (command == "load") return load_option(arg);
    if (command == "sql") return sql_option(arg);
    if (arg == "--engine") return engine_option(arg);
    if (command == "eval" && arg == "--dsn") return named(arg, options_.dsn);
    if (command == "eval" && arg == "--table") return table_option(arg);
    if (command == "eval" && arg == "--partition") return partition_option(arg);
    if (arg == "--rules" && command != "diff") return paths(arg, options_.inputs);
    if (arg == "--old" && command == "diff") return paths(arg, options_.old_inputs);
    if (arg == "--new" && command == "diff") return paths(arg, options_.inputs);
    if (arg == "--format" && command != "explain") return format_option(arg, {"table", "json", "csv"});
    if (command == "explain" && explain_option(arg)) return true;
    if (!error_.error.empty()) return false;
    return subscription_option(arg);
  }

  bool format_option(std::string_view arg, std::initializer_list<std::string_view> allowed) {
    const auto text = value(arg);
    if (!text) return false;
    if (std::find(allowed.begin(), allowed.end(), *text) == allowed.end())
      return reject(fmt::format("unknown format `{}` ({})", *text, fmt::join(allowed, ", ")));
    options_.format = *text;
    return true;
  }

  bool load_option(std::string_view arg) {
    if (arg == "--dsn") return named(arg, options_.dsn);
    if (arg == "--table") return table_option(arg);
    if (arg == "--rules") return paths(arg, options_.inputs);
    if (arg == "--replace") return options_.replace = true;
    if (arg == "--skip-bad-rows") return options_.skip_bad_rows = true;
    if (arg == "--quiet") return options_.quiet = true;
    if (arg == "--data") {
      const auto given = value(arg);
      if (!given) return false;
      options_.data = *given;
      return true;
    }
    return unknown(arg);
  }

  // The subscription options, less those about reading a data file: the
  // script reads the table in the database.
  bool sql_option(std::string_view arg) {
    if (arg == "--rules") return paths(arg, options_.inputs);
    if (arg == "--table") return table_option(arg);
    if (arg == "--partition") return partition_option(arg);
    if (arg == "--dialect") {
      const auto given = value(arg);
      if (!given) return false;
      if (*given != "postgres") return reject(fmt::format("unknown dialect `{}` (postgres)", *given));
      options_.dialect = *given;
      return true;
    }
    if (arg == "--data" || arg == "--skip-bad-rows" || arg == "--quiet") return unknown(arg);
    return subscription_option(arg);
  }

  bool engine_option(std::string_view arg) {
    const auto given = value(arg);
    if (!given) return false;
    if (*given != "native" && *given != "postgres")
      return reject(fmt::format("unknown engine `{}` (native, postgres)", *given));
    if (*given == "postgres" && options_.command != "eval")
      return reject(fmt::format("`tally {}` runs on the native engine only; --engine postgres is for eval",
                                options_.command));
    options_.engine = *given;
    return true;
  }

  bool table_option(std::string_view arg) {
    const auto given = value(arg);
    if (!given) return false;
    if (!pg::is_table_name(*given))
      return reject(fmt::format(
          "--table takes NAME or SCHEMA.NAME in lowercase letters, digits and _, not `{}`", *given));
    options_.table = *given;
    table_given_ = true;
    return true;
  }

  bool partition_option(std::string_view arg) {
    const auto given = value(arg);
    if (!given) return false;
    const auto equals = given->find('=');
    if (equals == std::string::npos || !pg::is_table_name(given->substr(0, equals)) ||
        given->find('.') < equals)
      return reject(
          fmt::format("--partition takes COLUMN=VALUE, a column in lowercase letters, digits and _, "
                      "not `{}`",
                      *given));
    options_.partition.emplace(given->substr(0, equals), given->substr(equals + 1));
    table_given_ = true;
    return true;
  }

  bool lint_option(std::string_view arg) {
    if (arg == "--format") return format_option(arg, {"text", "json", "sarif"});
    if (arg == "--strict") {
      options_.strict = true;
      return true;
    }
    if (arg == "--max-errors") {
      const auto text = value(arg);
      if (!text) return false;
      std::size_t n = 0;
      const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
      if (ec != std::errc{} || end != text->data() + text->size() || n == 0)
        return reject(fmt::format("--max-errors takes a whole number of at least 1, not `{}`", *text));
      options_.max_errors = n;
      return true;
    }
    return unknown(arg);
  }

  bool fmt_option(std::string_view arg) {
    if (arg == "--check") return options_.fmt_check = true;
    if (arg == "--diff") return options_.fmt_diff = true;
    return unknown(arg);
  }

  bool test_option(std::string_view arg) {
    if (arg == "--coverage") return options_.coverage = true;
    if (arg == "--junit") {
      const auto file = value(arg);
      if (!file) return false;
      options_.junit = *file;
      return true;
    }
    return unknown(arg);
  }

  bool pool_option(std::string_view arg) {
    auto& pool = options_.pool;
    const auto& action = pool.action;
    const bool creates = action == "create";
    const bool grants = action == "grant" || action == "revoke";
    const bool allocates = action == "allocate" || action == "rebalance";
    if (arg == "--ledger") return named(arg, pool.ledger);
    if (arg == "--user") return named(arg, pool.user);
    if (arg == "--subscription") return named(arg, pool.subscription);
    if (arg == "--today") return text(arg, pool.today);
    if (creates && arg == "--start") return text(arg, pool.start);
    if (creates && arg == "--end") return text(arg, pool.end);
    if (creates && arg == "--purchased") return text(arg, pool.purchased);
    if (creates && arg == "--contact") return named(arg, pool.contact);
    if (grants && arg == "--grantee") return named(arg, pool.grantee);
    const bool records = action == "record";
    if ((allocates || records) && arg == "--rules") return paths(arg, options_.inputs);
    if (records && arg == "--data") {
      const auto given = value(arg);
      if (!given) return false;
      options_.data = *given;
      return true;
    }
    if (records && arg == "--as-of") return text(arg, pool.as_of);
    if (records && arg == "--purge-rules") return pool.purge_rules = true;
    if (records && arg == "--quiet") return options_.quiet = true;
    if (action == "thresholds" && arg == "--percent") {
      const auto given = value(arg);
      if (!given) return false;
      pool.percents.push_back(*given);
      return true;
    }
    if (allocates && arg == "--effective") return text(arg, pool.effective);
    if (allocates && arg == "--qlu") {
      const auto given = value(arg);
      return given && qlu_option(*given);
    }
    if ((action == "audit" || action == "export") && arg == "--format")
      return format_option(arg, {"csv", "json"});
    if (action == "export" && arg == "--report") {
      const auto given = value(arg);
      if (!given) return false;
      if (*given != "usage" && *given != "subscription" && *given != "audit")
        return reject(fmt::format("unknown report `{}` (usage, subscription, audit)", *given));
      pool.report = *given;
      return true;
    }
    if (action == "export" && arg == "--from") return text(arg, pool.from);
    if (action == "export" && arg == "--to") return text(arg, pool.to);
    return reject(fmt::format("unknown option `{}` for `tally pool {}`", arg, action));
  }

  bool report_option(std::string_view arg) {
    auto& pool = options_.pool;
    if (arg == "--ledger") return named(arg, pool.ledger);
    if (arg == "--user") return named(arg, pool.user);
    if (arg == "--subscription") return named(arg, pool.subscription);
    if (arg == "--today") return text(arg, pool.today);
    // The licences section: the licenses of --rules over --data on --as-of.
    if (arg == "--rules") return paths(arg, options_.inputs);
    if (arg == "--data" || arg == "--as-of") {
      const auto given = value(arg);
      if (!given) return false;
      if (arg == "--data")
        options_.data = *given;
      else
        options_.terms.as_of = *given;
      return true;
    }
    if (arg == "--html") {
      std::string file;
      if (!named(arg, file)) return false;
      options_.html = file;
      return true;
    }
    return unknown(arg);
  }

  // A name: the ledger's, a user's, a subscription's.
  bool named(std::string_view option, std::string& into) {
    const auto given = value(option);
    if (!given) return false;
    if (given->empty()) return reject(fmt::format("{} needs a non-empty value", option));
    into = *given;
    return true;
  }

  bool text(std::string_view option, std::optional<std::string>& into) {
    const auto given = value(option);
    if (!given) return false;
    into = *given;
    return true;
  }

  bool qlu_option(const std::string& text) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0)
      return reject(fmt::format("--qlu takes PRODUCT=QLU, not `{}`", text));
    auto product = text.substr(0, equals);
    auto& qlu = options_.pool.qlu;
    if (std::any_of(qlu.begin(), qlu.end(), [&](const auto& given) { return given.first == product; }))
      return reject(fmt::format("--qlu names {} twice", product));
    qlu.emplace_back(std::move(product), text.substr(equals + 1));
    return true;
  }

  bool licenses_option(std::string_view arg) {
    if (arg == "--rules") return paths(arg, options_.inputs);
    if (arg == "--format") return format_option(arg, {"table", "json"});
    if (arg == "--quiet") return options_.quiet = true;
    static const std::set<std::string_view> valued{"--data",    "--as-of", "--license",      "--set",
                                                   "--ledger",  "--user",  "--subscription", "--today",
                                                   "--grantee", "--role"};
    if (!valued.count(arg)) return unknown(arg);
    const auto text = value(arg);
    if (!text) return false;
    auto& pool = options_.pool;
    if (arg == "--ledger") {
      pool.ledger = *text;
    } else if (arg == "--user") {
      pool.user = *text;
    } else if (arg == "--subscription") {
      pool.subscription = *text;
    } else if (arg == "--today") {
      pool.today = *text;
    } else if (arg == "--grantee") {
      pool.grantee = *text;
    } else if (arg == "--role") {
      if (*text != "super" && *text != "sub")
        return reject(fmt::format("--role takes super or sub, not `{}`", *text));
      pool.role = *text;
    } else if (arg == "--data") {
      options_.data = *text;
    } else if (arg == "--as-of") {
      options_.terms.as_of = *text;
    } else if (arg == "--license") {
      options_.licenses.push_back(*text);
    } else {
      // LICENSE.PARAM=VALUE, the license's parameter as a subscription would set it.
      const auto dot = text->find('.'), equals = text->find('=');
      if (dot == std::string::npos || equals == std::string::npos || dot == 0 || equals < dot + 2)
        return reject(fmt::format("--set takes LICENSE.PARAM=VALUE, not `{}`", *text));
      options_.terms.product_settings[text->substr(0, dot)][text->substr(dot + 1, equals - dot - 1)] =
          text->substr(equals + 1);
    }
    return true;
  }

  // Consumes an explain-only option; false (and no error) for any other.
  bool explain_option(std::string_view arg) {
    if (arg != "--product" && arg != "--asset" && arg != "--day" && arg != "--period") return false;
    const auto text = value(arg);
    if (!text) return false;
    if (arg == "--product") {
      options_.product = *text;
      options_.terms.only = {*text};
    } else if (arg == "--asset") {
      options_.asset = *text;
    } else if (arg == "--day") {
      options_.day = *text;
    } else {
      std::size_t n = 0;
      const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
      if (ec != std::errc{} || end != text->data() + text->size() || n == 0)
        return reject(fmt::format("--period takes a period number from 1, not `{}`", *text));
      options_.period = n;
    }
    return true;
  }

  bool subscription_option(std::string_view arg) {
    if (arg == "--purge-rules") {
      options_.terms.settings["purge_rules"] = "true";
      return true;
    }
    if (arg == "--skip-bad-rows") return options_.skip_bad_rows = true;
    if (arg == "--quiet") return options_.quiet = true;
    static const std::set<std::string_view> valued{"--data",  "--subscription", "--start", "--end",
                                                   "--as-of", "--product",      "--ratio"};
    if (!valued.count(arg)) return unknown(arg);
    const auto text = value(arg);
    if (!text) return false;
    if (arg == "--data")
      options_.data = *text;
    else if (arg == "--subscription")
      options_.subscription_file = *text;
    else if (arg == "--start")
      options_.terms.start = *text;
    else if (arg == "--end")
      options_.terms.end = *text;
    else if (arg == "--as-of")
      options_.terms.as_of = *text;
    else if (arg == "--product")
      options_.terms.only.push_back(*text);
    else
      return ratio_option(*text);
    return true;
  }

  bool ratio_option(const std::string& text) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0)
      return reject(fmt::format("--ratio takes PRODUCT=DECIMAL, not `{}`", text));
    options_.terms.product_settings[text.substr(0, equals)]["ratio"] = text.substr(equals + 1);
    return true;
  }
};

} // namespace

Parsed parse(int argc, const char* const* argv) {
  return Parser(argc, argv).run();
}

} // namespace tally::cli
