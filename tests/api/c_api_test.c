/* The C API as a C host uses it, including every misuse it must survive. */
#include <tally/tally.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(condition)                                                                                     \
  do {                                                                                                       \
    if (!(condition)) {                                                                                      \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #condition);                          \
      ++failures;                                                                                            \
    }                                                                                                        \
  } while (0)

static const char rules_text[] =
    "import \"prelude\"\n"
    "product THIRDS {\n"
    "  method peak every 15 days\n"
    "  param ratio: decimal = 1\n"
    "  component assets = count distinct asset_id of snapshot where findings > 0\n"
    "  usage = assets\n"
    "  qlu = usage * ratio / 3\n"
    "}\n";

static tally_rules* compile(const char* text) {
  tally_sources* sources = NULL;
  tally_rules* rules = NULL;
  tally_diagnostics* diagnostics = NULL;
  CHECK(tally_sources_new(&sources) == TALLY_OK);
  CHECK(tally_sources_add_text(sources, "thirds.tally", text, strlen(text)) == TALLY_OK);
  tally_status status = tally_rules_compile(sources, NULL, &rules, &diagnostics);
  if (status != TALLY_OK) fprintf(stderr, "%s", tally_diagnostics_text(diagnostics));
  tally_diagnostics_free(diagnostics);
  tally_sources_free(sources);
  return rules;
}

static void evaluates_a_table_built_in_memory(void) {
  tally_rules* rules = compile(rules_text);
  CHECK(rules != NULL);
  tally_terms* terms = NULL;
  CHECK(tally_terms_new(&terms) == TALLY_OK);
  CHECK(tally_terms_set(terms, "start", "2026-01-01") == TALLY_OK);
  CHECK(tally_terms_set(terms, "THIRDS.ratio", "2") == TALLY_OK);
  tally_contract* contract = NULL;
  CHECK(tally_contract_bind(rules, terms, &contract, NULL) == TALLY_OK);

  const char* columns[] = {"observed_at", "asset_id", "source", "findings"};
  tally_builder* builder = NULL;
  CHECK(tally_builder_new(rules, columns, 4, "fleet", &builder, NULL) == TALLY_OK);
  const char* rows[][4] = {{"2026-01-01", "a1", "scanner", "3"},
                           {"2026-01-01", "a2", "scanner", "0"},
                           {"2026-01-02", "a3", "scanner", "7"}};
  for (int i = 0; i < 3; ++i)
    CHECK(tally_builder_append_row(builder, rows[i], NULL) == TALLY_OK);
  tally_table* table = NULL;
  CHECK(tally_builder_finish(builder, &table) == TALLY_OK);
  CHECK(tally_table_rows(table) == 3);

  tally_usage* usage = NULL;
  tally_diagnostics* diagnostics = NULL;
  CHECK(tally_evaluate(contract, table, &usage, &diagnostics) == TALLY_OK);
  CHECK(tally_diagnostics_count(diagnostics) == 0);
  tally_diagnostics_free(diagnostics);
  CHECK(tally_usage_product_count(usage) == 1);
  CHECK(strcmp(tally_usage_product(usage, 0), "THIRDS") == 0);
  CHECK(tally_usage_period_count(usage, 0) == 1);
  tally_period period;
  CHECK(tally_usage_period(usage, 0, 0, &period) == TALLY_OK);
  CHECK(strcmp(period.start, "2026-01-01") == 0);
  CHECK(strcmp(period.end, "2026-01-15") == 0);
  CHECK(period.partial);
  CHECK(strcmp(period.usage.numerator, "1") == 0); /* one asset with findings on each day */
  CHECK(strcmp(period.qlu.numerator, "2") == 0);
  CHECK(strcmp(period.qlu.denominator, "3") == 0);
  CHECK(strcmp(period.qlu.decimal, "0.666667") == 0);
  CHECK(!period.qlu.decimal_is_exact);
  CHECK(period.component_count == 1);
  const char* name = NULL;
  tally_exact value;
  CHECK(tally_usage_component(usage, 0, 0, 0, &name, &value) == TALLY_OK);
  CHECK(strcmp(name, "assets") == 0 && strcmp(value.numerator, "1") == 0);
  CHECK(tally_usage_total_count(usage) >= 1);
  tally_total total;
  CHECK(tally_usage_total(usage, 0, &total) == TALLY_OK);
  CHECK(strcmp(total.qlu.numerator, "2") == 0);

  tally_usage_free(usage);
  tally_table_free(table);
  tally_builder_free(builder);
  tally_contract_free(contract);
  tally_terms_free(terms);
  tally_rules_free(rules);
}

