#include "tools/diagnostic_output.hpp"

#include <catch2/catch.hpp>

using tally::Diagnostic;
using tally::Severity;
using tally::SourceRegistry;

namespace {

Diagnostic diagnostic(Severity severity, std::string code, std::string file, std::uint32_t line,
                      std::uint32_t column, std::uint32_t length, std::string message,
                      std::string help = {}) {
  return {severity, std::move(code),    {std::move(file), line, column},
          length,   std::move(message), std::move(help)};
}

// A rule file with a non-ASCII line, the diagnostics a check of it might give
// (deliberately out of order), one about the whole file and one about the
// command line.
struct Sample {
  SourceRegistry sources;
  std::vector<Diagnostic> diagnostics;
};

Sample sample() {
  Sample s;
  s.sources.add("rules/a.tally", "import \"prelude\"\n"
                                 "# café\n"
                                 "let café = asset_typ\n");
  s.diagnostics = {
      diagnostic(Severity::warning, "W0201", "rules/a.tally", 3, 5, 5, "`café` is never used"),
      diagnostic(Severity::error, "E0201", "rules/a.tally", 3, 13, 9, "unknown name `asset_typ`",
                 "did you mean `asset_type`?"),
      diagnostic(Severity::error, "E0508", "rules/b.tally", 0, 0, 1, "no `schema` declared",
                 "import \"prelude\""),
      diagnostic(Severity::error, "E0205", "<command line>", 0, 0, 1, "unknown product `VMDRR`"),
  };
  return s;
}

} // namespace

TEST_CASE("diagnostics JSON lists every diagnostic with counts", "[diagnostics][json]") {
  const Sample s = sample();
  CHECK(tally::diagnostics_json(s.diagnostics, s.sources) == R"({
  "diagnostics": [
    {"code": "W0201", "severity": "warning", "file": "rules/a.tally", "line": 3, "column": 5, "end_column": 10, "message": "`café` is never used", "help": ""},
    {"code": "E0201", "severity": "error", "file": "rules/a.tally", "line": 3, "column": 13, "end_column": 22, "message": "unknown name `asset_typ`", "help": "did you mean `asset_type`?"},
    {"code": "E0508", "severity": "error", "file": "rules/b.tally", "line": 0, "column": 0, "end_column": 0, "message": "no `schema` declared", "help": "import \"prelude\""},
    {"code": "E0205", "severity": "error", "file": "<command line>", "line": 0, "column": 0, "end_column": 0, "message": "unknown product `VMDRR`", "help": ""}
  ],
  "errors": 3,
  "warnings": 1,
  "notes": 0
}
)");
}

TEST_CASE("diagnostics JSON without diagnostics", "[diagnostics][json]") {
  CHECK(tally::diagnostics_json({}, SourceRegistry{}) == R"({
  "diagnostics": [],
  "errors": 0,
  "warnings": 0,
  "notes": 0
}
)");
}

TEST_CASE("diagnostics JSON escapes control characters and keeps UTF-8", "[diagnostics][json]") {
  const std::vector<Diagnostic> diagnostics{
      diagnostic(Severity::note, "", "", 0, 7, 1, "tab\there \"q\" back\\slash\nnew \x01 \xc3\xa9 \xff end")};
  CHECK(tally::diagnostics_json(diagnostics, SourceRegistry{}) == R"({
  "diagnostics": [
    {"code": "", "severity": "note", "file": "", "line": 0, "column": 0, "end_column": 0, "message": "tab\there \"q\" back\\slash\nnew \u0001 é \ufffd end", "help": ""}
  ],
  "errors": 0,
  "warnings": 0,
  "notes": 1
}
)");
}

