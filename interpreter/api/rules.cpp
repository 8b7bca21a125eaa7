// RuleSources and Rules: compile once into an immutable program.
#include "api_access.hpp"

namespace tally {

RuleSources& RuleSources::add_file(std::filesystem::path path) {
  files_.push_back(std::move(path));
  return *this;
}

RuleSources& RuleSources::add_text(std::string name, std::string text) {
  texts_.push_back({std::move(name), std::move(text)});
  return *this;
}

Outcome<Rules> Rules::compile(const RuleSources& sources, const Limits& limits) {
  auto registry = std::make_shared<SourceRegistry>();
  std::vector<SourceText> texts;
  for (const auto& text : sources.texts_)
    texts.push_back({text.name, text.text});
  auto compiled = tally::compile(sources.files_, texts, *registry, limits);
  auto diagnostics = api_access::Access::diagnostics(std::move(compiled.diagnostics), registry);
  if (!compiled.program) return Outcome<Rules>(std::move(diagnostics));
  Rules rules;
  rules.state_ =
      std::make_shared<const State>(State{std::move(registry), std::move(compiled.program), limits});
  return Outcome<Rules>(std::move(rules), std::move(diagnostics));
}

std::vector<std::string> Rules::products() const {
  return state_->program->names_of(false);
}

std::vector<std::string> Rules::licenses() const {
  return state_->program->names_of(true);
}

std::vector<std::string> Rules::columns() const {
  return state_->program->schema.column_names();
}

const Limits& Rules::limits() const {
  return state_->limits;
}

} // namespace tally