static void reports_bad_input_as_diagnostics(void) {
  tally_sources* sources = NULL;
  tally_rules* rules = NULL;
  tally_diagnostics* diagnostics = NULL;
  const char bad[] = "import \"prelude\"\nproduct X {\n  usage = \n";
  CHECK(tally_sources_new(&sources) == TALLY_OK);
  CHECK(tally_sources_add_text(sources, "bad.tally", bad, strlen(bad)) == TALLY_OK);
  CHECK(tally_rules_compile(sources, NULL, &rules, &diagnostics) == TALLY_INVALID);
  CHECK(rules == NULL);
  CHECK(tally_diagnostics_count(diagnostics) == 1);
  tally_diagnostic diagnostic;
  CHECK(tally_diagnostics_get(diagnostics, 0, &diagnostic) == TALLY_OK);
  CHECK(diagnostic.severity == TALLY_ERROR);
  CHECK(strcmp(diagnostic.file, "bad.tally") == 0);
  CHECK(diagnostic.line == 4);
  CHECK(strstr(tally_diagnostics_text(diagnostics), "bad.tally:4:") != NULL);
  tally_diagnostics_free(diagnostics);
  tally_sources_free(sources);

  rules = compile(rules_text);
  tally_terms* terms = NULL;
  tally_contract* contract = NULL;
  CHECK(tally_terms_new(&terms) == TALLY_OK);
  CHECK(tally_terms_set(terms, "start", "2026-02-30") == TALLY_OK);
  CHECK(tally_contract_bind(rules, terms, &contract, &diagnostics) == TALLY_INVALID);
  CHECK(contract == NULL);
  CHECK(tally_diagnostics_count(diagnostics) == 1);
  tally_diagnostics_free(diagnostics);

  const char* columns[] = {"observed_at", "asset_id", "source", "findings"};
  tally_builder* builder = NULL;
  CHECK(tally_builder_new(rules, columns, 4, NULL, &builder, NULL) == TALLY_OK);
  const char* bad_row[] = {"2026-01-01", "a1", "scanner", "many"};
  CHECK(tally_builder_append_row(builder, bad_row, &diagnostics) == TALLY_INVALID);
  CHECK(tally_diagnostics_get(diagnostics, 0, &diagnostic) == TALLY_OK);
  CHECK(strcmp(diagnostic.code, "E0705") == 0);
  CHECK(strcmp(diagnostic.file, "<host>") == 0);
  CHECK(diagnostic.line == 1 && diagnostic.column == 4);
  tally_diagnostics_free(diagnostics);
  tally_builder_free(builder);

  const char* missing[] = {"asset_id"};
  CHECK(tally_builder_new(rules, missing, 1, NULL, &builder, &diagnostics) == TALLY_INVALID);
  CHECK(builder == NULL);
  tally_diagnostics_free(diagnostics);

  tally_table* table = NULL;
  CHECK(tally_table_read(NULL, "x.csv", 0, &table, NULL) == TALLY_MISUSE);
  tally_terms_free(terms);
  tally_rules_free(rules);
}

static void survives_misuse(void) {
  tally_diagnostic diagnostic;
  CHECK(tally_diagnostics_count(NULL) == 0);
  CHECK(tally_diagnostics_get(NULL, 0, &diagnostic) == TALLY_MISUSE);
  CHECK(strcmp(tally_diagnostics_text(NULL), "") == 0);
  CHECK(tally_sources_new(NULL) == TALLY_MISUSE);
  CHECK(tally_sources_add_file(NULL, "rules") == TALLY_MISUSE);
  CHECK(tally_rules_compile(NULL, NULL, NULL, NULL) == TALLY_MISUSE);
  CHECK(tally_terms_set(NULL, "start", "2026-01-01") == TALLY_MISUSE);
  CHECK(tally_contract_bind(NULL, NULL, NULL, NULL) == TALLY_MISUSE);
  CHECK(tally_builder_append_row(NULL, NULL, NULL) == TALLY_MISUSE);
  CHECK(tally_evaluate(NULL, NULL, NULL, NULL) == TALLY_MISUSE);
  CHECK(tally_usage_product_count(NULL) == 0);
  CHECK(tally_usage_product(NULL, 0) == NULL);
  CHECK(tally_usage_period(NULL, 0, 0, NULL) == TALLY_MISUSE);
  CHECK(strcmp(tally_status_text(TALLY_INVALID), "invalid input (see the diagnostics)") == 0);
  CHECK(strlen(tally_version()) > 0);
  tally_limits limits;
  tally_limits_default(&limits);
  CHECK(limits.max_nesting == 1000);
  tally_rules_free(NULL);
  tally_usage_free(NULL);
}

int main(void) {
  evaluates_a_table_built_in_memory();
  reports_bad_input_as_diagnostics();
  survives_misuse();
  if (failures) fprintf(stderr, "%d checks failed\n", failures);
  return failures ? 1 : 0;
}