TEST_CASE("SARIF log of a check with rules results and artifacts", "[diagnostics][sarif]") {
  const Sample s = sample();
  // Results sorted by file, line, column and code; columns in code points
  // ("café" is 5 bytes, 4 code points); the whole-file result has no region,
  // the command-line one no location.
  CHECK(tally::diagnostics_sarif(s.diagnostics, s.sources, "1.2.3",
                                 {"rules/a.tally", "rules/b.tally", "my rules/\xc3\xbc #1.tally"}) == R"({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "tally",
          "version": "1.2.3",
          "informationUri": "https://example.invalid/tally/docs/diagnostics.md",
          "rules": [
            {
              "id": "E0201",
              "name": "UnknownName",
              "shortDescription": {
                "text": "An unknown name."
              },
              "fullDescription": {
                "text": "An unknown name. Example: `where asset_typ in {host, vm}` -> did you mean `asset_type`?"
              },
              "defaultConfiguration": {
                "level": "error"
              },
              "helpUri": "https://example.invalid/tally/docs/diagnostics.md"
            },
            {
              "id": "E0205",
              "name": "UnknownProduct",
              "shortDescription": {
                "text": "An unknown product."
              },
              "fullDescription": {
                "text": "An unknown product. Example: `subscribed(ETMM)`, `--product VMDRR`."
              },
              "defaultConfiguration": {
                "level": "error"
              },
              "helpUri": "https://example.invalid/tally/docs/diagnostics.md"
            },
            {
              "id": "E0508",
              "name": "MissingSchemaColumn",
              "shortDescription": {
                "text": "No schema, or a schema without `observed_at` (timestamp) and `asset_id` (string)."
              },
              "fullDescription": {
                "text": "No schema, or a schema without `observed_at` (timestamp) and `asset_id` (string). Example: a rule file without `import \"prelude\"`."
              },
              "defaultConfiguration": {
                "level": "error"
              },
              "helpUri": "https://example.invalid/tally/docs/diagnostics.md"
            },
            {
              "id": "W0201",
              "name": "UnusedDefinition",
              "shortDescription": {
                "text": "A definition that nothing uses."
              },
              "fullDescription": {
                "text": "A definition that nothing uses. Example: a `let` that no product refers to."
              },
              "defaultConfiguration": {
                "level": "warning"
              },
              "helpUri": "https://example.invalid/tally/docs/diagnostics.md"
            }
          ]
        }
      },
      "invocations": [
        {
          "executionSuccessful": true
        }
      ],
      "artifacts": [
        {
          "location": {
            "uri": "rules/a.tally",
            "uriBaseId": "%SRCROOT%"
          },
          "roles": [
            "analysisTarget"
          ]
        },
        {
          "location": {
            "uri": "rules/b.tally",
            "uriBaseId": "%SRCROOT%"
          },
          "roles": [
            "analysisTarget"
          ]
        },
        {
          "location": {
            "uri": "my%20rules/%C3%BC%20%231.tally",
            "uriBaseId": "%SRCROOT%"
          },
          "roles": [
            "analysisTarget"
          ]
        }
      ],
      "results": [
        {
          "ruleId": "E0205",
          "ruleIndex": 1,
          "level": "error",
          "message": {
            "text": "unknown product `VMDRR`."
          }
        },
        {
          "ruleId": "W0201",
          "ruleIndex": 3,
          "level": "warning",
          "message": {
            "text": "`café` is never used."
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "rules/a.tally",
                  "uriBaseId": "%SRCROOT%",
                  "index": 0
                },
                "region": {
                  "startLine": 3,
                  "startColumn": 5,
                  "endColumn": 9,
                  "snippet": {
                    "text": "café"
                  }
                },
                "contextRegion": {
                  "startLine": 3,
                  "snippet": {
                    "text": "let café = asset_typ"
                  }
                }
              }
            }
          ]
        },
        {
          "ruleId": "E0201",
          "ruleIndex": 0,
          "level": "error",
          "message": {
            "text": "unknown name `asset_typ`. Help: did you mean `asset_type`?"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "rules/a.tally",
                  "uriBaseId": "%SRCROOT%",
                  "index": 0
                },
                "region": {
                  "startLine": 3,
                  "startColumn": 12,
                  "endColumn": 21,
                  "snippet": {
                    "text": "asset_typ"
                  }
                },
                "contextRegion": {
                  "startLine": 3,
                  "snippet": {
                    "text": "let café = asset_typ"
                  }
                }
              }
            }
          ],
          "properties": {
            "help": "did you mean `asset_type`?"
          }
        },
        {
          "ruleId": "E0508",
          "ruleIndex": 2,
          "level": "error",
          "message": {
            "text": "no `schema` declared. Help: import \"prelude\"."
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "rules/b.tally",
                  "uriBaseId": "%SRCROOT%",
                  "index": 1
                }
              }
            }
          ],
          "properties": {
            "help": "import \"prelude\""
          }
        }
      ],
      "columnKind": "unicodeCodePoints"
    }
  ]
}
)");
}

