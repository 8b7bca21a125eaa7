/* tally's C API, for hosts in other languages: the same pipeline as
 * tally.hpp (compile, bind, build or read a table, evaluate) through opaque
 * handles and status codes. No C++ exception ever crosses it.
 *
 * Conventions:
 * - Every call that can fail returns a tally_status. TALLY_INVALID means bad
 *   rules, terms or data: the optional `diagnostics` out-parameter (pass NULL
 *   to ignore it) then says what and where. It is set on success too (it may
 *   hold warnings) and must be freed with tally_diagnostics_free.
 * - Strings returned by the library are owned by the handle they came from
 *   and stay valid until it is freed. Strings passed in are copied.
 * - Rules, contracts, tables and usage are immutable: one may be used from
 *   many threads at once. Sources, terms and builders may not.
 * - Every *_free accepts NULL.
 * docs/embedding.md has a complete host. */
#ifndef TALLY_TALLY_H
#define TALLY_TALLY_H

#include <stddef.h>

#if defined(__GNUC__)
#define TALLY_C_API __attribute__((visibility("default")))
#else
#define TALLY_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tally_status {
  TALLY_OK = 0,
  TALLY_INVALID = 1,   /* bad rules, terms or data: see the diagnostics */
  TALLY_MISUSE = 2,    /* a NULL handle, an index out of range, a finished builder */
  TALLY_NO_MEMORY = 3, /* an allocation failed; nothing was changed */
  TALLY_INTERNAL = 4   /* a bug in tally; please report it with its input */
} tally_status;

/* "ok", "invalid input", ...; never NULL. */
TALLY_C_API const char* tally_status_text(tally_status status);
/* "0.1.0" */
TALLY_C_API const char* tally_version(void);

/* ---------------------------------------------------------------- diagnostics */

typedef enum tally_severity { TALLY_ERROR = 0, TALLY_WARNING = 1, TALLY_NOTE = 2 } tally_severity;

typedef struct tally_diagnostic {
  tally_severity severity;
  const char* code; /* "E0201", documented in docs/diagnostics.md */
  const char* file; /* as named; "<host>" or the name given for host input */
  unsigned line;    /* 1-based; 0 for the file (or table) as a whole */
  unsigned column;  /* 1-based, in bytes; for a built table, the cell's position */
  const char* message;
  const char* help; /* "" when there is no hint */
} tally_diagnostic;

typedef struct tally_diagnostics tally_diagnostics;

TALLY_C_API size_t tally_diagnostics_count(const tally_diagnostics* diagnostics);
TALLY_C_API tally_status tally_diagnostics_get(const tally_diagnostics* diagnostics, size_t index,
                                               tally_diagnostic* out);
/* Every diagnostic as the tally command prints it, with source lines and carets. */
TALLY_C_API const char* tally_diagnostics_text(const tally_diagnostics* diagnostics);
TALLY_C_API void tally_diagnostics_free(tally_diagnostics* diagnostics);

/* ---------------------------------------------------------------- rules */

typedef struct tally_limits {
  size_t max_rule_bytes;        /* size of one rule file or text */
  size_t max_nesting;           /* grammar levels of one expression */
  size_t max_identifier_length; /* bytes of one name */
  size_t max_products;          /* products in one program */
  size_t max_rows;              /* rows of one observation table */
  size_t max_term_days;         /* days of one subscription term */
} tally_limits;

/* The defaults, as `tally` uses them. */
TALLY_C_API void tally_limits_default(tally_limits* out);

typedef struct tally_sources tally_sources;
typedef struct tally_rules tally_rules;

TALLY_C_API tally_status tally_sources_new(tally_sources** out);
/* A rule file, or a folder: every *.tally inside. */
TALLY_C_API tally_status tally_sources_add_file(tally_sources* sources, const char* path);
/* Rule text held in memory; `name` is where diagnostics point. */
TALLY_C_API tally_status tally_sources_add_text(tally_sources* sources, const char* name, const char* text,
                                                size_t length);
TALLY_C_API void tally_sources_free(tally_sources* sources);

/* `limits` may be NULL for the defaults. */
TALLY_C_API tally_status tally_rules_compile(const tally_sources* sources, const tally_limits* limits,
                                             tally_rules** out, tally_diagnostics** diagnostics);
