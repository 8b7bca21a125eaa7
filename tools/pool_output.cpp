#include "tools/pool_output.hpp"

#include "tools/ledger/qlu.hpp"
#include "tools/output_text.hpp"
#include "tools/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tally {

using ledger::qlu_shown;

std::string format_pool(const ledger::PoolView& pool) {
  const auto& terms = pool.terms;
  std::string out = fmt::format("{}: {} .. {}, primary contact {}\n", terms.name, format_date(terms.start),
                                format_date(terms.end), terms.primary_contact);
  out += fmt::format("granted the right to view and change allocations: {}\n",
                     pool.granted.empty() ? std::string("nobody")
                                          : fmt::format("{}", fmt::join(pool.granted, ", ")));
  if (pool.last_change)
    out += fmt::format("allocations effective {} ({}); next rebalance possible from {}\n",
                       format_date(pool.last_change->effective),
                       pool.last_change->kind == "allocate" ? "the first allocation" : "a rebalance",
                       format_date(*pool.next_rebalance()));
  else
    out += "nothing allocated yet\n";

  TableColumn names{"product", false, {}}, quantities{"QLU", true, {}};
  const auto row = [&](std::string name, const Rational& qlu) {
    names.cells.push_back({std::move(name)});
    quantities.cells.push_back({qlu_shown(qlu)});
  };
  for (const auto& [product, qlu] : pool.allocations)
    row(product, qlu);
  names.cells.push_back({});
  quantities.cells.push_back({});
  row("purchased", terms.purchased);
  row("allocated", pool.allocated());
  row("available", pool.available());
  return out + "\n" + render_columns({names, quantities});
}

std::string shown_exact(const Rational& value) {
  const auto decimal = to_decimal_text(value);
  return (decimal.rounded ? "~" : "") + group_thousands(decimal.text);
}

std::string percent_shown(const Rational& percent) {
  return to_decimal_text(round_to(percent, RoundingMode::half_even, 1)).text + "%";
}

std::string_view band_name(ledger::ProductStatus::Band band) {
  switch (band) {
  case ledger::ProductStatus::Band::over:
    return "over-utilised";
  case ledger::ProductStatus::Band::within:
    return "within";
  case ledger::ProductStatus::Band::under:
    return "under-utilised";
  case ledger::ProductStatus::Band::unallocated:
    return "not allocated";
  case ledger::ProductStatus::Band::no_usage:
    return "no usage recorded";
  }
  return "";
}

std::string format_status(const ledger::StatusView& status) {
  const auto& terms = status.terms;
  std::string out = fmt::format("{}: {} .. {}, {} QLU purchased\n", terms.name, format_date(terms.start),
                                format_date(terms.end), qlu_shown(terms.purchased));
  if (!status.as_of) return out + "no usage recorded yet (`tally pool record` records it)\n";
  out += fmt::format("usage as of {}, each product at its latest period\n\n", format_date(*status.as_of));
  TableColumn product{"product", false, {}}, period{"period", false, {}}, allocated{"allocated", true, {}},
      used{"used", true, {}}, remaining{"remaining", true, {}}, share{"used %", true, {}},
      band{"", false, {}};
  for (const auto& line : status.products) {
    product.cells.push_back({line.product});
    period.cells.push_back(
        {line.latest ? fmt::format("{} .. {}{}", format_date(line.latest->start),
                                   format_date(line.latest->end), line.latest->partial ? " (partial)" : "")
                     : std::string("-")});
    allocated.cells.push_back({line.allocated ? qlu_shown(*line.allocated) : std::string("-")});
    used.cells.push_back({line.latest ? shown_exact(line.used()) : std::string("-")});
    remaining.cells.push_back({line.allocated ? shown_exact(line.remaining()) : std::string("-")});
    const auto percent = line.percent();
    share.cells.push_back({percent && line.latest ? percent_shown(*percent) : std::string("-")});
    band.cells.push_back({std::string(band_name(line.band()))});
  }
  return out + render_columns({product, period, allocated, used, remaining, share, band});
}

std::string format_percents(const std::vector<Rational>& percents) {
  std::vector<std::string> texts;
  for (const auto& percent : percents)
    texts.push_back(ledger::qlu_text(percent) + "%");
  return fmt::format("{}", fmt::join(texts, ", "));
}

std::string format_alerts(const std::vector<Rational>& thresholds, const std::vector<ledger::Alert>& alerts) {
  std::string out = fmt::format("thresholds: {}\n", format_percents(thresholds));
  if (alerts.empty()) return out + "no product has crossed a threshold of its allocation\n";
  TableColumn product{"product", false, {}}, threshold{"threshold", true, {}}, period{"period", false, {}},
      used{"used", true, {}}, allocated{"allocated", true, {}}, share{"used %", true, {}};
  for (const auto& alert : alerts) {
    product.cells.push_back({alert.product});
    threshold.cells.push_back({ledger::qlu_text(alert.threshold) + "%"});
    period.cells.push_back(
        {fmt::format("{} .. {}{}", format_date(alert.period.start), format_date(alert.period.end),
                     alert.period.partial ? " (partial)" : "")});
    used.cells.push_back({shown_exact(alert.period.qlu.value())});
    allocated.cells.push_back({qlu_shown(alert.allocated)});
    share.cells.push_back({percent_shown(alert.percent())});
  }
  return out + "\n" + render_columns({product, threshold, period, used, allocated, share});
}