TEST_CASE("SARIF log of a clean check", "[diagnostics][sarif]") {
  CHECK(tally::diagnostics_sarif({}, SourceRegistry{}, "0.1.0", {"a.tally"}) == R"({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "tally",
          "version": "0.1.0",
          "informationUri": "https://example.invalid/tally/docs/diagnostics.md",
          "rules": []
        }
      },
      "invocations": [
        {
          "executionSuccessful": true
        }
      ],
      "artifacts": [
        {
          "location": {
            "uri": "a.tally",
            "uriBaseId": "%SRCROOT%"
          },
          "roles": [
            "analysisTarget"
          ]
        }
      ],
      "results": [],
      "columnKind": "unicodeCodePoints"
    }
  ]
}
)");
}

TEST_CASE("SARIF marks a syntax error past the end of a line as an empty region", "[diagnostics][sarif]") {
  SourceRegistry sources;
  sources.add("p.tally", "product P {\n  usage = 1\n");
  const std::vector<Diagnostic> diagnostics{
      diagnostic(Severity::error, "E0101", "p.tally", 2, 12, 1, "expected `}`")};
  const std::string sarif = tally::diagnostics_sarif(diagnostics, sources, "0.1.0", {"p.tally"});
  CHECK(sarif.find(R"("region": {
                  "startLine": 2,
                  "startColumn": 12,
                  "endColumn": 12
                },
                "contextRegion": {
                  "startLine": 2,
                  "snippet": {
                    "text": "  usage = 1"
                  }
                })") != std::string::npos);
}

TEST_CASE("SARIF keeps an underline within its line", "[diagnostics][sarif]") {
  SourceRegistry sources;
  sources.add("p.tally", "let x = abc\n");
  const std::vector<Diagnostic> diagnostics{
      diagnostic(Severity::error, "E0201", "p.tally", 1, 9, 40, "unknown")};
  const std::string sarif = tally::diagnostics_sarif(diagnostics, sources, "0.1.0", {"p.tally"});
  CHECK(sarif.find(R"("startColumn": 9,
                  "endColumn": 12,
                  "snippet": {
                    "text": "abc"
                  })") != std::string::npos);
}

TEST_CASE("SARIF gives an imported file by absolute path a file URI", "[diagnostics][sarif]") {
  const std::vector<Diagnostic> diagnostics{
      diagnostic(Severity::error, "E0201", "/usr/share/tally/std lib/prelude.tally", 4, 2, 1,
                 "unknown name `x`"),
      diagnostic(Severity::note, "E9999", "a.tally", 1, 1, 1, "a code the catalogue does not know"),
  };
  const std::string sarif = tally::diagnostics_sarif(diagnostics, SourceRegistry{}, "0.1.0", {"a.tally"});
  // Without the text, columns stay as given (bytes).
  CHECK(sarif.find(R"("artifactLocation": {
                  "uri": "file:///usr/share/tally/std%20lib/prelude.tally",
                  "index": 1
                },
                "region": {
                  "startLine": 4,
                  "startColumn": 2,
                  "endColumn": 3
                })") != std::string::npos);
  // The imported file is an artifact, but not an analysis target.
  CHECK(sarif.find(R"({
          "location": {
            "uri": "file:///usr/share/tally/std%20lib/prelude.tally"
          }
        })") != std::string::npos);
  // An unknown code still gets a rule, at the level it was reported with.
  CHECK(sarif.find(R"({
              "id": "E9999",
              "defaultConfiguration": {
                "level": "note"
              },
              "helpUri": "https://example.invalid/tally/docs/diagnostics.md"
            })") != std::string::npos);
}

TEST_CASE("SARIF orders results by file then line then column then code", "[diagnostics][sarif]") {
  const std::vector<Diagnostic> diagnostics{
      diagnostic(Severity::error, "E0301", "b.tally", 1, 1, 1, "fourth"),
      diagnostic(Severity::error, "E0202", "a.tally", 2, 1, 1, "third"),
      diagnostic(Severity::error, "E0201", "a.tally", 1, 5, 1, "second"),
      diagnostic(Severity::error, "E0203", "a.tally", 1, 1, 1, "first-b"),
      diagnostic(Severity::error, "E0201", "a.tally", 1, 1, 1, "first-a"),
  };
  const std::string sarif = tally::diagnostics_sarif(diagnostics, SourceRegistry{}, "0.1.0", {});
  std::vector<std::string> order;
  for (std::size_t at = 0; (at = sarif.find("\"text\": \"", at)) != std::string::npos;) {
    at += 9;
    order.push_back(sarif.substr(at, sarif.find('"', at) - at));
  }
  // The rules' descriptions come first, then the results' messages.
  REQUIRE(order.size() >= 5);
  CHECK(std::vector<std::string>(order.end() - 5, order.end()) ==
        std::vector<std::string>{"first-a.", "first-b.", "second.", "third.", "fourth."});
}