TALLY_C_API void tally_rules_free(tally_rules* rules);

/* ---------------------------------------------------------------- terms and contracts */

typedef struct tally_terms tally_terms;
typedef struct tally_contract tally_contract;

TALLY_C_API tally_status tally_terms_new(tally_terms** out);
/* One term, named as in a `subscription` block: "start", "end", "as_of"
 * (dates "2026-01-01"), a subscription-wide parameter ("purge_rules"), a
 * product's parameter ("VMDR.ratio"), "products" (those bought, "VMDR;PA")
 * or "only" (those reported). Values are checked when bound. */
TALLY_C_API tally_status tally_terms_set(tally_terms* terms, const char* name, const char* value);
TALLY_C_API void tally_terms_free(tally_terms* terms);

TALLY_C_API tally_status tally_contract_bind(const tally_rules* rules, const tally_terms* terms,
                                             tally_contract** out, tally_diagnostics** diagnostics);
TALLY_C_API void tally_contract_free(tally_contract* contract);

/* ---------------------------------------------------------------- tables */

typedef struct tally_table tally_table;
typedef struct tally_builder tally_builder;

/* CSV or JSON Lines; `skip_bad_rows` non-zero skips bad rows, reporting each as a warning. */
TALLY_C_API tally_status tally_table_read(const tally_contract* contract, const char* path, int skip_bad_rows,
                                          tally_table** out, tally_diagnostics** diagnostics);
TALLY_C_API size_t tally_table_rows(const tally_table* table);
TALLY_C_API void tally_table_free(tally_table* table);

/* `columns` plays the part of a CSV header; `name` (NULL: "<host>") is where diagnostics point. */
TALLY_C_API tally_status tally_builder_new(const tally_rules* rules, const char* const* columns, size_t count,
                                           const char* name, tally_builder** out,
                                           tally_diagnostics** diagnostics);
/* One NUL-terminated cell per column, as text in the data contract's formats.
 * A bad row is refused (TALLY_INVALID) and nothing of it is kept. */
TALLY_C_API tally_status tally_builder_append_row(tally_builder* builder, const char* const* cells,
                                                  tally_diagnostics** diagnostics);
/* The rows appended so far, as a table; the builder starts again, empty. */
TALLY_C_API tally_status tally_builder_finish(tally_builder* builder, tally_table** out);
TALLY_C_API void tally_builder_free(tally_builder* builder);

/* ---------------------------------------------------------------- evaluation */

typedef struct tally_usage tally_usage;

/* An exact rational, as text. */
typedef struct tally_exact {
  const char* numerator;   /* base 10, signed */
  const char* denominator; /* base 10, positive, lowest terms */
  const char* decimal;     /* exact, or rounded half-even to 6 places when it has no finite form */
  int decimal_is_exact;
} tally_exact;

typedef struct tally_period {
  const char* start; /* ISO date, inclusive */
  const char* end;
  int partial; /* the interval extends past the as-of day */
  tally_exact usage;
  tally_exact qlu;
  size_t component_count;
} tally_period;

typedef struct tally_total {
  const char* start;
  const char* end;
  int partial;
  tally_exact qlu;
} tally_total;

/* Evaluates every bought product; the table must come from the same rules. */
TALLY_C_API tally_status tally_evaluate(const tally_contract* contract, const tally_table* table,
                                        tally_usage** out, tally_diagnostics** diagnostics);
TALLY_C_API size_t tally_usage_product_count(const tally_usage* usage);
TALLY_C_API const char* tally_usage_product(const tally_usage* usage, size_t product);
TALLY_C_API size_t tally_usage_period_count(const tally_usage* usage, size_t product);
TALLY_C_API tally_status tally_usage_period(const tally_usage* usage, size_t product, size_t period,
                                            tally_period* out);
TALLY_C_API tally_status tally_usage_component(const tally_usage* usage, size_t product, size_t period,
                                               size_t component, const char** name, tally_exact* value);
TALLY_C_API size_t tally_usage_total_count(const tally_usage* usage);
TALLY_C_API tally_status tally_usage_total(const tally_usage* usage, size_t index, tally_total* out);
TALLY_C_API void tally_usage_free(tally_usage* usage);

#ifdef __cplusplus
}
#endif

#endif /* TALLY_TALLY_H */
