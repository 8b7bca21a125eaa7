/* A C host of tally: the same pipeline as examples/embed-cpp through the C
 * API. Compiles the rules once, builds the observation table in memory, binds
 * the terms and prints every product's QLU per period as exact fractions.
 *
 *   embed-c RULES_DIR ROWS.csv
 *
 * The rows come from a CSV only so that the result can be checked against
 * `tally eval` on the same file; the host splits the lines itself. */
#include <tally/tally.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LINE = 4096, MAX_CELLS = 64 };

/* Splits `line` in place into at most MAX_CELLS cells (quoted cells may hold
 * commas; the sample has no escaped quotes). Returns the number of cells. */
static size_t split_csv_line(char* line, char* cells[MAX_CELLS]) {
  size_t count = 0;
  int quoted = 0;
  char* out = line;
  cells[count++] = out;
  for (const char* in = line; *in && *in != '\n' && *in != '\r'; ++in) {
    if (*in == '"') {
      quoted = !quoted;
    } else if (*in == ',' && !quoted && count < MAX_CELLS) {
      *out++ = '\0';
      cells[count++] = out;
    } else {
      *out++ = *in;
    }
  }
  *out = '\0';
  return count;
}

/* Prints the diagnostics (if any), frees them and passes the status on. */
static tally_status report(tally_status status, tally_diagnostics* diagnostics) {
  if (status != TALLY_OK)
    fprintf(stderr, "%s%s\n", tally_diagnostics_text(diagnostics), tally_status_text(status));
  tally_diagnostics_free(diagnostics);
  return status;
}

static int print_usage(const tally_usage* usage) {
  for (size_t p = 0; p < tally_usage_product_count(usage); ++p)
    for (size_t i = 0; i < tally_usage_period_count(usage, p); ++i) {
      tally_period period;
      if (tally_usage_period(usage, p, i, &period) != TALLY_OK) return 1;
      if (strcmp(period.qlu.denominator, "1") == 0)
        printf("%s,%s,%s,%s\n", tally_usage_product(usage, p), period.start, period.end,
               period.qlu.numerator);
      else
        printf("%s,%s,%s,%s/%s\n", tally_usage_product(usage, p), period.start, period.end,
               period.qlu.numerator, period.qlu.denominator);
    }
  return 0;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: embed-c RULES_DIR ROWS.csv\n");
    return 2;
  }
  int exit_code = 1;
  tally_sources* sources = NULL;
  tally_rules* rules = NULL;
  tally_terms* terms = NULL;
  tally_contract* contract = NULL;
  tally_builder* builder = NULL;
  tally_table* table = NULL;
  tally_usage* usage = NULL;
  tally_diagnostics* diagnostics = NULL;
  FILE* rows = NULL;
  char line[MAX_LINE];
  char* cells[MAX_CELLS];

  if (tally_sources_new(&sources) != TALLY_OK || tally_sources_add_file(sources, argv[1]) != TALLY_OK)
    goto done;
  if (report(tally_rules_compile(sources, NULL, &rules, &diagnostics), diagnostics) != TALLY_OK) goto done;

  if (tally_terms_new(&terms) != TALLY_OK || tally_terms_set(terms, "start", "2026-01-01") != TALLY_OK ||
      tally_terms_set(terms, "end", "2026-12-31") != TALLY_OK ||
      tally_terms_set(terms, "purge_rules", "true") != TALLY_OK ||
      tally_terms_set(terms, "VMDR.ratio", "1.4") != TALLY_OK)
    goto done;
  if (report(tally_contract_bind(rules, terms, &contract, &diagnostics), diagnostics) != TALLY_OK) goto done;

  rows = fopen(argv[2], "r");
  if (!rows || !fgets(line, sizeof line, rows)) {
    fprintf(stderr, "cannot read %s\n", argv[2]);
    goto done;
  }
  size_t columns = split_csv_line(line, cells);
  if (report(
          tally_builder_new(rules, (const char* const*)cells, columns, "inventory", &builder, &diagnostics),
          diagnostics) != TALLY_OK)
    goto done;
  while (fgets(line, sizeof line, rows)) {
    if (split_csv_line(line, cells) != columns) {
      fprintf(stderr, "a row without %zu cells\n", columns);
      goto done;
    }
    if (report(tally_builder_append_row(builder, (const char* const*)cells, &diagnostics), diagnostics) !=
        TALLY_OK)
      goto done;
  }
  if (tally_builder_finish(builder, &table) != TALLY_OK) goto done;
  if (report(tally_evaluate(contract, table, &usage, &diagnostics), diagnostics) != TALLY_OK) goto done;
  exit_code = print_usage(usage);

done:
  if (rows) fclose(rows);
  tally_usage_free(usage);
  tally_table_free(table);
  tally_builder_free(builder);
  tally_contract_free(contract);
  tally_terms_free(terms);
  tally_rules_free(rules);
  tally_sources_free(sources);
  return exit_code;
}