std::string format_changes(const std::vector<ledger::ProductChange>& changes) {
  const auto before = [](const ledger::ProductChange& change) {
    return change.before ? qlu_shown(*change.before) : std::string("none");
  };
  std::size_t product_width = 0, before_width = 0;
  for (const auto& change : changes) {
    product_width = std::max(product_width, change.product.size());
    before_width = std::max(before_width, before(change).size());
  }
  std::string out;
  for (const auto& change : changes)
    out += fmt::format("  {:<{}}  {:>{}} -> {}\n", change.product, product_width, before(change),
                       before_width, qlu_shown(change.after));
  return out;
}

std::string format_audit_csv(const std::vector<ledger::AuditEntry>& entries) {
  std::string out = "id,at,who,action,subscription,outcome,reason,before,after\n";
  for (const auto& entry : entries)
    out += fmt::format("{},{},{},{},{},{},{},{},{}\n", entry.id, entry.at, csv_field(entry.who),
                       csv_field(entry.action), csv_field(entry.subscription), entry.outcome,
                       csv_field(entry.reason.value_or("")), csv_field(entry.before.value_or("")),
                       csv_field(entry.after.value_or("")));
  return out;
}

std::string format_audit_json(const std::vector<ledger::AuditEntry>& entries) {
  const auto text = [](const std::optional<std::string>& value) {
    return value ? json_string(*value) : "null";
  };
  // before and after are JSON already: the schema checks them with json_valid().
  const auto raw = [](const std::optional<std::string>& value) { return value.value_or("null"); };
  std::string out = "[";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& entry = entries[i];
    out += fmt::format("{}\n  {{\"id\": {}, \"at\": {}, \"who\": {}, \"action\": {}, \"subscription\": {}, "
                       "\"outcome\": {}, \"reason\": {}, \"before\": {}, \"after\": {}}}",
                       i == 0 ? "" : ",", entry.id, json_string(entry.at), json_string(entry.who),
                       json_string(entry.action), json_string(entry.subscription), json_string(entry.outcome),
                       text(entry.reason), raw(entry.before), raw(entry.after));
  }
  return out + (entries.empty() ? "]\n" : "\n]\n");
}

namespace {

std::string fraction_of(const ledger::ExactText& value) {
  return value.denominator == "1" ? value.numerator : value.numerator + "/" + value.denominator;
}

std::string before_text(const ledger::AllocationRecord& change) {
  return change.before ? ledger::qlu_text(*change.before) : "";
}

} // namespace

std::string format_usage_csv(const std::vector<ledger::RecordedPeriod>& periods) {
  std::string out =
      "product,start,end,partial,usage,qlu,usage_exact,qlu_exact,as_of,rules_sha256,data_sha256\n";
  for (const auto& [period, as_of, rules, data] : periods)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(period.product),
                       format_date(period.start), format_date(period.end), period.partial,
                       period.usage.decimal, period.qlu.decimal, fraction_of(period.usage),
                       fraction_of(period.qlu), format_date(as_of), rules, data);
  return out;
}

std::string format_usage_json(const std::vector<ledger::RecordedPeriod>& periods) {
  std::string out = "[";
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& [period, as_of, rules, data] = periods[i];
    out += fmt::format("{}\n  {{\"product\": {}, \"start\": \"{}\", \"end\": \"{}\", \"partial\": {}, "
                       "\"usage\": \"{}\", \"qlu\": \"{}\", \"usage_exact\": \"{}\", \"qlu_exact\": \"{}\", "
                       "\"as_of\": \"{}\", \"rules_sha256\": \"{}\", \"data_sha256\": \"{}\"}}",
                       i == 0 ? "" : ",", json_string(period.product), format_date(period.start),
                       format_date(period.end), period.partial, period.usage.decimal, period.qlu.decimal,
                       fraction_of(period.usage), fraction_of(period.qlu), format_date(as_of), rules, data);
  }
  return out + (periods.empty() ? "]\n" : "\n]\n");
}

std::string format_subscription_csv(const ledger::SubscriptionTerms& terms,
                                    const std::vector<ledger::AllocationRecord>& changes) {
  std::string out =
      "subscription,start,end,purchased,primary_contact,effective,kind,product,before,after,made_by\n";
  for (const auto& change : changes)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(terms.name), format_date(terms.start),
                       format_date(terms.end), ledger::qlu_text(terms.purchased),
                       csv_field(terms.primary_contact), format_date(change.effective), change.kind,
                       csv_field(change.product), before_text(change), ledger::qlu_text(change.after),
                       csv_field(change.made_by));
  return out;
}

std::string format_subscription_json(const ledger::SubscriptionTerms& terms,
                                     const std::vector<ledger::AllocationRecord>& changes) {
  std::string out =
      fmt::format("{{\"subscription\": {}, \"start\": \"{}\", \"end\": \"{}\", \"purchased\": \"{}\", "
                  "\"primary_contact\": {}, \"allocation_changes\": [",
                  json_string(terms.name), format_date(terms.start), format_date(terms.end),
                  ledger::qlu_text(terms.purchased), json_string(terms.primary_contact));
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& change = changes[i];
    out += fmt::format("{}\n  {{\"effective\": \"{}\", \"kind\": \"{}\", \"product\": {}, \"before\": {}, "
                       "\"after\": \"{}\", \"made_by\": {}}}",
                       i == 0 ? "" : ",", format_date(change.effective), change.kind,
                       json_string(change.product),
                       change.before ? fmt::format("\"{}\"", ledger::qlu_text(*change.before)) : "null",
                       ledger::qlu_text(change.after), json_string(change.made_by));
  }
  return out + (changes.empty() ? "]}\n" : "\n]}\n");
}

} // namespace tally
