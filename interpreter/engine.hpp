// The pipeline, one visible function per stage:
//   compile()  source files -> parse -> AST -> check -> Program (immutable)
//   bind()     Program + Subscription -> plan::Plan (parameters folded)
//   evaluate() (evaluator.hpp) Plan + Table -> Report
#pragma once

#include "diagnostic.hpp"
#include "plan.hpp"
#include "schema.hpp"
#include <tally/limits.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tally {

struct Program;    // checked rule files; defined in interpreter/program.hpp
struct LowerTrace; // what lowering saw; defined in interpreter/lower.hpp

// A setting as the user wrote it (CLI flag or subscription file), typed at bind time.
struct Setting {
  std::string text;
  SourcePos pos; // where it was named; file "<command line>" for flags
};

struct Subscription {
  std::optional<Setting> start, end, as_of;                             // dates
  std::map<std::string, Setting> globals;                               // e.g. purge_rules
  std::map<std::string, std::map<std::string, Setting>> product_params; // VMDR -> ratio -> 1.7
  std::optional<std::vector<Setting>> products;                         // bought; nullopt = every product
  std::vector<std::string> only; // --product filter; empty = all bought
};

struct CompileResult {
  std::shared_ptr<const Program> program; // null when any error was found
  std::vector<Diagnostic> diagnostics;    // every diagnostic, in source order
};

// Reads the given rule files and directories (every *.tally inside, sorted),
// resolving `import "name"` against stdlib/ and the importing file's folder.
CompileResult compile(const std::vector<std::filesystem::path>& inputs, SourceRegistry& sources,
                      const Limits& limits = {});

// Rule text held in memory, named for diagnostics.
struct SourceText {
  std::string name, text;
};

// The files and folders first, then the texts, as one program.
CompileResult compile(const std::vector<std::filesystem::path>& inputs, const std::vector<SourceText>& texts,
                      SourceRegistry& sources, const Limits& limits = {});

// Compiles rule text held in memory (tests, embedding).
CompileResult compile_source(const std::string& name, const std::string& text, SourceRegistry& sources,
                             const Limits& limits = {});

const Schema& schema_of(const Program& program);

// Folds the subscription into a plan. Every bad setting is reported (unknown
// product or parameter, wrong type), located where it was written.
struct BindResult {
  std::optional<plan::Plan> plan;
  std::vector<Diagnostic> diagnostics;
};
// `trace`, when given, records what lowering saw (lint and explain use it).
BindResult bind(const Program& program, const Subscription& subscription, LowerTrace* trace = nullptr);

// Columns the plan reads, with the product that first needs each.
std::vector<std::pair<std::string, std::string>> columns_needed(const plan::Plan& plan, const Schema& schema);

} // namespace tally
